"""No admin screens for the queue itself: Procrastinate's job admin (English, and open to any
staff user with its view right) is unregistered; staff follow their work on "我的任务", and
operators read the queue with `manage.py procrastinate` (its shell lists and retries jobs)."""

from django.contrib import admin
from procrastinate.contrib.django.models import ProcrastinateJob

if admin.site.is_registered(ProcrastinateJob):
    admin.site.unregister(ProcrastinateJob)

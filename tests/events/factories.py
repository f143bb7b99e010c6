"""Factories for the events app."""

import datetime
import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from events.models import Event, EventCategory, EventStatus, Registration, RegistrationStatus
from tests.members.factories import MemberFactory, county_union


def in_days(days, hour=9):
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def png_upload(name="photo.png", size=(800, 600), colour=(200, 16, 46)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


class EventFactory(factory.django.DjangoModelFactory):
    """A published event in ten days with sign-up open (20 places, waiting list on)."""

    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"测试活动{n}")
    category = EventCategory.HEALTH
    organiser = factory.LazyFunction(county_union)
    starts_at = factory.LazyFunction(lambda: in_days(10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=3))
    place = "县职工活动中心"
    summary = "欢迎会员参加。"
    status = EventStatus.PUBLISHED
    signup_enabled = True
    signup_opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    capacity = 20


class PastEventFactory(EventFactory):
    starts_at = factory.LazyFunction(lambda: in_days(-30))
    signup_enabled = False
    signup_opens_at = None
    capacity = None
    attendance_count = 50


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    member = factory.SubFactory(MemberFactory)
    status = RegistrationStatus.REGISTERED
    queued_at = factory.LazyFunction(timezone.now)

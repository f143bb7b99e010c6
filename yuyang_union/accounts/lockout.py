"""The page django-axes shows a locked-out sign-in: in Chinese, with the time to try again."""

from http import HTTPStatus

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    # Every refused attempt counts as a failure too, so the lock lasts a full cool-off from now.
    cool_off = settings.AXES_COOLOFF_TIME
    retry_at = timezone.localtime(timezone.now() + cool_off)
    context = {
        "title": "",
        "retry_at": retry_at,
        "minutes": int(cool_off.total_seconds() // 60),
    }
    return render(
        request, "registration/locked_out.html", context, status=HTTPStatus.TOO_MANY_REQUESTS
    )

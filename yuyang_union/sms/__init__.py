"""Text messages (SMS) to members' phones, through a pluggable backend, like Django's mail.

    from yuyang_union.sms import send_sms
    send_sms(phone="13912345678", message="...")

The backend is named by settings.SMS_BACKEND (a dotted path to a BaseSmsBackend subclass) and
built with settings.SMS_OPTIONS as keyword arguments. Shipped: `console` (the default: writes
the message to the `yuyang_union.sms` log with the phone masked; development, demo, tests) and
`locmem` (keeps messages in `yuyang_union.sms.outbox`, for tests). A real provider (Aliyun,
Tencent Cloud) is a subclass of BaseSmsBackend; see the README, "Text messages (SMS)".
"""

from django.conf import settings
from django.utils.module_loading import import_string

from .backends.base import BaseSmsBackend, SmsError, SmsMessage

__all__ = ["BaseSmsBackend", "SmsError", "SmsMessage", "get_backend", "outbox", "send_sms"]

# What the locmem backend has sent, oldest first (tests empty it: tests/conftest.py).
outbox: list[SmsMessage] = []


def get_backend(backend: str | None = None, **options: object) -> BaseSmsBackend:
    """An instance of the configured backend (or of `backend`, a dotted path)."""
    cls = import_string(backend or settings.SMS_BACKEND)
    return cls(**{**getattr(settings, "SMS_OPTIONS", {}), **options})


def send_sms(*, phone: str, message: str) -> None:
    """Send `message` to the mainland mobile `phone`; raises SmsError when it cannot be sent."""
    get_backend().send(SmsMessage(phone=phone, message=message))

"""Keeps each message in `yuyang_union.sms.outbox` (a list), for tests: nothing is sent."""

from .base import BaseSmsBackend, SmsMessage


class SmsBackend(BaseSmsBackend):
    def send(self, message: SmsMessage) -> None:
        from yuyang_union import sms

        sms.outbox.append(message)

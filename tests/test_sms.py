"""The SMS toolkit: the backend named by SMS_BACKEND, built with SMS_OPTIONS."""

import logging

import pytest

from yuyang_union import sms
from yuyang_union.sms import BaseSmsBackend, SmsMessage, get_backend, send_sms

PHONE = "13912345678"


def test_tests_send_to_the_locmem_outbox(sms_outbox):
    send_sms(phone="139 1234-5678", message="验证码 123456")
    assert sms_outbox == [SmsMessage(phone=PHONE, message="验证码 123456")]


def test_the_console_backend_logs_the_message_with_the_phone_masked(settings, caplog):
    settings.SMS_BACKEND = "yuyang_union.sms.backends.console.SmsBackend"
    with caplog.at_level(logging.INFO, logger="yuyang_union.sms"):
        send_sms(phone=PHONE, message="验证码 654321")
    assert "139****5678" in caplog.text
    assert "654321" in caplog.text
    assert PHONE not in caplog.text
    assert not sms.outbox


class RecordingBackend(BaseSmsBackend):
    sent: list[tuple[dict, SmsMessage]] = []

    def send(self, message):
        self.sent.append((self.options, message))


def test_a_provider_backend_gets_sms_options(settings):
    settings.SMS_BACKEND = f"{__name__}.RecordingBackend"
    settings.SMS_OPTIONS = {"sign_name": "酉阳县总工会", "template_code": "SMS_1"}
    send_sms(phone=PHONE, message="hello")
    assert RecordingBackend.sent[-1] == (
        {"sign_name": "酉阳县总工会", "template_code": "SMS_1"},
        SmsMessage(phone=PHONE, message="hello"),
    )


def test_the_base_backend_must_be_subclassed():
    with pytest.raises(NotImplementedError):
        get_backend("yuyang_union.sms.BaseSmsBackend").send(SmsMessage(PHONE, "x"))

"""Writes each message to the `yuyang_union.sms` log (the console in development, the journal
in production) with the phone masked: development, the demo and tests read codes there."""

import logging

from yuyang_union.personal_data.masking import mask_phone

from .base import BaseSmsBackend, SmsMessage

logger = logging.getLogger("yuyang_union.sms")


class SmsBackend(BaseSmsBackend):
    def send(self, message: SmsMessage) -> None:
        logger.info("SMS to %s: %s", mask_phone(message.phone), message.message)

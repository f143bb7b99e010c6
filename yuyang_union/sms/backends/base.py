"""The base of SMS backends: subclass it to plug in a provider."""

import dataclasses

from yuyang_union.validators import normalize_phone


class SmsError(Exception):
    """A message could not be handed to the provider. Never put the phone in its text."""


@dataclasses.dataclass(frozen=True)
class SmsMessage:
    phone: str
    message: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "phone", normalize_phone(self.phone))


class BaseSmsBackend:
    """Sends text messages to mainland mobile numbers.

    A backend is built for each message with settings.SMS_OPTIONS as keyword arguments
    (credentials, the signature, a template code...) and must implement `send()`. It must not
    log the phone in the clear (use yuyang_union.personal_data.masking.mask_phone) and should
    raise SmsError, with the provider's error code but no phone, when the provider refuses.
    """

    def __init__(self, **options: object) -> None:
        self.options = options

    def send(self, message: SmsMessage) -> None:
        raise NotImplementedError("An SMS backend must implement send().")

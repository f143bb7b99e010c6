"""The consent an applicant gives (PIPL art. 14, 29 and 31), and the version it is kept under.

Each application records the version of the text the applicant agreed to and when. Change
a text and you must change CONSENT_VERSION: `tests/applications/test_consent.py` pins the
texts' digest to the version, so an old record never points at words it did not show.
"""

import hashlib

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

CONSENT_VERSION = "2026-12-v1"

_PROCESSING = gettext_noop(
    "I agree that the Youyang County Federation of Trade Unions and the union that handles "
    "my application process the personal information in this form, only to handle this "
    "application and to tell me of its progress; that it is kept as long as the union's "
    "records require; and that I may ask to see, copy or correct it."
)
_SENSITIVE = gettext_noop(
    "I separately agree to the processing of the sensitive personal information in this "
    "form (ID number and, where I give them, my family's income, health, and my child's "
    "details, as their guardian), which is needed to check who I am and to assess my "
    "application. Without it the application cannot be handled."
)
PROCESSING_TEXT = _(_PROCESSING)
SENSITIVE_TEXT = _(_SENSITIVE)


def texts_digest() -> str:
    """A digest of the texts as written and as shown in Chinese: what the version stands for."""
    with translation.override("zh-hans"):
        shown = f"{PROCESSING_TEXT}\n{SENSITIVE_TEXT}"
    source = f"{_PROCESSING}\n{_SENSITIVE}\n{shown}"
    return hashlib.sha256(source.encode()).hexdigest()


class ConsentFormMixin(forms.Form):
    """The two consents, each its own box (separate consent is never bundled), both required."""

    consent = forms.BooleanField(
        label=PROCESSING_TEXT,
        error_messages={"required": _("The application cannot be handled without this consent.")},
    )
    sensitive_consent = forms.BooleanField(
        label=SENSITIVE_TEXT,
        error_messages={"required": _("The application cannot be handled without this consent.")},
    )

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from yuyang_union.validators import normalize_phone, validate_id_number, validate_mobile
from yuyang_union.widgets import IDNumberInput, MobileInput

from .models import AccessReason


class IDNumberField(forms.CharField):
    """An ID number typed into a form: checked (GB 11643), never offered by autocomplete.

    Room is left for blanks typed between the groups; the validator normalises them away.
    """

    default_validators = [validate_id_number]

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("ID number"))
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("widget", IDNumberInput())
        super().__init__(**kwargs)


class MobileField(forms.CharField):
    """A mainland mobile number typed into a form: checked, and cleaned to its 11 digits."""

    default_validators = [validate_mobile]

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("mobile phone"))
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("widget", MobileInput())
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        return normalize_phone(text) if text else ""


class RevealForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why do you need the full number?"),
        choices=AccessReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose why you need the full number.")},
    )


class SubjectLookupForm(forms.Form):
    """Whose copy of their data: the ID number on the card they show."""

    id_number = IDNumberField()

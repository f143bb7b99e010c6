"""Form widgets every app shares."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    """A date picker; its value must be ISO (2026-11-20), not the locale's 2026/11/20.

    A browser's date input shows nothing for a value it cannot read, so an initial date
    formatted for Chinese readers would leave the picker empty.
    """

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None, format: str = "%Y-%m-%d") -> None:
        super().__init__(attrs=attrs, format=format)


class IDNumberInput(forms.TextInput):
    """One line for an 18-character ID number, never offered by the browser's autocomplete.

    A text keyboard, not a numeric one: the last character may be X, which a phone's numeric
    keypad (inputmode="numeric") does not have. `pattern` lets the browser point at a wrong
    length or letter before the form is sent; the server's check digit test stays the rule.
    """

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        defaults = {
            "autocomplete": "off",
            "inputmode": "text",
            "maxlength": 18,
            "pattern": "[0-9]{17}[0-9Xx]",
            "title": _("18 characters: 17 digits, then a digit or X."),
            "autocapitalize": "characters",
            "spellcheck": "false",
        }
        super().__init__({**defaults, **(attrs or {})})

    def build_attrs(
        self, base_attrs: dict[str, Any], extra_attrs: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        # A form field's max_length leaves room for blanks the server strips; the input
        # itself takes the 18 characters of a number.
        return {**super().build_attrs(base_attrs, extra_attrs), "maxlength": 18}


MOBILE_INPUT_LENGTH = 13  # 11 digits and the two blanks of 3-4-4


class MobileInput(forms.TextInput):
    """One line for an 11-digit mobile number, with the phone's numeric keypad.

    Room for 13 characters: people copy a number as it is printed, 139 1234 5678, and the
    server strips the blanks; a limit of 11 would cut that one short without a word.
    """

    input_type = "tel"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        defaults = {"inputmode": "numeric", "maxlength": MOBILE_INPUT_LENGTH, "autocomplete": "tel"}
        super().__init__({**defaults, **(attrs or {})})

    def build_attrs(
        self, base_attrs: dict[str, Any], extra_attrs: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        return {**super().build_attrs(base_attrs, extra_attrs), "maxlength": MOBILE_INPUT_LENGTH}

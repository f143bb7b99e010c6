"""Form widgets every app shares."""

from typing import Any

from django import forms


class DateInput(forms.DateInput):
    """A date picker; its value must be ISO (2026-11-20), not the locale's 2026/11/20.

    A browser's date input shows nothing for a value it cannot read, so an initial date
    formatted for Chinese readers would leave the picker empty.
    """

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None, format: str = "%Y-%m-%d") -> None:
        super().__init__(attrs=attrs, format=format)

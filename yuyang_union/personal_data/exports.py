"""Exports hold identifiers masked unless a permitted user asks for them in full, on purpose.

A page with an export offers, to users who may reveal identifiers, a second form (a POST with a
purpose) beside the ordinary download; `full_export_reason(request)` says whether this request
is that choice. The export then writes the numbers in full and logs them (channel "export",
with the purpose).
"""

from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .forms import RevealForm
from .reveal import may_reveal

FULL_EXPORT_PREFIX = "full"


class FullExportForm(RevealForm):
    full_identifiers = forms.BooleanField(widget=forms.HiddenInput, initial=True)

    prefix = FULL_EXPORT_PREFIX

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = _("Purpose of the export with full numbers")


def full_export_form(request: HttpRequest) -> FullExportForm | None:
    """The form to offer on the page, or None when the user may not export numbers in full."""
    return FullExportForm() if may_reveal(request.user) else None


def full_export_reason(request: HttpRequest) -> str:
    """The stated purpose when this request asks for identifiers in full and may have them."""
    if request.method != "POST" or not may_reveal(request.user):
        return ""
    form = FullExportForm(request.POST)
    return form.cleaned_data["reason"] if form.is_valid() else ""

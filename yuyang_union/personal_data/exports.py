"""Exports hold identifiers masked unless a permitted user asks for them in full, on purpose.

A page with an export offers, to users who may reveal identifiers, a second form (a POST with a
purpose) beside the ordinary download; `full_export_reason(request)` says whether this request
is that choice. The export then writes the numbers in full and logs them (channel "export",
with the purpose).
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from .forms import RevealForm
from .masking import can_view_identifiers

FULL_EXPORT_PREFIX = "full"
NEEDS_A_PURPOSE = _("Choose the purpose of an export with full numbers.")


class FullExportForm(RevealForm):
    full_identifiers = forms.BooleanField(widget=forms.HiddenInput, initial=True)

    prefix = FULL_EXPORT_PREFIX

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = _("Purpose of the export with full numbers")


def full_export_form(request: HttpRequest) -> FullExportForm | None:
    """The form to offer on the page, or None when the user may not export numbers in full."""
    return FullExportForm() if can_view_identifiers(request.user) else None


def full_export_reason(request: HttpRequest) -> str:
    """The stated purpose when this request asks for identifiers in full and may have them."""
    if request.method != "POST" or not can_view_identifiers(request.user):
        return ""
    form = FullExportForm(request.POST)
    return form.cleaned_data["reason"] if form.is_valid() else ""


def export_purpose(request: HttpRequest, back_url: str) -> str | HttpResponse:
    """What an export's POST asks for: "" for masked numbers; the stated purpose when the
    full form was posted, by a user who may, and confirmed again (`ask_again`); or the
    response to give instead (the re-authentication, or the refusal back at `back_url`)."""
    from yuyang_union.accounts.reauth import ask_again

    if f"{FULL_EXPORT_PREFIX}-full_identifiers" not in request.POST:
        return ""
    again = ask_again(request)
    if again is not None:
        return again
    return full_export_reason(request) or refuse_full_export(request, back_url)


def refuse_full_export(request: HttpRequest, back_url: str) -> HttpResponseRedirect:
    """The answer to a full export asked for without a purpose, or without the right."""
    messages.error(request, NEEDS_A_PURPOSE)
    return HttpResponseRedirect(back_url)

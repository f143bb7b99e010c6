"""The import upload: one file field, measured before anything reads the workbook.

A file over IMPORT_MAX_UPLOAD_MB is refused from the request's declared length, before its
body is read (`refuse_oversized_uploads`); a file within it is measured from its zip
directory and its first sheet (`limits.check_workbook`), so a hostile workbook is told what
is wrong in under a second, at the field, in one Chinese sentence.
"""

import functools
import io
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponseBase
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .limits import Limits, WorkbookRefused, WorkbookShape, check_workbook
from .uploads import ViewFunction

# The form around the file (the CSRF token, the field names) adds a little to its length.
_FORM_OVERHEAD = 64 * 1024


def too_large_message() -> str:
    limits = Limits.from_settings()
    return gettext("The file is larger than %(mb)d MB: split it into smaller files.") % {
        "mb": limits.upload_bytes // (1024 * 1024)
    }


def measure_upload(upload: Any) -> tuple[bytes, WorkbookShape]:
    """The uploaded workbook's bytes and shape, or the field's ValidationError (in Chinese)."""
    if not upload.name.lower().endswith(".xlsx"):
        raise forms.ValidationError(
            gettext("Only Excel workbooks (.xlsx) can be imported: save the file as .xlsx."),
            code="not_xlsx",
        )
    data = upload.read()
    try:
        return data, check_workbook(io.BytesIO(data), len(data))
    except WorkbookRefused as refusal:
        raise forms.ValidationError(str(refusal), code="refused") from None


class ImportUploadForm(forms.Form):
    import_file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    workbook: bytes
    shape: WorkbookShape

    def clean_import_file(self) -> Any:
        upload = self.cleaned_data["import_file"]
        self.workbook, self.shape = measure_upload(upload)
        return upload


def refuse_oversized_uploads(view: ViewFunction, *, refusal: ViewFunction) -> ViewFunction:
    """`view`, unless the request declares a body over the upload limit: then `refusal`
    answers without reading it (a 2 GB upload never reaches memory)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if (
            request.method == "POST"
            and length > Limits.from_settings().upload_bytes + _FORM_OVERHEAD
        ):
            return refusal(request, *args, **kwargs)
        return view(request, *args, **kwargs)

    return wrapper

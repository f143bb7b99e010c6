"""Documents an applicant attaches: pictures (JPEG, PNG) or PDF, checked by their content,
size-limited, and pictures saved again without their metadata (a phone photo's EXIF holds
where and when it was taken)."""

import io
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PIXELS = 40_000_000
PICTURE_FORMATS = {"JPEG": ("image/jpeg", ".jpg"), "PNG": ("image/png", ".png")}
PDF_TYPE = ("application/pdf", ".pdf")


def max_bytes() -> int:
    return int(settings.APPLICATION_DOCUMENT_MAX_MB * 1024 * 1024)


@dataclass(frozen=True)
class CheckedDocument:
    """An upload that passed: its content to store, its type, and its name as uploaded."""

    content: ContentFile
    content_type: str
    original_name: str

    @property
    def size(self) -> int:
        return self.content.size


def _clean_picture(upload: UploadedFile) -> CheckedDocument:
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            picture_format = probe.format
            width, height = probe.size
            probe.verify()
        if picture_format not in PICTURE_FORMATS or width * height > MAX_PIXELS:
            raise ValidationError("unsupported")
        upload.seek(0)
        with Image.open(upload) as picture:
            upright = ImageOps.exif_transpose(picture)
            out = io.BytesIO()
            # Saved afresh: only the pixels go, no EXIF (place, time, device).
            upright.save(out, format=picture_format)
    except (UnidentifiedImageError, OSError, ValidationError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            _("%(name)s is not a picture (JPEG or PNG) or a PDF file."),
            code="document_type",
            params={"name": upload.name},
        ) from exc
    content_type, suffix = PICTURE_FORMATS[picture_format]
    return CheckedDocument(
        ContentFile(out.getvalue(), name=f"x{suffix}"), content_type, upload.name or ""
    )


def _clean_pdf(upload: UploadedFile) -> CheckedDocument:
    upload.seek(0)
    content = upload.read()
    if b"%%EOF" not in content[-2048:]:
        raise ValidationError(
            _("%(name)s is not a complete PDF file."),
            code="document_type",
            params={"name": upload.name},
        )
    return CheckedDocument(ContentFile(content, name="x.pdf"), PDF_TYPE[0], upload.name or "")


def check_document(upload: UploadedFile) -> CheckedDocument:
    """The upload as it will be stored, or a ValidationError in Chinese naming the file."""
    if upload.size is not None and upload.size > max_bytes():
        raise ValidationError(
            _("%(name)s is %(size)s; each file may be at most %(limit)s."),
            code="document_too_big",
            params={
                "name": upload.name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(max_bytes()),
            },
        )
    upload.seek(0)
    head = upload.read(5)
    if head == b"%PDF-":
        return _clean_pdf(upload)
    return _clean_picture(upload)


def _documents_help() -> str:
    return gettext(
        "Photos (JPEG, PNG) or PDF files, at most %(count)d, each up to %(size)s MB."
    ) % {
        "count": settings.APPLICATION_DOCUMENTS_MAX,
        "size": f"{settings.APPLICATION_DOCUMENT_MAX_MB:g}",
    }


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class DocumentsField(forms.FileField):
    """Several files in one input (a phone's picker takes photos or files), each checked."""

    widget = MultipleFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Documents"))
        kwargs.setdefault("help_text", lazy(_documents_help, str)())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[CheckedDocument]:
        uploads = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if not uploads:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(uploads) > settings.APPLICATION_DOCUMENTS_MAX:
            raise ValidationError(
                _("Attach at most %(count)d files."),
                code="too_many_documents",
                params={"count": settings.APPLICATION_DOCUMENTS_MAX},
            )
        checked, errors = [], []
        for upload in uploads:
            try:
                checked.append(check_document(super().clean(upload, initial)))
            except ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)
        return checked

"""Case documents: confidential files in a private storage, served only after a check."""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yuyang_union.storage.named import NamedStorage

from .cases import Case


class PrivateCaseStorage(NamedStorage):
    """Case documents: the "case_documents" storage of settings.STORAGES, private (a folder
    outside MEDIA_ROOT, PRIVATE_MEDIA_ROOT, or a private prefix of the bucket), so no public URL
    serves them. Their only URL is the download view's, which checks the user may see the case
    and streams the file from the storage.
    """

    def url(self, name):
        return reverse("legal_aid:document-file", kwargs={"name": name})


case_storage = PrivateCaseStorage("case_documents")


def get_case_storage():
    return case_storage


# What case files are made of; anything else (HTML, scripts) is refused at upload.
DOCUMENT_EXTENSIONS = ["pdf", "ofd", "doc", "docx", "xls", "xlsx", "jpg", "jpeg", "png"]


def case_document_path(instance, filename):
    """A random name: the original file name (often a person's name) stays out of paths."""
    suffix = Path(filename).suffix.lower()[:10]
    return f"cases/{timezone.localdate():%Y}/{uuid.uuid4().hex}{suffix}"


class CaseDocument(models.Model):
    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="documents"
    )
    title = models.CharField(pgettext_lazy("document", "title"), max_length=120)
    file = models.FileField(
        _("file"),
        upload_to=case_document_path,
        storage=get_case_storage,
        max_length=200,
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS)],
    )
    original_name = models.CharField(_("original file name"), max_length=200, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("case document")
        verbose_name_plural = _("case documents")
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["file"], name="case_document_file")]

    def __str__(self):
        return self.title

    def note_upload(self, *, actor):
        """Who uploaded the file just attached, and its name as uploaded (downloads use it)."""
        self.uploaded_by = actor
        self.original_name = self.file.name[: self._meta.get_field("original_name").max_length]

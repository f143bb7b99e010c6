"""Forms that post back the version their page was read at."""

from typing import Any

from django import forms
from django.forms.utils import ErrorDict

from .conflicts import stale_version_error
from .models import read_version_field


class VersionCheckedFormMixin:
    """For a ModelForm of a versioned model: a stale version is a form error, not a save.

    The instance was read in this request, so its version is the current one; the posted
    version is the one the page was read at. The save checks again in the database (the
    trigger), for the rare save between this check and the write.
    """

    instance: Any
    fields: dict[str, forms.Field]

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean()  # type: ignore[misc]
        read = cleaned.get("version")
        checked = "version" in self.fields and self.instance.pk is not None
        if checked and read is not None and read != self.instance.version:
            raise stale_version_error(self.instance, read)
        return cleaned


class ReadVersionForm(forms.Form):
    """A plain form acting on one record (a state move): it carries the version it read.

    Given the `record` as read in this request, the form starts at its version, and a post
    from an older page is refused with what changed (and nothing else: the other errors
    would be about the old page). The view passes the posted version on to the service,
    which compares it with the locked row (`conflicts.require_version`).
    """

    version = read_version_field()

    def __init__(self, *args: Any, record: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.record = record
        if record is not None:
            self.fields["version"].initial = record.version

    def full_clean(self) -> None:
        super().full_clean()
        read = getattr(self, "cleaned_data", {}).get("version")
        if self.record is not None and read is not None and read != self.record.version:
            self._errors = ErrorDict()
            self.add_error(None, stale_version_error(self.record, read))

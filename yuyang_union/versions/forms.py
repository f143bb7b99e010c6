"""Forms that post back the version their page was read at."""

from typing import Any

from django import forms

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
        stale = read is not None and read != self.instance.version
        if "version" in self.fields and self.instance.pk is not None and stale:
            raise stale_version_error(self.instance, read)
        return cleaned


class ReadVersionForm(forms.Form):
    """A plain form acting on one record (a state move): it carries the version it read.

    The view sets `initial={"version": record.version}` and passes the posted version on
    to the service, which compares it with the locked row (`conflicts.require_version`).
    """

    version = read_version_field()

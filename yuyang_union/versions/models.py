"""The version column, the trigger that moves it, and the save that writes what it read.

- `VersionField`: a positive integer, 1 for a new row. A ModelForm shows it as a hidden
  field, so every edit form posts back the version its page was read at.
- `version_trigger()`, in each versioned model's `Meta.triggers`: the database adds one on
  every UPDATE (bulk `QuerySet.update()` and raw SQL included, so a state move made
  elsewhere also makes an open form stale), and refuses an UPDATE that writes any version
  other than the row's current one, which is what a save from a stale read does. The check
  and the write are one statement on a locked row: two saves cannot both pass it.
- `VersionedModel.save()` always writes the version it holds (also with `update_fields`),
  in one transaction with its history entry, and turns the refusal into
  `StaleVersionError`.
"""

from typing import Any

import pgtrigger
from django import forms
from django.db import OperationalError, models, transaction
from django.utils.translation import gettext_lazy as _

from yuyang_union.database.triggers import OwnerOnlyIgnoreTrigger

from .errors import StaleVersionError

# The trigger's refusal: SQLSTATE 40001 (serialization_failure, "could not serialize access
# due to concurrent update"), recognised by this text.
STALE_MARKER = "stale version"


class VersionField(models.PositiveIntegerField):
    """The row's version; the database moves it (`version_trigger`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("verbose_name", _("version"))
        kwargs.setdefault("default", 1)
        # Rows written by COPY or raw SQL start at 1 too.
        kwargs.setdefault("db_default", 1)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs: Any) -> Any:
        return read_version_field()


def read_version_field() -> forms.IntegerField:
    """The hidden form field that carries the version a page was read at."""
    out_of_date = _("This page is out of date: open the record again to make your changes.")
    return forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={"required": out_of_date, "invalid": out_of_date, "min_value": out_of_date},
    )


def version_trigger() -> OwnerOnlyIgnoreTrigger:
    """The database side of the version check, for a versioned model's `Meta.triggers`."""
    return OwnerOnlyIgnoreTrigger(
        name="version_moves_on_update",
        when=pgtrigger.Before,
        operation=pgtrigger.Update,
        func=(
            "IF NEW.version IS DISTINCT FROM OLD.version THEN "
            f"RAISE EXCEPTION '{STALE_MARKER}: % row % is at version %, the change was read at %', "
            "TG_TABLE_NAME, OLD.id, OLD.version, NEW.version "
            "USING ERRCODE = 'serialization_failure'; "
            "END IF; "
            "NEW.version := OLD.version + 1; "
            "RETURN NEW;"
        ),
    )


def is_stale_version_error(error: BaseException) -> bool:
    return isinstance(error, OperationalError) and STALE_MARKER in str(error)


class VersionedModel(models.Model):
    """A model whose edits are checked against the version they were read at.

    A subclass lists `version_trigger()` in its `Meta.triggers` (a test checks every one).
    """

    version = VersionField()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        updating = not self._state.adding
        update_fields = kwargs.get("update_fields")
        if updating and update_fields:
            # The version goes with every write, so the trigger compares it.
            kwargs["update_fields"] = {*update_fields, "version"}
        # What the history entry of this save records (see get_additional_data).
        self._version_after_save = self.version + 1 if updating else self.version
        try:
            # The history entry (written before the UPDATE) goes or stays with the row.
            with transaction.atomic(savepoint=False):
                super().save(*args, **kwargs)
        except OperationalError as error:
            if is_stale_version_error(error):
                raise StaleVersionError(
                    model=type(self), pk=self.pk, read_version=self.version
                ) from error
            raise
        if updating:
            self.version += 1

    def get_additional_data(self) -> dict[str, Any]:
        """Stored with each history entry: the version the change made (see conflicts)."""
        return {"version": getattr(self, "_version_after_save", self.version + 1)}

"""What the other person changed: the history entries made after the version one read."""

from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from yuyang_union.history.display import change_row

from .errors import STALE_MESSAGE, StaleVersionError

# A conflict names at most this many changes (the newest); more are counted.
SHOWN_CHANGES = 5


def changes_since(model: type[models.Model], pk: Any, read_version: int) -> list[str]:
    """One sentence per change made to the row after `read_version`, oldest first."""
    entries = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_pk=str(pk),
            additional_data__version__gt=read_version,
        )
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-id")
    )
    sentences = []
    for entry in reversed(entries[:SHOWN_CHANGES]):
        row = change_row(entry)
        what = gettext("; ").join(f"{item['label']}: {item['text']}" for item in row.details)
        sentences.append(
            gettext("%(actor)s changed it at %(when)s: %(what)s")
            % {
                "actor": row.actor,
                "when": date_format(timezone.localtime(row.at), "DATETIME_FORMAT"),
                "what": what or gettext("no field changed"),
            }
        )
    return sentences


def describe_conflict(model: type[models.Model], pk: Any, read_version: int) -> str:
    """The refusal in full: nothing was saved, what the other person changed, what to do."""
    parts = [str(STALE_MESSAGE), *changes_since(model, pk, read_version)]
    parts.append(gettext("Open the record again to see it as it is now, then make your changes."))
    return " ".join(parts)


def stale_version_error(obj: models.Model, read_version: int) -> StaleVersionError:
    model = type(obj)
    return StaleVersionError(
        model=model,
        pk=obj.pk,
        read_version=read_version,
        message=describe_conflict(model, obj.pk, read_version),
    )


def require_version(current: models.Model, read_version: int | None) -> None:
    """Refuse an action based on an outdated read: `current` is the locked row.

    For services that lock the row and act on it: the caller's instance carries the version
    its page was read at (`read_version`); None means the caller read nothing (a job).
    """
    if read_version is not None and read_version != current.version:  # type: ignore[attr-defined]
        raise stale_version_error(current, read_version)

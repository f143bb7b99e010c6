"""How a record's history reads: its field changes (django-auditlog) and its action entries,
one timeline, newest first, in Chinese."""

import datetime
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from yuyang_union.users import Actor

from .actors import is_system_actor
from .models import ActionEntry
from .verbs import VERBS

AUDITLOG_ACTIONS = {
    LogEntry.Action.CREATE: _("Created"),
    LogEntry.Action.UPDATE: _("Changed"),
    LogEntry.Action.DELETE: _("Deleted"),
    LogEntry.Action.ACCESS: _("Viewed"),
}


@dataclass(frozen=True)
class HistoryRow:
    at: datetime.datetime
    actor: str
    action: str
    details: list[dict[str, str]]
    is_action: bool


class ObjectHistory:
    """The history of one record, newest first, page by page (a Paginator takes it).

    A page of `n` rows reads at most `n` rows of each log, whatever the page number's depth
    in a short history; histories are per record, so they stay short.
    """

    def __init__(self, obj: models.Model) -> None:
        content_type = ContentType.objects.get_for_model(obj)
        self.changes = (
            LogEntry.objects.get_for_object(obj)
            .select_related("actor", "content_type")
            .order_by("-timestamp", "-id")
        )
        self.actions = (
            ActionEntry.objects.filter(content_type=content_type, object_id=str(obj.pk))
            .select_related("actor")
            .order_by("-created_at", "-id")
        )

    def count(self) -> int:
        return self.changes.count() + self.actions.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key: slice) -> list[HistoryRow]:
        if not isinstance(key, slice) or key.stop is None:
            raise TypeError("ObjectHistory is read by pages (slices with an end).")
        rows = [change_row(entry) for entry in self.changes[: key.stop]]
        rows += [action_row(entry) for entry in self.actions[: key.stop]]
        rows.sort(key=lambda row: row.at, reverse=True)
        return rows[key]


def actor_name(user: Actor | None) -> str:
    if user is None or is_system_actor(user):
        return gettext("system")
    return user.get_username()


def action_row(entry: ActionEntry) -> HistoryRow:
    verb = VERBS.get(entry.verb)
    return HistoryRow(
        at=entry.created_at,
        actor=actor_name(entry.actor),
        action=str(verb.label) if verb else gettext("Other action"),
        details=verb.describe(entry.data) if verb else [],
        is_action=True,
    )


def change_row(entry: LogEntry) -> HistoryRow:
    return HistoryRow(
        at=entry.timestamp,
        actor=actor_name(entry.actor),
        action=str(AUDITLOG_ACTIONS.get(entry.action, _("Changed"))),
        details=displayed_changes(entry),
        is_action=False,
    )


def displayed_changes(entry: LogEntry) -> list[dict[str, str]]:
    """What one history entry changed, as [{"label", "text"}] for the history page.

    auditlog's `changes_display_dict` shows fields as before → after, but it has no form for
    many-to-many changes (it would show the keys of their dict): those read as the objects
    added or removed.
    """
    model = entry.content_type.model_class()
    many_to_many = {}
    for name, change in entry.changes_dict.items():
        if isinstance(change, dict) and change.get("type") == "m2m" and model is not None:
            many_to_many[str(model._meta.get_field(name).verbose_name)] = change
    rows = []
    for label, values in entry.changes_display_dict.items():
        change = many_to_many.get(str(label))
        if change is not None:
            template = (
                gettext("added: %(objects)s")
                if change.get("operation") == "add"
                else gettext("removed: %(objects)s")
            )
            text = template % {"objects": "、".join(change.get("objects", []))}
        else:
            text = " → ".join(str(value) for value in values)
        rows.append({"label": str(label), "text": text})
    return rows

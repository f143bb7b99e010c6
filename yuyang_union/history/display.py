"""How a record's history reads: its field changes (django-auditlog) and its action entries,
one timeline, newest first, in Chinese."""

import ast
import copy
import datetime
from dataclasses import dataclass
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
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


def changed_fields(entry: LogEntry) -> list[str]:
    """The fields an entry changed, less the number the database gave a new record (no news
    to a reader)."""
    model = entry.content_type.model_class()
    primary_key = model._meta.pk if model is not None else None
    hidden = primary_key.name if primary_key is not None and primary_key.auto_created else None
    return [name for name in entry.changes_dict if name != hidden]


def displayed_changes(entry: LogEntry) -> list[dict[str, str]]:
    """What one history entry changed, as [{"label", "text"}] for the history page.

    auditlog's `changes_display_dict` shows fields as before → after, with two gaps filled
    here: many-to-many changes (it would show the keys of their dict) read as the objects
    added or removed, and lists of choices (a household's causes, a consultation's topics),
    which it cannot join when their labels are translations, read as their labels. An empty
    value reads as "—", never as "None".
    """
    model = entry.content_type.model_class()
    stored = entry.changes_dict  # parsed from JSON at each reading: read once
    changes = {name: stored[name] for name in changed_fields(entry)}
    by_name = {}
    for name in changes:
        try:
            by_name[name] = model._meta.get_field(name) if model is not None else None
        except FieldDoesNotExist:
            by_name[name] = None
    special = {
        name: field
        for name, field in by_name.items()
        if field is not None and (_is_m2m_change(changes[name]) or _choices_of_list(field))
    }
    ordinary = {name: change for name, change in changes.items() if name not in special}
    # auditlog renders the ordinary fields, keyed by their verbose names.
    shown = _changes_display_dict(entry, ordinary) if ordinary else {}
    rows = []
    for name, change in changes.items():
        field = special.get(name)
        if field is None:
            model_field = by_name[name]
            label = model_field.verbose_name if model_field is not None else name
            values = shown.get(label, change)
            readable = _yes_or_no if isinstance(model_field, models.BooleanField) else _readable
            text = " → ".join(readable(value) for value in values)
        elif _is_m2m_change(change):
            template = (
                gettext("added: %(objects)s")
                if change.get("operation") == "add"
                else gettext("removed: %(objects)s")
            )
            label, text = field.verbose_name, template % {"objects": "、".join(change["objects"])}
        else:
            choices = _choices_of_list(field)
            label = field.verbose_name
            text = " → ".join(_list_of_choices(value, choices) for value in change)
        rows.append({"label": str(label), "text": text})
    return rows


def _changes_display_dict(entry: LogEntry, changes: dict[str, Any]) -> dict[Any, list[Any]]:
    """auditlog's display of `changes` only (a copy of the entry, the rest left out)."""
    partial = copy.copy(entry)
    partial.changes = changes
    return dict(partial.changes_display_dict)


def _is_m2m_change(change: Any) -> bool:
    return isinstance(change, dict) and change.get("type") == "m2m"


def _choices_of_list(field: Any) -> dict[str, str]:
    """{value: label} when `field` holds a list of choices (an ArrayField of them)."""
    base = getattr(field, "base_field", None)
    return {str(value): str(label) for value, label in getattr(base, "choices", None) or ()}


def _list_of_choices(stored: Any, choices: dict[str, str]) -> str:
    try:
        values = ast.literal_eval(stored) if isinstance(stored, str) else stored
    except (ValueError, SyntaxError):
        return _readable(stored)
    if not isinstance(values, list | tuple):
        return _readable(values)
    return "、".join(choices.get(str(value), str(value)) for value in values) or EMPTY


EMPTY = "—"


def _readable(value: Any) -> str:
    text = str(value)
    return EMPTY if text in ("", "None", "[]") else text


def _yes_or_no(value: Any) -> str:
    """A yes/no field's value as a word ("True" is how auditlog keeps it)."""
    words = {"True": gettext("Yes"), "False": gettext("No")}
    return words.get(str(value), _readable(value))

"""Writing the action log: one entry for each act, in the transaction of the change.

    with transaction.atomic():
        household.save()
        log_action(actor=actor, verb=verbs.HOUSEHOLD_REGISTERED, obj=household,
                   data={"tier": household.tier})

In the spirit of pretix's `log_action` and zulip's audit log: who (never None; see
`actors.system_actor`), what (a declared `Verb`), which record, when, and a small data dict
whose keys the verb declares. Values that look like an ID number or a mobile number are
masked before they are stored.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from yuyang_union.personal_data.masking import mask_id_number, mask_phone
from yuyang_union.users import Actor
from yuyang_union.validators import identifier_kind, normalize_id_number, normalize_phone

from .models import ActionEntry
from .verbs import Verb


def log_action(
    *,
    actor: Actor,
    verb: Verb,
    obj: models.Model,
    data: Mapping[str, Any] | None = None,
) -> ActionEntry:
    """Record that `actor` did `verb` to `obj`."""
    return log_actions(actor=actor, verb=verb, objects=[obj], data=data)[0]


def log_actions(
    *,
    actor: Actor,
    verb: Verb,
    objects: Iterable[models.Model],
    data: Mapping[str, Any] | None = None,
) -> list[ActionEntry]:
    """Record the same act on many records (a bulk approval): one entry each, one INSERT."""
    if actor is None or not getattr(actor, "pk", None):
        raise ValueError("An action needs its actor: pass system_actor() for the system's work.")
    details = _checked_data(verb, data or {})
    now = timezone.now()
    entries = [
        ActionEntry(
            actor=actor,
            verb=verb.code,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            object_repr=str(obj)[:200],
            data=details,
            created_at=now,
        )
        for obj in objects
    ]
    return ActionEntry.objects.bulk_create(entries, batch_size=1000)


def _checked_data(verb: Verb, data: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(data) - set(verb.details)
    if unknown:
        raise ValueError(f"{verb.code} does not declare the details {sorted(unknown)}.")
    return {key: _masked(value) for key, value in data.items()}


def _masked(value: Any) -> Any:
    if isinstance(value, list):
        return [_masked(item) for item in value]
    # Choices are stored by their value, not as the enum member.
    if isinstance(value, models.Choices):
        return value.value
    if isinstance(value, models.Model):
        return str(value)[:200]
    if isinstance(value, str):
        kind = identifier_kind(value)
        if kind == "id_number":
            return mask_id_number(normalize_id_number(value))
        if kind == "phone":
            return mask_phone(normalize_phone("".join(value.split())))
    return value

"""History entries for rows written in bulk (`bulk_create`, `bulk_update`, `update()`), which
send none of the signals django-auditlog listens to."""

from collections.abc import Iterable
from typing import Any

from auditlog.cid import get_cid
from auditlog.context import auditlog_disabled
from auditlog.diff import (
    get_field_value,
    get_mask_function,
    is_primitive,
    track_field,
)
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, router
from django.db.models.signals import pre_save
from django.utils.encoding import smart_str

from yuyang_union.database.copy import copy_insert


def log_bulk_creation(instances: Iterable[models.Model]) -> list[LogEntry]:
    """History entries for rows written by `bulk_create` (which sends no model signals).

    The entries are the ones auditlog's post_save receiver would have written (same diff,
    masking, repr, correlation id), written in one INSERT per 500.
    """
    instances = [instance for instance in instances if instance.pk is not None]
    if not instances:
        return []
    diff = _CreationDiff.of(type(instances[0]))
    return _log_bulk([(instance, diff(instance)) for instance in instances], LogEntry.Action.CREATE)


class _CreationDiff:
    """auditlog's `model_instance_diff(None, instance)` for many instances of one model.

    The same fields, values and masking, through auditlog's own `get_field_value` and mask
    function (tests/history/test_bulk.py compares the two); but the fields, their filters
    and the "before" values (all empty for a new row) are worked out once per model rather
    than once per row, which was most of an import's history cost.
    """

    _cache: dict[type[models.Model], "_CreationDiff"] = {}

    @classmethod
    def of(cls, model: type[models.Model]) -> "_CreationDiff":
        if model not in cls._cache:
            cls._cache[model] = cls(model)
        return cls._cache[model]

    def __init__(self, model: type[models.Model]) -> None:
        # auditlog.conf sets this default on the settings, unseen by the stubs' plugin.
        self.json = settings.AUDITLOG_STORE_JSON_CHANGES  # type: ignore[misc]
        config = auditlog.get_model_fields(model)
        fields = [f for f in model._meta.get_fields() if track_field(f)]
        if config["include_fields"]:
            fields = [f for f in fields if f.name in config["include_fields"]]
        if config["exclude_fields"]:
            fields = [f for f in fields if f.name not in config["exclude_fields"]]
        self.fields = fields
        self.masked = set(config["mask_fields"])
        self.mask = get_mask_function(config.get("mask_callable"))
        self.before = {f.name: get_field_value(None, f, self.json) for f in fields}

    def __call__(self, instance: models.Model) -> dict[str, Any] | None:
        diff: dict[str, Any] = {}
        for field in self.fields:
            old = self.before[field.name]
            new = get_field_value(instance, field, self.json)
            if old == new:
                continue
            if field.name in self.masked:
                diff[field.name] = (self.mask(smart_str(old)), self.mask(smart_str(new)))
            elif not self.json:
                diff[field.name] = (smart_str(old), smart_str(new))
            else:
                diff[field.name] = (
                    old if is_primitive(old) else smart_str(old),
                    new if is_primitive(new) else smart_str(new),
                )
        return diff or None


def log_bulk_update(
    changed: Iterable[tuple[models.Model, dict[str, Any]]],
) -> list[LogEntry]:
    """History entries for rows changed by `bulk_update` or `QuerySet.update()` (no signals).

    `changed` is [(instance, {"field": [old, new]})], the diff as auditlog writes it.
    """
    return _log_bulk(changed, LogEntry.Action.UPDATE)


def _log_bulk(
    changed: Iterable[tuple[models.Model, dict[str, Any] | None]], action: int
) -> list[LogEntry]:
    """Write [(instance, changes)] as auditlog entries of one model, 500 per INSERT.

    The actor and address come from `auditlog.context.set_actor` as for a single save: its
    receiver is run on each entry the way `LogEntry.save()` would run it.
    """
    changed = [(instance, changes) for instance, changes in changed if changes]
    if not changed or auditlog_disabled.get():
        return []
    model = type(changed[0][0])
    if not auditlog.contains(model):
        return []
    content_type = ContentType.objects.get_for_model(model)
    using = router.db_for_write(LogEntry)
    cid = get_cid()
    entries = []
    for instance, changes in changed:
        entry = LogEntry(
            content_type=content_type,
            object_pk=str(instance.pk),
            object_id=instance.pk if isinstance(instance.pk, int) else None,
            object_repr=smart_str(instance)[:200],
            serialized_data=LogEntry.objects._get_serialized_data_or_none(instance),
            action=action,
            changes=changes,
            cid=cid,
        )
        get_additional_data = getattr(instance, "get_additional_data", None)
        if callable(get_additional_data):
            entry.additional_data = get_additional_data()
        # set_actor fills actor, e-mail and address in a pre_save receiver of LogEntry.
        pre_save.send(sender=LogEntry, instance=entry, raw=False, using=using, update_fields=None)
        entries.append(entry)
    copy_insert(entries, using=using)
    return entries

"""History entries for rows written in bulk (`bulk_create`, `bulk_update`, `update()`), which
send none of the signals django-auditlog listens to."""

from collections.abc import Iterable
from typing import Any

from auditlog.cid import get_cid
from auditlog.context import auditlog_disabled
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, router
from django.db.models.signals import pre_save
from django.utils.encoding import smart_str


def log_bulk_creation(instances: Iterable[models.Model]) -> list[LogEntry]:
    """History entries for rows written by `bulk_create` (which sends no model signals).

    The entries are the ones auditlog's post_save receiver would have written (same diff,
    masking, repr, correlation id), written in one INSERT per 500.
    """
    changed = [
        (
            instance,
            model_instance_diff(
                None,
                instance,
                # auditlog.conf sets this default on the settings, unseen by the stubs' plugin.
                use_json_for_changes=settings.AUDITLOG_STORE_JSON_CHANGES,  # type: ignore[misc]
            ),
        )
        for instance in instances
        if instance.pk is not None
    ]
    return _log_bulk(changed, LogEntry.Action.CREATE)


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
    return LogEntry.objects.using(using).bulk_create(entries, batch_size=500)

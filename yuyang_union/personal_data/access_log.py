"""The trace of every identifier shown in full: one row per record and field."""

from collections.abc import Iterable, Sequence

from django.contrib.contenttypes.models import ContentType
from django.db import models

from yuyang_union.users import Actor

from .models import IdentifierAccessLog


def log_identifier_access(
    user: Actor,
    objects: Iterable[models.Model],
    fields: Sequence[str],
    channel: str,
    *,
    reason: str = "",
    page: str = "",
    only_with_value: bool = True,
) -> int:
    """Record that `user` was shown `fields` of `objects` in full (one INSERT for them all).

    `fields` are attribute names; an object whose field is empty is not logged (unless
    `only_with_value` is False: a record found through another's identifier). `channel` is
    an AccessChannel value (reveal, export, search, ...), `reason` an AccessReason value and
    `page` the path of the page it happened on (never a query string: it could hold a number).
    """
    entries = []
    for obj in objects:
        content_type = ContentType.objects.get_for_model(obj)  # cached after the first
        for field in fields:
            if getattr(obj, field, None) or not only_with_value:
                entries.append(
                    IdentifierAccessLog(
                        user=user,
                        content_type=content_type,
                        object_id=str(obj.pk),
                        object_repr=str(obj)[:200],
                        field=field,
                        channel=channel,
                        reason=reason,
                        page=page.split("?", 1)[0][:200],
                    )
                )
    if entries:
        IdentifierAccessLog.objects.bulk_create(entries, batch_size=1000)
    return len(entries)

"""The trace of every identifier shown in full: one row per record and field."""

from collections.abc import Iterable, Sequence

from django.contrib.contenttypes.models import ContentType
from django.db import models

from yuyang_union.users import Actor

from .models import AccessChannel, IdentifierAccessLog


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


class BatchedAccessLog:
    """The access log of a long export: records shown in full are logged `batch` at a time,
    so that the log of a hundred thousand rows never holds them all in memory.

        log = BatchedAccessLog(owner, ["id_number"], reason=full_reason)
        for entry in entries:
            log.add(entry.member)   # nothing is kept when `reason` is empty (masked)
            ...
        log.flush()
    """

    def __init__(
        self, user: Actor, fields: Sequence[str], *, reason: str, batch: int = 2000
    ) -> None:
        self.user = user
        self.fields = list(fields)
        self.reason = reason
        self.batch = batch
        self._waiting: list[models.Model] = []

    def add(self, obj: models.Model) -> None:
        if not self.reason:
            return
        self._waiting.append(obj)
        if len(self._waiting) >= self.batch:
            self.flush()

    def flush(self) -> None:
        if self._waiting:
            log_identifier_access(
                self.user, self._waiting, self.fields, AccessChannel.EXPORT, reason=self.reason
            )
            self._waiting = []

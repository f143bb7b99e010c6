"""Reads that may go to a streaming replica (DATABASE_REPLICA_URL), chosen explicitly.

The summary and the export and report jobs read a lot and write little; on a busy site they
can read from a replica and leave the primary to everyone else. They say so by entering
`reading_from_replica()`; the router then sends their reads to the "replica" alias. Every write
goes to the primary, inside the block too (an instance read from the replica is saved on the
primary), and everything outside the block reads from the primary as before.

Without DATABASE_REPLICA_URL (settings.DATABASE_REPLICA_ALIAS empty) the block changes nothing.
When the replica cannot be reached at the block's start, the block reads from the primary and
a WARNING says so. A replica lags the primary by a moment: what was saved a second before a
job starts may be missing from its file, never wrong in it.
"""

import contextlib
import functools
import logging
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any, ParamSpec, TypeVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models

logger = logging.getLogger(__name__)

# The alias the reads of the current block go to ("" outside any block).
_reading_from: ContextVar[str] = ContextVar("reading_from", default="")


def replica_alias() -> str:
    """The replica's alias when one is configured, else ""."""
    alias: str = getattr(settings, "DATABASE_REPLICA_ALIAS", "")
    return alias if alias in connections.settings else ""


def _reachable(alias: str) -> bool:
    try:
        connections[alias].ensure_connection()
    except DatabaseError as error:
        logger.warning("The read replica cannot be reached (%s); reading from the primary.", error)
        return False
    return True


@contextlib.contextmanager
def reading_from_replica() -> Iterator[str]:
    """Send the reads inside the block to the replica, if there is one and it answers; gives
    the alias the reads go to (for `transaction.atomic(using=...)` around a long read)."""
    alias = replica_alias()
    if alias and not _reachable(alias):
        alias = ""
    token = _reading_from.set(alias)
    try:
        yield alias or DEFAULT_DB_ALIAS
    finally:
        _reading_from.reset(token)


P = ParamSpec("P")
R = TypeVar("R")


def reads_from_replica(function: Callable[P, R]) -> Callable[P, R]:
    """`function` (a job's handler, a view's method) run inside `reading_from_replica()`."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with reading_from_replica():
            return function(*args, **kwargs)

    return wrapper


class ReplicaRouter:
    """Reads inside `reading_from_replica()` to the replica; writes never there."""

    def db_for_read(self, model: type[models.Model], **hints: Any) -> str | None:
        return _reading_from.get() or None

    def db_for_write(self, model: type[models.Model], **hints: Any) -> str | None:
        instance = hints.get("instance")
        replica = replica_alias()
        if replica and instance is not None and instance._state.db == replica:
            return DEFAULT_DB_ALIAS
        return None

    def allow_relation(self, obj1: models.Model, obj2: models.Model, **hints: Any) -> bool | None:
        # The replica holds the primary's rows: an object read there is one of the primary's.
        replica = replica_alias()
        if replica and replica in {obj1._state.db, obj2._state.db}:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        # A replica follows the primary's schema; it is never migrated itself.
        return False if db == replica_alias() else None

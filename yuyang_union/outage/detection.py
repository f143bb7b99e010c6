"""Which database errors mean an outage (the database cannot be reached), and which do not."""

from typing import Any

from django.db import InterfaceError, OperationalError, connection

DATABASE_ERRORS = (OperationalError, InterfaceError)


def broken(raw: Any) -> bool:
    """Whether a psycopg connection was closed or lost its server."""
    return bool(raw.closed) or bool(getattr(raw, "broken", False))


def database_down(error: BaseException) -> bool:
    """Whether `error` comes from a site database that cannot be reached.

    Connecting failed (no connection object), or the server went away during the request
    (psycopg marks the connection closed or broken). An OperationalError on a connection
    that still works (a deadlock, a statement timeout, a serialization failure) is a fault
    of that request, not an outage: it stays a 500 with its traceback.
    """
    if not isinstance(error, DATABASE_ERRORS):
        return False
    raw = connection.connection
    return raw is None or broken(raw)

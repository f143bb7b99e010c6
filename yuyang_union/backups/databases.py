"""Databases beside the live one: the scratch database of a verification, a restore's target.

All through the default connection logged in as the owner (CREATEDB), outside any
transaction (CREATE and DROP DATABASE cannot run inside one).
"""

import secrets
from collections.abc import Iterator
from contextlib import contextmanager

from django.db.backends.base.base import BaseDatabaseWrapper

from . import BackupError

# PostgreSQL's longest name.
MAX_NAME = 63


def literal(value: str) -> str:
    """A string literal for the few statements that take no parameters (CREATE DATABASE)."""
    return "'" + value.replace("'", "''") + "'"


def create_empty_database(connection: BaseDatabaseWrapper, name: str) -> None:
    """A database with the live one's encoding and locale, from template0 (nothing in it)."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_encoding_to_char(encoding), datcollate, datctype FROM pg_database "
            "WHERE datname = current_database()"
        )
        encoding, collate, ctype = cursor.fetchone()
        cursor.execute(
            f"CREATE DATABASE {quote(name)} TEMPLATE template0 ENCODING {literal(encoding)} "
            f"LC_COLLATE {literal(collate)} LC_CTYPE {literal(ctype)}"
        )


def drop_database(connection: BaseDatabaseWrapper, name: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)} WITH (FORCE)")


@contextmanager
def scratch_database(connection: BaseDatabaseWrapper) -> Iterator[str]:
    """A new empty database, dropped when the block ends, whatever happened in it."""
    live = str(connection.settings_dict["NAME"])
    name = f"{live[: MAX_NAME - 16]}_verify_{secrets.token_hex(4)}"
    create_empty_database(connection, name)
    try:
        yield name
    finally:
        drop_database(connection, name)


@contextmanager
def connected_to(connection: BaseDatabaseWrapper, name: str) -> Iterator[None]:
    """The connection, reconnected to the database `name` with the same login, while the
    block runs; everything using the default connection (the summary) reads that database."""
    if connection.in_atomic_block:
        raise BackupError("Cannot change databases inside a transaction.")
    live = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = name
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = live


def relations_in(connection: BaseDatabaseWrapper) -> int:
    """Tables, views and sequences in the connection's schema: 0 for an empty database."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_catalog.pg_class "
            "WHERE relnamespace = current_schema()::regnamespace "
            "AND relkind IN ('r', 'p', 'v', 'm', 'S', 'f')"
        )
        return int(cursor.fetchone()[0])

"""The owner's login for `migrate`, and the site role's privileges that it grants afterwards."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from .append_only import APPEND_ONLY_TABLES

# The alias of the owner's login (DATABASE_OWNER_URL); nothing but `migrate` uses it.
OWNER_ALIAS = "owner"
# What makes a login: the default alias borrows these from the owner alias during migrate.
LOGIN_SETTINGS = ("USER", "PASSWORD", "HOST", "PORT", "OPTIONS")
# The site's rights: rows and their id sequences. Never TRUNCATE (it skips row triggers),
# REFERENCES or TRIGGER, and no ownership (an owner may ALTER, DROP or disable anything).
TABLE_PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE"
SEQUENCE_PRIVILEGES = "USAGE, SELECT, UPDATE"


def quote(identifier: str) -> str:
    """A PostgreSQL identifier in double quotes (role and table names come from settings)."""
    return '"' + identifier.replace('"', '""') + '"'


def site_role() -> str:
    """The role the site connects as, which `migrate` grants the site's privileges to."""
    return str(getattr(settings, "DATABASE_SITE_ROLE", "") or "")


def owner_login() -> dict[str, Any] | None:
    """The owner alias's settings, or None when DATABASE_OWNER_URL is not configured."""
    owner: dict[str, Any] | None = connections.settings.get(OWNER_ALIAS)
    return owner


@contextmanager
def logged_in_as_owner(alias: str = DEFAULT_DB_ALIAS) -> Iterator[BaseDatabaseWrapper]:
    """The alias's connection, logged in as the owner role while the block runs.

    Migrating the "owner" alias itself is not enough: data migrations (the project's, and
    Django's content types and permissions) write through the default alias whatever
    `--database` names, and would run as the site role. So the default alias borrows the
    owner's login (the same database) and gets its own back afterwards. Any other alias, or
    no owner configured, or a default alias that already logs in as the owner (the test
    session): the connection as it is.
    """
    connection = connections[alias]
    owner = owner_login()
    if (
        alias != DEFAULT_DB_ALIAS
        or owner is None
        or owner.get("USER") == connection.settings_dict.get("USER")
    ):
        yield connection
        return
    if owner.get("NAME") != connection.settings_dict.get("NAME"):
        raise ImproperlyConfigured(
            f"DATABASE_OWNER_URL names the database {owner.get('NAME')!r}, DATABASE_URL "
            f"{connection.settings_dict.get('NAME')!r}: they must name the same database."
        )
    if connection.in_atomic_block:
        raise ImproperlyConfigured("Cannot log in as the owner inside a transaction.")
    own = {key: connection.settings_dict.get(key) for key in LOGIN_SETTINGS}
    connection.close()
    connection.settings_dict.update({key: owner.get(key) for key in LOGIN_SETTINGS})
    try:
        yield connection
    finally:
        connection.close()
        connection.settings_dict.update(own)


def grant_site_privileges(connection: BaseDatabaseWrapper, role: str) -> list[str]:
    """Give `role` the rows of every table and sequence in the connection's schema and no
    more, then take UPDATE and DELETE of the append-only tables back; return those tables.

    Run as the owner after each migration, so that new tables are granted too. Everything
    the role held before is revoked first (one transaction: the site never sees a gap), so
    the privileges are exactly these whatever an earlier version granted.
    """
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        schema = quote(cursor.fetchone()[0])
        cursor.execute("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = %s", [role])
        if cursor.fetchone() is None:
            raise ImproperlyConfigured(
                f"The site's database role {role!r} does not exist: create it (README, "
                "Production deployment; scripts/devdb.sh does it for the local cluster)."
            )
        grantee = quote(role)
        cursor.execute(f"GRANT USAGE ON SCHEMA {schema} TO {grantee}")
        cursor.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {grantee}")
        cursor.execute(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {grantee}")
        cursor.execute(f"GRANT {TABLE_PRIVILEGES} ON ALL TABLES IN SCHEMA {schema} TO {grantee}")
        cursor.execute(
            f"GRANT {SEQUENCE_PRIVILEGES} ON ALL SEQUENCES IN SCHEMA {schema} TO {grantee}"
        )
        append_only = []
        for table, updatable_columns in APPEND_ONLY_TABLES.items():
            # A partial migrate may not have made every table yet.
            cursor.execute("SELECT to_regclass(%s)", [f"{schema}.{quote(table)}"])
            if cursor.fetchone()[0] is None:
                continue
            relation = f"{schema}.{quote(table)}"
            cursor.execute(f"REVOKE UPDATE, DELETE ON {relation} FROM {grantee}")
            if updatable_columns:
                columns = ", ".join(quote(column) for column in updatable_columns)
                cursor.execute(f"GRANT UPDATE ({columns}) ON {relation} TO {grantee}")
            append_only.append(table)
    return append_only

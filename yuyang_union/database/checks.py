"""`check --deploy`: the site must not connect to the database as a superuser or an owner.

Either would give back what the two roles take away: a superuser or an owner of the tables
may drop or disable the triggers that keep paid entries final, empty a table with TRUNCATE,
and rewrite the logs. Registered in `PortalConfig.ready()`.
"""

from typing import Any

from django.core.checks import CheckMessage, Tags, register
from django.core.checks import Warning as CheckWarning
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

SUPERUSER = "yuyang_union.W001"
OWNER = "yuyang_union.W002"
UNCHECKED = "yuyang_union.W003"

# Translated when the check runs, in the language of the moment.
HINT = gettext_noop(
    "Connect the site (DATABASE_URL) as a role that owns nothing and run migrations as the "
    "owner (DATABASE_OWNER_URL); see the README, Production deployment."
)

# Whether the role is a superuser, and the tables, sequences and views of the current
# schema it owns or may act as the owner of (a member of the owning role).
ROLE_QUERY = """
    SELECT r.rolsuper, current_user, current_schema(),
        (SELECT count(*) FROM pg_catalog.pg_class c
         WHERE c.relnamespace = current_schema()::regnamespace
           AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
           AND pg_catalog.pg_has_role(c.relowner, 'MEMBER')),
        (SELECT min(c.relname) FROM pg_catalog.pg_class c
         WHERE c.relnamespace = current_schema()::regnamespace
           AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
           AND pg_catalog.pg_has_role(c.relowner, 'MEMBER'))
    FROM pg_catalog.pg_roles r WHERE r.rolname = current_user
"""


def role_warnings(connection: BaseDatabaseWrapper) -> list[CheckMessage]:
    """What is wrong with the role `connection` logs in as, for a site."""
    with connection.cursor() as cursor:
        cursor.execute(ROLE_QUERY)
        superuser, role, schema, owned, example = cursor.fetchone()
    if superuser:
        return [
            CheckWarning(
                _(
                    "The site connects to the database as %(role)s, a superuser: it could "
                    "drop or disable triggers, empty tables and rewrite the logs."
                )
                % {"role": role},
                hint=_(HINT),
                id=SUPERUSER,
            )
        ]
    if owned:
        return [
            CheckWarning(
                ngettext(
                    "The site connects to the database as %(role)s, which owns %(count)d "
                    "table, sequence or view in the schema %(schema)s (%(example)s): it "
                    "could alter or drop it and its triggers, and empty it.",
                    "The site connects to the database as %(role)s, which owns %(count)d "
                    "tables, sequences or views in the schema %(schema)s (%(example)s...): "
                    "it could alter or drop them and their triggers, and empty them.",
                    owned,
                )
                % {"role": role, "count": owned, "schema": schema, "example": example},
                hint=_(HINT),
                id=OWNER,
            )
        ]
    return []


@register(Tags.security, Tags.database, deploy=True)
def check_site_database_role(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    # A deploy check, run by `check --deploy` even without --database: the role is the
    # deployment's most important database setting.
    try:
        return role_warnings(connections[DEFAULT_DB_ALIAS])
    except DatabaseError as error:
        return [
            CheckWarning(
                _("Could not check the database role the site connects as: %(error)s")
                % {"error": error},
                id=UNCHECKED,
            )
        ]

"""Least privilege in the database: what the site role may and may not do.

The test session itself connects as the owner (tests/conftest.py); these tests open a second
connection to the test database as the site role (psycopg, same host or socket), the login
that `manage.py migrate` granted the site's rows to. Every refusal here would be allowed if
the site role were a superuser or the owner of the tables.
"""

from urllib.parse import quote

import pgtrigger
import psycopg
import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.management import get_commands
from django.db import IntegrityError, OperationalError, connection, models
from django.db.backends.postgresql.base import DatabaseWrapper
from psycopg import sql

from tests.processes import run_python
from tests.welfare.factories import EducationAidFactory, GrantFactory
from welfare.models import EducationAid, Grant
from yuyang_union.database import checks, privileges
from yuyang_union.database.append_only import APPEND_ONLY_TABLES
from yuyang_union.database.triggers import OwnerOnlyIgnoreTriggerSql

LEDGER = [Grant, EducationAid]
PAID_IS_FINAL = "paid_entry_is_final"
# Django's own keys in OPTIONS, which are not libpq's.
DJANGO_OPTIONS = {"isolation_level", "server_side_binding", "pool", "assume_role"}


def site_login(login):
    """The test database's connection settings with the site role's login."""
    if login["USER"] == connection.settings_dict["USER"]:
        pytest.fail(
            "The site and the owner are one role: set DATABASE_OWNER_URL (the project-local "
            "cluster of scripts/devdb.sh has both roles)."
        )
    return {**connection.settings_dict, **login}


def connection_params(settings_dict):
    params = {"dbname": settings_dict["NAME"], "user": settings_dict["USER"]}
    for key in ("PASSWORD", "HOST", "PORT"):
        if settings_dict[key]:
            params[key.lower()] = str(settings_dict[key])
    options = {k: v for k, v in settings_dict["OPTIONS"].items() if k not in DJANGO_OPTIONS}
    return {**params, **options}


def database_url(settings_dict):
    """A DATABASE_URL for django-environ (a socket folder goes percent-encoded in the path)."""
    user = quote(settings_dict["USER"], safe="")
    password = settings_dict["PASSWORD"]
    login = f"{user}:{quote(password, safe='')}" if password else user
    host = settings_dict["HOST"]
    name = quote(settings_dict["NAME"], safe="")
    if host.startswith("/"):
        return f"postgres://{login}@/{quote(host, safe='')}/{name}"
    port = f":{settings_dict['PORT']}" if settings_dict["PORT"] else ""
    return f"postgres://{login}@{host}{port}/{name}"


@pytest.fixture
def site_settings(django_db_setup, django_db_modify_db_settings):
    return site_login(django_db_modify_db_settings)


@pytest.fixture
def site_db(site_settings):
    """A connection to the test database as the site role, one transaction per statement."""
    with psycopg.connect(**connection_params(site_settings), autocommit=True) as site:
        # A refused statement must fail, never wait on a lock the test holds.
        site.execute("SET lock_timeout = '5s'")
        yield site


def refused(site_db, statement):
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        site_db.execute(statement)


def table(name):
    return sql.Identifier(name)


def paid_is_final_trigger(model):
    trigger = next(t for t in model._meta.triggers if t.name == PAID_IS_FINAL)
    return trigger.get_pgid(model)


# The role ----------------------------------------------------------------------------------


def test_the_site_role_is_neither_superuser_nor_owner(site_db):
    role = site_db.execute(
        "SELECT rolname, rolsuper, rolcreatedb, rolcreaterole, rolbypassrls"
        " FROM pg_roles WHERE rolname = current_user"
    ).fetchone()
    assert role == (settings.DATABASE_SITE_ROLE, False, False, False, False)
    owned = site_db.execute(
        "SELECT count(*) FROM pg_class WHERE relnamespace = current_schema()::regnamespace"
        " AND pg_has_role(relowner, 'MEMBER')"
    ).fetchone()[0]
    assert owned == 0


def test_the_site_role_holds_row_privileges_only(site_db):
    """On every table: never TRUNCATE, REFERENCES or TRIGGER; on the append-only tables, no
    UPDATE (but of the columns named) and no DELETE; on every other table, all four."""
    held = site_db.execute(
        """
        SELECT c.relname, array_agg(p.privilege_type ORDER BY p.privilege_type)
        FROM pg_class c, aclexplode(c.relacl) p
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
          AND p.grantee = (SELECT oid FROM pg_roles WHERE rolname = current_user)
        GROUP BY c.relname
        """
    ).fetchall()
    held = dict(held)
    tables = {model._meta.db_table for model in apps.get_models() if model._meta.managed}
    assert tables <= set(held), "tables the site cannot use"
    for name, granted in held.items():
        if name in APPEND_ONLY_TABLES:
            assert granted == ["INSERT", "SELECT"], name
        else:
            assert granted == ["DELETE", "INSERT", "SELECT", "UPDATE"], name
    columns = site_db.execute(
        """
        SELECT table_name, array_agg(column_name::text ORDER BY column_name)
        FROM information_schema.column_privileges
        WHERE grantee = current_user AND privilege_type = 'UPDATE'
          AND table_name = ANY(%s)
        GROUP BY table_name
        """,
        [list(APPEND_ONLY_TABLES)],
    ).fetchall()
    assert dict(columns) == {
        name: sorted(updatable) for name, updatable in APPEND_ONLY_TABLES.items() if updatable
    }


# What it may do ----------------------------------------------------------------------------


def test_the_site_reads_and_writes_the_rows_of_an_ordinary_table(site_db):
    with site_db.transaction(force_rollback=True):
        group_id = site_db.execute(
            "INSERT INTO auth_group (name) VALUES ('site role test') RETURNING id"
        ).fetchone()[0]
        site_db.execute("UPDATE auth_group SET name = 'site role test 2' WHERE id = %s", [group_id])
        assert site_db.execute("SELECT name FROM auth_group WHERE id = %s", [group_id]).fetchone()
        site_db.execute("DELETE FROM auth_group WHERE id = %s", [group_id])
        site_db.execute("SELECT count(*) FROM members_member")


def test_the_site_adds_to_the_action_log(site_db):
    with site_db.transaction(force_rollback=True):
        user_id = site_db.execute(
            "INSERT INTO auth_user (username, password, first_name, last_name, email,"
            " is_superuser, is_staff, is_active, date_joined)"
            " VALUES ('site-role-test', '!', '', '', '', false, false, true, now()) RETURNING id"
        ).fetchone()[0]
        type_id = site_db.execute(
            "INSERT INTO django_content_type (app_label, model)"
            " VALUES ('site_role_test', 'thing') RETURNING id"
        ).fetchone()[0]
        site_db.execute(
            "INSERT INTO history_actionentry"
            " (actor_id, verb, content_type_id, object_id, object_repr, data, created_at)"
            " VALUES (%s, 'test', %s, '1', 'thing', '{}', now())",
            [user_id, type_id],
        )


# The money tables: their schema and triggers are out of reach --------------------------------

LEDGER_STATEMENTS = {
    "truncate": "TRUNCATE {table}",
    "alter table": "ALTER TABLE {table} ADD COLUMN sneaky integer",
    "drop table": "DROP TABLE {table}",
    "take ownership": "ALTER TABLE {table} OWNER TO CURRENT_USER",
    "drop trigger": "DROP TRIGGER {trigger} ON {table}",
    "disable trigger": "ALTER TABLE {table} DISABLE TRIGGER {trigger}",
    "disable all triggers": "ALTER TABLE {table} DISABLE TRIGGER ALL",
    "add a trigger": (
        "CREATE TRIGGER sneaky BEFORE UPDATE ON {table} FOR EACH ROW"
        " EXECUTE FUNCTION suppress_redundant_updates_trigger()"
    ),
    "replace the trigger's function": (
        "CREATE OR REPLACE FUNCTION {trigger}() RETURNS trigger LANGUAGE plpgsql"
        " AS 'BEGIN RETURN NEW; END'"
    ),
}


@pytest.mark.parametrize("model", LEDGER, ids=lambda model: model._meta.db_table)
@pytest.mark.parametrize("statement", LEDGER_STATEMENTS.values(), ids=LEDGER_STATEMENTS.keys())
def test_the_site_cannot_empty_alter_or_unguard_a_ledger_table(site_db, model, statement):
    refused(
        site_db,
        sql.SQL(statement).format(
            table=table(model._meta.db_table), trigger=table(paid_is_final_trigger(model))
        ),
    )


def test_the_site_cannot_switch_triggers_off_for_its_session(site_db):
    # session_replication_role = replica skips every ordinary trigger: a superuser's setting.
    refused(site_db, "SET session_replication_role = replica")


def test_the_site_cannot_replace_pgtriggers_ignore_function(site_db):
    refused(
        site_db,
        "CREATE OR REPLACE FUNCTION public._pgtrigger_should_ignore(trigger_name name)"
        " RETURNS boolean LANGUAGE sql AS 'SELECT true'",
    )


# Append-only tables ----------------------------------------------------------------------


@pytest.mark.parametrize("name", APPEND_ONLY_TABLES)
def test_the_site_cannot_change_delete_or_empty_an_append_only_table(site_db, name):
    # WHERE false: PostgreSQL checks privileges whether or not a row matches.
    refused(site_db, sql.SQL("UPDATE {} SET id = id WHERE false").format(table(name)))
    refused(site_db, sql.SQL("DELETE FROM {} WHERE false").format(table(name)))
    refused(site_db, sql.SQL("TRUNCATE {}").format(table(name)))
    site_db.execute(sql.SQL("SELECT count(*) FROM {}").format(table(name)))


def test_the_site_may_only_clear_the_actor_of_field_history(site_db):
    # What deleting a user does (on_delete=SET_NULL: Django runs this UPDATE on every user
    # deletion, entries or not); nothing else in an entry may change.
    site_db.execute("UPDATE auditlog_logentry SET actor_id = NULL WHERE false")
    refused(site_db, "UPDATE auditlog_logentry SET changes_text = '' WHERE false")


def test_deleting_what_an_append_only_row_names_needs_no_update_or_delete_of_it():
    """Django carries out on_delete itself, with UPDATE (SET_NULL) and DELETE (CASCADE)
    statements that the database refuses by privilege even when no row matches: an
    append-only table's foreign keys PROTECT, or SET_NULL a column the site may update.
    CASCADE only from content types, which nothing but migrations and
    `remove_stale_contenttypes` (run as the owner) delete. No generic relation cascades."""
    by_table = {model._meta.db_table: model for model in apps.get_models()}
    for name, updatable in APPEND_ONLY_TABLES.items():
        model = by_table[name]
        for field in model._meta.concrete_fields:
            if not field.is_relation:
                continue
            on_delete = field.remote_field.on_delete
            where = f"{name}.{field.column}"
            if on_delete is models.SET_NULL:
                assert field.column in updatable, where
            elif on_delete is models.CASCADE:
                assert field.related_model is ContentType, where
            else:
                assert on_delete in (models.PROTECT, models.RESTRICT, models.DO_NOTHING), where
    for model in apps.get_models():
        for field in model._meta.private_fields:
            if isinstance(field, GenericRelation):
                assert field.related_model._meta.db_table not in APPEND_ONLY_TABLES, field


@pytest.mark.django_db
def test_every_append_only_table_exists():
    """A renamed model must take its name here along (else its log becomes changeable)."""
    tables = {model._meta.db_table for model in apps.get_models()}
    assert set(APPEND_ONLY_TABLES) <= tables
    with connection.cursor() as cursor:
        for name in APPEND_ONLY_TABLES:
            cursor.execute("SELECT to_regclass(%s)", [name])
            assert cursor.fetchone()[0] is not None, name


# pgtrigger's ignore switch -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "factory"), [(Grant, GrantFactory), (EducationAid, EducationAidFactory)]
)
@pytest.mark.django_db(transaction=True)
def test_pgtrigger_ignore_lets_the_owner_but_not_the_site_change_a_paid_entry(
    migrated_rows, site_db, model, factory
):
    migrated_rows.restore()
    entry = factory(**({"paid": True} if model is Grant else {}))
    assert entry.is_paid
    trigger = paid_is_final_trigger(model)
    name = table(model._meta.db_table)

    # The site: the switch is ignored, the trigger refuses.
    for statement in (
        "UPDATE {} SET notes = 'changed' WHERE id = %s",
        "DELETE FROM {} WHERE id = %s",
    ):
        with site_db.transaction(force_rollback=True):
            site_db.execute(sql.SQL("SET LOCAL pgtrigger.ignore = {}").format(f"{{{trigger}}}"))
            with pytest.raises(psycopg.errors.IntegrityConstraintViolation, match="is paid"):
                site_db.execute(sql.SQL(statement).format(name), [entry.pk])

    # The owner (this session) may use it, e.g. in a data migration; without it, refused too.
    rows = model.objects.filter(pk=entry.pk)
    with pytest.raises(IntegrityError):
        rows.update(notes="changed")
    with pgtrigger.ignore(f"welfare.{model.__name__}:{PAID_IS_FINAL}"):
        rows.update(notes="changed")
    assert rows.get().notes == "changed"


def test_the_site_can_ignore_no_trigger_guarding_what_it_may_do():
    """A trigger compiled by plain pgtrigger can be skipped by any role (`SET pgtrigger.ignore`):
    allowed only on an append-only table, for operations the site has no privilege for."""
    for model, trigger in pgtrigger.registered():
        if isinstance(trigger.compile(model).sql, OwnerOnlyIgnoreTriggerSql):
            continue
        operations = {part.split()[0] for part in str(trigger.operation).split(" OR ")}
        uri = trigger.get_uri(model)
        assert model._meta.db_table in APPEND_ONLY_TABLES, uri
        assert not APPEND_ONLY_TABLES[model._meta.db_table], uri
        assert operations <= {"UPDATE", "DELETE", "TRUNCATE"}, uri


# migrate ---------------------------------------------------------------------------------


def run_manage(args, env_overrides):
    return run_python(["manage.py", *args], env_overrides, timeout=300)


def test_the_projects_migrate_command_is_the_one_that_runs():
    assert get_commands()["migrate"] == "yuyang_union"


@pytest.mark.django_db(transaction=True)
def test_migrate_logs_in_as_the_owner_and_grants_the_site_its_rows(
    migrated_rows, site_settings, site_db
):
    migrated_rows.restore()
    site = settings.DATABASE_SITE_ROLE
    with connection.cursor() as cursor:
        cursor.execute(f"REVOKE ALL ON auth_group FROM {privileges.quote(site)}")
    refused(site_db, "SELECT count(*) FROM auth_group")

    result = run_manage(
        ["migrate", "--no-input"],
        {
            "DATABASE_URL": database_url(site_settings),
            "DATABASE_OWNER_URL": database_url(connection.settings_dict),
        },
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert f"as {connection.settings_dict['USER']}" in result.stdout
    site_db.execute("SELECT count(*) FROM auth_group")


def test_migrate_refuses_an_owner_login_to_another_database(site_settings):
    result = run_manage(
        ["migrate", "--no-input"],
        {
            "DATABASE_URL": database_url(site_settings),
            "DATABASE_OWNER_URL": database_url({**connection.settings_dict, "NAME": "other"}),
        },
    )
    assert result.returncode != 0
    assert "must name the same database" in result.stderr


# check --deploy --------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_deploy_check_warns_when_the_site_connects_as_the_owner():
    # This session connects as the owner (tests/conftest.py).
    assert [message.id for message in checks.role_warnings(connection)] == [checks.OWNER]


@pytest.mark.django_db
def test_the_deploy_check_is_quiet_for_the_site_role(site_settings):
    site = DatabaseWrapper(site_settings, alias="site_role_check")
    try:
        assert checks.role_warnings(site) == []
    finally:
        site.close()


@pytest.mark.django_db
def test_the_deploy_check_warns_when_the_site_connects_as_a_superuser(site_settings):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rolname FROM pg_roles WHERE rolsuper AND rolcanlogin ORDER BY oid LIMIT 1"
        )
        superuser = cursor.fetchone()[0]
    wrapper = DatabaseWrapper({**site_settings, "USER": superuser, "PASSWORD": ""}, alias="su")
    try:
        wrapper.ensure_connection()
    except OperationalError:
        pytest.skip(f"no password-less login as the superuser {superuser} on this server")
    try:
        assert [message.id for message in checks.role_warnings(wrapper)] == [checks.SUPERUSER]
    finally:
        wrapper.close()


def test_check_deploy_reports_an_owner_login(site_settings):
    owner_url = database_url(connection.settings_dict)
    result = run_manage(["check", "--deploy"], {"DATABASE_URL": owner_url})
    assert checks.OWNER in result.stdout + result.stderr
    result = run_manage(["check", "--deploy"], {"DATABASE_URL": database_url(site_settings)})
    assert "yuyang_union.W" not in result.stdout + result.stderr

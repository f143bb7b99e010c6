"""Triggers that the site role cannot switch off with `pgtrigger.ignore`.

django-pgtrigger lets a session skip a trigger: `pgtrigger.ignore()` sets the session variable
`pgtrigger.ignore` to the trigger's name, and every trigger function first asks
`_pgtrigger_should_ignore(TG_NAME)`, which reads it. PostgreSQL lets any role set a custom
variable, and pgtrigger 4.17 has no setting that turns the switch off: a site role that may
UPDATE a table could skip its guard with one `SET`. `OwnerOnlyIgnoreTrigger` compiles to
pgtrigger's SQL with one condition added: the switch counts only for a member of the role
that owns the table (the owner, a superuser), which the site role is not and cannot become.
The owner keeps `pgtrigger.ignore` (a data migration or a purge may need it).

Migrations name `OwnerOnlyIgnoreTriggerSql` (its path is in them): like pgtrigger's
`UpsertTriggerSql`, never edit its template; add a new class for a new version.
"""

import pgtrigger
from django.db import models
from pgtrigger import compiler

# pgtrigger's installation template (pgtrigger.compiler.UpsertTriggerSql, v1) with the
# ignore switch limited to members of the table's owner. Names are schema-qualified: the
# trigger runs with the session's search_path.
OWNER_ONLY_IGNORE_TEMPLATE = """
    CREATE OR REPLACE FUNCTION {ignore_func_name}(
        trigger_name NAME
    )
    RETURNS BOOLEAN AS $$
        DECLARE
            _pgtrigger_ignore TEXT[];
            _result BOOLEAN;
        BEGIN
            BEGIN
                SELECT INTO _pgtrigger_ignore
                    CURRENT_SETTING('pgtrigger.ignore');
                EXCEPTION WHEN OTHERS THEN
            END;
            IF _pgtrigger_ignore IS NOT NULL THEN
                SELECT trigger_name = ANY(_pgtrigger_ignore)
                INTO _result;
                RETURN _result;
            ELSE
                RETURN FALSE;
            END IF;
        END;
    $$ LANGUAGE plpgsql;

    CREATE OR REPLACE FUNCTION {pgid}()
    RETURNS TRIGGER AS $$
        {declare}
        BEGIN
            IF ({ignore_func_name}(TG_NAME) IS TRUE
                AND pg_catalog.pg_has_role(
                    (SELECT relowner FROM pg_catalog.pg_class WHERE oid = TG_RELID), 'MEMBER'
                )) THEN
                IF (TG_OP = 'DELETE') THEN
                    RETURN OLD;
                ELSE
                    RETURN NEW;
                END IF;
            END IF;
            {func}
        END;
    $$ LANGUAGE plpgsql;

    DROP TRIGGER IF EXISTS {pgid} ON {table};
    CREATE {constraint} TRIGGER {pgid}
        {when} {operation} ON {table}
        {timing}
        {referencing}
        FOR EACH {level} {condition}
        EXECUTE PROCEDURE {execute};

    COMMENT ON TRIGGER {pgid} ON {table} IS '{hash}';
"""


class OwnerOnlyIgnoreTriggerSql(compiler.UpsertTriggerSql):
    """pgtrigger's trigger SQL whose ignore switch only the table's owner may use."""

    def get_template(self) -> str:
        return OWNER_ONLY_IGNORE_TEMPLATE


class OwnerOnlyIgnoreTrigger(pgtrigger.Trigger):
    """A `pgtrigger.Trigger` (same arguments) that the site role cannot ignore."""

    def compile(self, model: models.Model) -> compiler.Trigger:
        compiled = super().compile(model)
        return compiler.Trigger(
            name=compiled.name, sql=OwnerOnlyIgnoreTriggerSql(**compiled.sql.kwargs)
        )

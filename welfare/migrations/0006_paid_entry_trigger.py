"""One trigger function for every welfare ledger table: a paid entry is final.

Migration 0002 gave `welfare_grant` a trigger of its own. Education aid (金秋助学) follows
the same rule, so the function is now generic (it names the table it guards in its
message) and is attached to each table that stores `PaidLedgerEntry` rows. A new entry
model adds its table to `LEDGER_TABLES` in a migration of its own.
"""

from django.db import migrations

LEDGER_TABLES = ["welfare_grant", "welfare_educationaid"]

FUNCTION = """
CREATE FUNCTION welfare_paid_entry_is_final() RETURNS trigger AS $$
BEGIN
    IF OLD.state = 'paid' THEN
        RAISE EXCEPTION '% row % is paid and cannot be changed or deleted; record a reversal',
            TG_TABLE_NAME, OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""

TRIGGER = """
CREATE TRIGGER welfare_paid_entry_is_final
    BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION welfare_paid_entry_is_final();
"""

DROP_TRIGGER = "DROP TRIGGER IF EXISTS welfare_paid_entry_is_final ON {table};"

# The trigger of migration 0002, replaced here (and put back when unapplied).
OLD_GRANT_TRIGGER_DROP = """
DROP TRIGGER IF EXISTS welfare_grant_paid_is_final ON welfare_grant;
DROP FUNCTION IF EXISTS welfare_grant_paid_is_final();
"""
OLD_GRANT_TRIGGER_CREATE = """
CREATE FUNCTION welfare_grant_paid_is_final() RETURNS trigger AS $$
BEGIN
    IF OLD.state = 'paid' THEN
        RAISE EXCEPTION
            'welfare grant % is paid and cannot be changed or deleted; record a reversal',
            OLD.id USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER welfare_grant_paid_is_final
    BEFORE UPDATE OR DELETE ON welfare_grant
    FOR EACH ROW EXECUTE FUNCTION welfare_grant_paid_is_final();
"""

FORWARD = "\n".join(
    [OLD_GRANT_TRIGGER_DROP, FUNCTION] + [TRIGGER.format(table=table) for table in LEDGER_TABLES]
)
BACKWARD = "\n".join(
    [DROP_TRIGGER.format(table=table) for table in LEDGER_TABLES]
    + ["DROP FUNCTION IF EXISTS welfare_paid_entry_is_final();", OLD_GRANT_TRIGGER_CREATE]
)


class Migration(migrations.Migration):
    dependencies = [("welfare", "0005_education_aid_ledger")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]

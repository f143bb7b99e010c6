"""A paid grant is a ledger entry: the database itself refuses to change or delete it.

The model and the admin refuse too, but a trigger also covers bulk `QuerySet.update()`,
raw SQL and any future code path that forgets the rule. Corrections are new rows
(reversals), which the trigger does not touch.
"""

from django.db import migrations

CREATE = """
CREATE FUNCTION welfare_grant_paid_is_final() RETURNS trigger AS $$
BEGIN
    IF OLD.state = 'paid' THEN
        RAISE EXCEPTION 'welfare grant % is paid and cannot be changed or deleted; record a reversal', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
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

DROP = """
DROP TRIGGER IF EXISTS welfare_grant_paid_is_final ON welfare_grant;
DROP FUNCTION IF EXISTS welfare_grant_paid_is_final();
"""


class Migration(migrations.Migration):
    dependencies = [("welfare", "0001_initial")]

    operations = [migrations.RunSQL(CREATE, DROP)]

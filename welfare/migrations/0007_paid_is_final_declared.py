"""The paid-is-final rule, declared on the ledger models (django-pgtrigger) instead of SQL
written by hand: the hand-written triggers of migrations 0002 and 0006, where a database still
has them, make way for the declared ones (same condition, same error)."""

import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('welfare', '0006_paid_entry_trigger'),
    ]

    operations = [
        migrations.RunSQL(
            """
            DROP TRIGGER IF EXISTS welfare_paid_entry_is_final ON welfare_grant;
            DROP TRIGGER IF EXISTS welfare_paid_entry_is_final ON welfare_educationaid;
            DROP TRIGGER IF EXISTS welfare_grant_paid_is_final ON welfare_grant;
            DROP FUNCTION IF EXISTS welfare_paid_entry_is_final();
            DROP FUNCTION IF EXISTS welfare_grant_paid_is_final();
            """,
            migrations.RunSQL.noop,
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='educationaid',
            trigger=pgtrigger.compiler.Trigger(name='paid_entry_is_final', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD."state" = \'paid\')', func="RAISE EXCEPTION '% row % is paid and cannot be changed or deleted; record a reversal', TG_TABLE_NAME, OLD.id USING ERRCODE = 'integrity_constraint_violation';", hash='aa0582bfd3aafea021bb4c624ab5fccd0712e30b', operation='UPDATE OR DELETE', pgid='pgtrigger_paid_entry_is_final_7aef8', table='welfare_educationaid', when='BEFORE')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='grant',
            trigger=pgtrigger.compiler.Trigger(name='paid_entry_is_final', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD."state" = \'paid\')', func="RAISE EXCEPTION '% row % is paid and cannot be changed or deleted; record a reversal', TG_TABLE_NAME, OLD.id USING ERRCODE = 'integrity_constraint_violation';", hash='e2bca0f5723e3e7fcb8524c81a357649f97746c6', operation='UPDATE OR DELETE', pgid='pgtrigger_paid_entry_is_final_a9a69', table='welfare_grant', when='BEFORE')),
        ),
    ]

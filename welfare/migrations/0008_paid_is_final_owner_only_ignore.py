"""The paid-is-final trigger again, now compiled so that only the tables' owner may skip it
with `pgtrigger.ignore` (yuyang_union.database.triggers): the site role, which may UPDATE
unpaid entries, could otherwise switch the trigger off with one SET. Removed and added in
the migration's one transaction, so no statement ever sees the tables unguarded."""

import pgtrigger.compiler
import pgtrigger.migrations
import yuyang_union.database.triggers
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('welfare', '0007_paid_is_final_declared'),
    ]

    operations = [
        pgtrigger.migrations.RemoveTrigger(
            model_name='educationaid',
            name='paid_entry_is_final',
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name='grant',
            name='paid_entry_is_final',
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='educationaid',
            trigger=pgtrigger.compiler.Trigger(name='paid_entry_is_final', sql=yuyang_union.database.triggers.OwnerOnlyIgnoreTriggerSql(condition='WHEN (OLD."state" = \'paid\')', func="RAISE EXCEPTION '% row % is paid and cannot be changed or deleted; record a reversal', TG_TABLE_NAME, OLD.id USING ERRCODE = 'integrity_constraint_violation';", hash='879b05c425b8d834c8442532ce3bc25127c324f7', operation='UPDATE OR DELETE', pgid='pgtrigger_paid_entry_is_final_7aef8', table='welfare_educationaid', when='BEFORE')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='grant',
            trigger=pgtrigger.compiler.Trigger(name='paid_entry_is_final', sql=yuyang_union.database.triggers.OwnerOnlyIgnoreTriggerSql(condition='WHEN (OLD."state" = \'paid\')', func="RAISE EXCEPTION '% row % is paid and cannot be changed or deleted; record a reversal', TG_TABLE_NAME, OLD.id USING ERRCODE = 'integrity_constraint_violation';", hash='bfa1e7cd34c2331beeb61fe218b0192e93c1662b', operation='UPDATE OR DELETE', pgid='pgtrigger_paid_entry_is_final_a9a69', table='welfare_grant', when='BEFORE')),
        ),
    ]

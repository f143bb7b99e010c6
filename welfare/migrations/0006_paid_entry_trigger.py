"""Superseded. This migration once wrote by hand one trigger function for every ledger table;
the rule is now declared on the models (`welfare.models.ledger.paid_is_final`, installed by
migration 0007, which also drops what this migration created on older databases)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("welfare", "0005_education_aid_ledger")]

    operations = []

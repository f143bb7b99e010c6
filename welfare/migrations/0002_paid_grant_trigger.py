"""Superseded. This migration once wrote by hand a trigger refusing to change a paid grant;
the rule is now declared on the models (`welfare.models.ledger.paid_is_final`, installed by
migration 0007, which also drops what this migration created on older databases)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("welfare", "0001_initial")]

    operations = []

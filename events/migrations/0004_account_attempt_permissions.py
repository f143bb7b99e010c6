from django.db import migrations

from yuyang_union import roles


def grant(apps, schema_editor):
    # The administrators read (and may clear) the attempts, as they did the activation attempts.
    roles.grant_permissions(
        apps,
        {roles.ADMINISTRATORS: ["events.view_accountattempt", "events.delete_accountattempt"]},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_account_codes"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

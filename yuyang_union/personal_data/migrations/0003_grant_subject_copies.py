"""The organisation department and the administrators may hand a person a copy of their data
(PIPL art. 45): they answer members' requests and keep the member records."""

from django.db import migrations

from yuyang_union import roles


def grant(apps, schema_editor):
    roles.grant_permissions(
        apps,
        {
            roles.ORGANISATION: ["personal_data.export_personal_data"],
            roles.ADMINISTRATORS: ["personal_data.export_personal_data"],
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("personal_data", "0002_reveal_purpose_and_key_fingerprints"),
        ("members", "0004_role_permissions"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

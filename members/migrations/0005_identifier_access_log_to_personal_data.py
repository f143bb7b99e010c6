"""The identifier access log and the permission to see identifiers in full now belong to
`yuyang_union.personal_data` (its migration 0001 moved the rows); members forgets them."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0004_role_permissions"),
        ("personal_data", "0001_identifier_access_log_from_members"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="IdentifierAccessLog")],
            database_operations=[],
        ),
        migrations.AlterModelOptions(
            name="member",
            options={
                "ordering": ["name", "id"],
                "permissions": [("import_member", "Can import members from Excel")],
                "verbose_name": "member",
                "verbose_name_plural": "members",
            },
        ),
    ]

"""The identifier access log moves from `members` to this app, with every row it holds.

The table keeps its rows: the model is created here in the migration state only (the table
still named `members_identifieraccesslog`), its content type and permissions follow it (so
role grants stay as they were), the site-wide permission to see identifiers in full moves
from the member model to this one, and finally the table takes this app's name.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type_and_permission(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    old = ContentType.objects.filter(app_label="members", model="identifieraccesslog").first()
    new = ContentType.objects.filter(app_label="personal_data", model="identifieraccesslog").first()
    if old is not None and new is None:
        old.app_label = "personal_data"
        old.save(update_fields=["app_label"])
        new = old
    elif new is None:
        new = ContentType.objects.create(app_label="personal_data", model="identifieraccesslog")
    elif old is not None:
        Permission.objects.filter(content_type=old).update(content_type=new)
        old.delete()
    Permission.objects.filter(
        content_type__app_label="members", codename="view_personal_identifiers"
    ).update(content_type=new)


def move_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    ContentType.objects.filter(app_label="personal_data", model="identifieraccesslog").update(
        app_label="members"
    )
    member = ContentType.objects.filter(app_label="members", model="member").first()
    if member is not None:
        Permission.objects.filter(codename="view_personal_identifiers").update(content_type=member)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("members", "0004_role_permissions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="IdentifierAccessLog",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("object_id", models.CharField(max_length=40, verbose_name="record id")),
                        ("object_repr", models.CharField(max_length=200, verbose_name="record")),
                        ("field", models.CharField(max_length=50, verbose_name="field")),
                        ("channel", models.CharField(choices=[("list", "List page"), ("detail", "Detail page"), ("export", "Export"), ("page", "Staff page")], max_length=10, verbose_name="where")),
                        ("accessed_at", models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="accessed at")),
                        ("content_type", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="contenttypes.contenttype", verbose_name="record type")),
                        ("user", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="identifier_accesses", to=settings.AUTH_USER_MODEL, verbose_name="user")),
                    ],
                    options={
                        "verbose_name": "identifier access",
                        "verbose_name_plural": "identifier access log",
                        "ordering": ["-accessed_at", "-id"],
                        "default_permissions": ("view",),
                        "permissions": [("view_personal_identifiers", "Can see ID numbers and phones in full")],
                        "db_table": "members_identifieraccesslog",
                        "indexes": [models.Index(fields=["content_type", "object_id"], name="idaccess_record"), models.Index(fields=["user", "accessed_at"], name="idaccess_user_time")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type_and_permission, move_back),
        migrations.AlterModelTable(name="identifieraccesslog", table=None),
    ]

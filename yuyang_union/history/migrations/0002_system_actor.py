"""The system actor (work no person does: jobs, the demo), and the action log for
administrators."""

from django.contrib.auth.hashers import make_password
from django.db import migrations

from yuyang_union import roles

SYSTEM_USERNAME = "system"


def create_system_actor(apps, schema_editor):
    User = apps.get_model("auth", "User")
    User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"is_active": False, "password": make_password(None)},
    )


def grant(apps, schema_editor):
    roles.grant_permissions(apps, {roles.ADMINISTRATORS: ["history.view_actionentry"]})


class Migration(migrations.Migration):
    dependencies = [
        ("history", "0001_action_log"),
        ("yuyang_union", "0002_roles"),
    ]

    operations = [
        migrations.RunPython(create_system_actor, migrations.RunPython.noop),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]

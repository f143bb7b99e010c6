from django.db import migrations

from yuyang_union import roles

EVERY_STAFF_ROLE = {role: ["yuyang_union.access_staff_pages"] for role in roles.ALL_ROLES}


def create_roles(apps, schema_editor):
    grants = dict(EVERY_STAFF_ROLE)
    grants[roles.LEADERS] = [*grants[roles.LEADERS], "yuyang_union.view_summary"]
    grants[roles.ADMINISTRATORS] = [
        *grants[roles.ADMINISTRATORS],
        "yuyang_union.view_summary",
        "auth.view_user",
        "auth.add_user",
        "auth.change_user",
        "auth.view_group",
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
        "axes.view_accesslog",
        "axes.view_accessfailurelog",
    ]
    roles.grant_permissions(apps, grants)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=roles.ALL_ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("yuyang_union", "0001_portal_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]

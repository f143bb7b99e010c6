from django.db import migrations

from yuyang_union import roles

MODELS = ["competition", "competitionevent", "participation", "entry", "competitiontitle",
          "coorganiser"]


def grant(apps, schema_editor):
    editing = [
        f"competitions.{action}_{model}"
        for model in MODELS
        for action in ("view", "add", "change", "delete")
    ]
    viewing = [f"competitions.view_{model}" for model in MODELS]
    roles.grant_permissions(
        apps,
        {
            roles.COMPETITIONS: [
                *editing,
                "competitions.import_entry",
                "competitions.promote_to_honour",
                # Entrants and their employers are picked from the members app's records.
                "members.view_member",
                "members.view_employer",
                "members.view_honour",
                "members.add_honour",
                "members.view_honourtitle",
                "members.add_honourtitle",
            ],
            roles.LEADERS: viewing,
        },
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="competitions")
    for group in Group.objects.filter(
        name__in=[roles.COMPETITIONS, roles.LEADERS]
    ):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("competitions", "0001_initial"),
        ("yuyang_union", "0002_roles"),
        ("members", "0002_reference_data"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

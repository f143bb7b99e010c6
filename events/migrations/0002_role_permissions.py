from django.db import migrations

from yuyang_union import roles

PUBLISHING = [
    "events.view_event",
    "events.add_event",
    "events.change_event",
    "events.delete_event",
    "events.view_eventphoto",
    "events.add_eventphoto",
    "events.change_eventphoto",
    "events.delete_eventphoto",
    "events.view_registration",
    "events.add_registration",
    "events.change_registration",
    "events.view_memberaccount",
    "events.create_member_account",
]


def grant(apps, schema_editor):
    roles.grant_permissions(
        apps,
        {
            roles.EVENTS: PUBLISHING,
            # Officers hold their own union's events (ScopedAdmin keeps them in their subtree).
            roles.GRASSROOTS_OFFICERS: PUBLISHING,
            roles.LEADERS: ["events.view_event", "events.view_registration"],
            roles.ADMINISTRATORS: [
                *PUBLISHING,
                "events.delete_registration",
                "events.view_activationattempt",
                "events.delete_activationattempt",
            ],
        },
    )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=roles.ALL_ROLES):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="events"))


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("yuyang_union", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

from django.db import migrations

from yuyang_union import roles

# The departments read the summary as the leaders do; grassroots officers see only their own
# union's records, and the summary is county-wide, so they do not.
SUMMARY_READERS = [
    roles.ADMINISTRATORS,
    roles.LEADERS,
    roles.ORGANISATION,
    roles.WELFARE,
    roles.LEGAL,
    roles.COMPETITIONS,
    roles.EVENTS,
]
TALLY_AND_SNAPSHOT_ADMIN = [
    f"summary.{action}_{model}"
    for model in ("yearlytally", "snapshot")
    for action in ("view", "add", "change", "delete")
]
# Leaders read tallies and freeze a period's figures (the congress report); they do not
# type numbers in.
LEADER_GRANTS = ["summary.view_yearlytally", "summary.view_snapshot", "summary.add_snapshot"]


def grant(apps, schema_editor):
    grants = {role: ["yuyang_union.view_summary"] for role in SUMMARY_READERS}
    grants[roles.ADMINISTRATORS] += TALLY_AND_SNAPSHOT_ADMIN
    grants[roles.LEADERS] += LEADER_GRANTS
    roles.grant_permissions(apps, grants)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ours = Permission.objects.filter(content_type__app_label="summary")
    view_summary = Permission.objects.filter(
        content_type__app_label="yuyang_union", codename="view_summary"
    )
    for group in Group.objects.filter(name__in=SUMMARY_READERS):
        group.permissions.remove(*ours)
        if group.name not in (roles.ADMINISTRATORS, roles.LEADERS):  # granted by 0002_roles
            group.permissions.remove(*view_summary)


class Migration(migrations.Migration):
    dependencies = [
        ("summary", "0001_initial"),
        ("yuyang_union", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

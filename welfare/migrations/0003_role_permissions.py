from django.db import migrations

from yuyang_union import roles

MODELS = [
    "hardshiphousehold",
    "householdperson",
    "householdreview",
    "reliefcampaign",
    "grant",
    "educationaid",
    "mutualaidenrolment",
    "womenworkerservice",
    "checkupround",
    "healthcheckup",
    "employmentcampaign",
    "servicesite",
]
ACTIONS = ["view", "add", "change", "delete"]


def grant(apps, schema_editor):
    welfare_staff = [f"welfare.{action}_{model}" for model in MODELS for action in ACTIONS]
    welfare_staff += [
        "welfare.approve_grant",
        "welfare.import_grant",
        "welfare.import_hardshiphousehold",
        "welfare.import_educationaid",
    ]
    leaders = [f"welfare.view_{model}" for model in MODELS]
    # Grassroots officers register and propose for their own union (the views and admin
    # limit them to its subtree); approving and paying stays with the county's welfare staff.
    officers = [
        f"welfare.{action}_{model}"
        for model in ["hardshiphousehold", "householdperson", "householdreview", "grant", "educationaid"]
        for action in ["view", "add", "change"]
    ] + ["welfare.view_reliefcampaign"]
    roles.grant_permissions(
        apps,
        {roles.WELFARE: welfare_staff, roles.LEADERS: leaders, roles.GRASSROOTS_OFFICERS: officers},
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="welfare")
    for group in Group.objects.filter(name__in=[roles.WELFARE, roles.LEADERS, roles.GRASSROOTS_OFFICERS]):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("welfare", "0002_paid_grant_trigger"),
        ("yuyang_union", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

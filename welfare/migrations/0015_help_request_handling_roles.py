"""Who handles members' hardship and 金秋助学 requests (issue 18): the county's welfare staff
and the grassroots officers, each in their own union subtree (the requests go to the member's
own union, whose officers know the household first). Approving the aid stays with the
county's welfare staff (`welfare.approve_grant`)."""

from django.db import migrations

from yuyang_union import roles

HANDLE = "welfare.handle_helprequest"


def grant(apps, schema_editor):
    roles.grant_permissions(
        apps, {roles.WELFARE: [HANDLE], roles.GRASSROOTS_OFFICERS: [HANDLE]}
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    handle = Permission.objects.filter(content_type__app_label="welfare", codename="handle_helprequest")
    for group in Group.objects.filter(name__in=[roles.WELFARE, roles.GRASSROOTS_OFFICERS]):
        group.permissions.remove(*handle)


class Migration(migrations.Migration):
    dependencies = [
        ("welfare", "0014_help_requests"),
        ("yuyang_union", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

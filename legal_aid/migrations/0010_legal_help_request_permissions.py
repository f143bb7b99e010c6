"""Members' legal help requests are answered by the legal-services role (in its scope), with a
consultation or a case: both need that role's rights, which grassroots officers do not have
(case files are confidential). Administrators may too; leaders read the figures only."""

from django.db import migrations

from yuyang_union import roles

HANDLE = "legal_aid.handle_legalhelprequest"
VIEW = "legal_aid.view_legalhelprequest"


def grant(apps, schema_editor):
    roles.grant_permissions(
        apps,
        {
            roles.LEGAL: [HANDLE, VIEW],
            roles.ADMINISTRATORS: [HANDLE, VIEW],
        },
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    granted = Permission.objects.filter(
        content_type__app_label="legal_aid",
        codename__in=["handle_legalhelprequest", "view_legalhelprequest"],
    )
    for group in Group.objects.filter(name__in=[roles.LEGAL, roles.ADMINISTRATORS]):
        group.permissions.remove(*granted)


class Migration(migrations.Migration):
    dependencies = [
        ("legal_aid", "0009_legal_help_requests"),
        ("applications", "0002_calendar_2026_and_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

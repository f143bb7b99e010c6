"""Who handles join applications: the organisation and membership department county-wide,
grassroots officers in their union's subtree (scope is enforced in code); leaders and
administrators read them."""

from django.db import migrations

from yuyang_union import roles

HANDLE = ["members.view_joinapplication", "members.handle_joinapplication"]


def grant(apps, schema_editor):
    roles.grant_permissions(
        apps,
        {
            roles.ORGANISATION: HANDLE,
            roles.GRASSROOTS_OFFICERS: HANDLE,
            roles.LEADERS: ["members.view_joinapplication"],
            roles.ADMINISTRATORS: ["members.view_joinapplication"],
        },
    )


class Migration(migrations.Migration):
    dependencies = [("members", "0014_join_applications")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

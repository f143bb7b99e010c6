"""Grant the members app's permissions to the staff roles (scope is enforced in code)."""

from django.db import migrations

from yuyang_union import roles

CRUD = ("view", "add", "change", "delete")


def _perms(model, actions=CRUD):
    return [f"members.{action}_{model}" for action in actions]


ORGANISATION = [
    *_perms("unionorganisation"),
    *_perms("employer"),
    *_perms("member"),
    *_perms("membershiptransfer"),
    *_perms("township", ("view", "change")),
    *_perms("honour", ("view",)),
    *_perms("honourtitle", ("view",)),
    "members.import_unionorganisation",
    "members.import_employer",
    "members.import_member",
    "members.view_personal_identifiers",
]

COMPETITIONS = [
    *_perms("honour"),
    *_perms("honourtitle"),
    "members.import_honour",
    # Autocomplete of recipients needs view rights on the target models.
    *_perms("member", ("view",)),
    *_perms("employer", ("view",)),
    *_perms("unionorganisation", ("view",)),
]

GRASSROOTS_OFFICERS = [
    *_perms("member", ("view", "add", "change")),
    *_perms("membershiptransfer", ("view", "add", "change")),
    *_perms("unionorganisation", ("view",)),
    *_perms("employer", ("view",)),
    *_perms("honour", ("view",)),
]

LEADERS = [
    f"members.view_{model}"
    for model in (
        "unionorganisation", "employer", "member", "membershiptransfer", "honour",
        "honourtitle", "township",
    )
]  # fmt: skip

# Welfare and legal staff look members up (masked) when they open a file or a case.
LOOKUP = [f"members.view_{model}" for model in ("member", "unionorganisation", "employer")]

ADMINISTRATORS = [
    *_perms("unionorganisation"),
    *_perms("employer"),
    *_perms("member"),
    *_perms("membershiptransfer"),
    *_perms("township"),
    *_perms("honour"),
    *_perms("honourtitle"),
    *_perms("staffprofile"),
    "members.view_identifieraccesslog",
    "members.import_unionorganisation",
    "members.import_employer",
    "members.import_member",
    "members.import_honour",
    "members.view_personal_identifiers",
    "auditlog.view_logentry",
]


def grant(apps, schema_editor):
    roles.grant_permissions(
        apps,
        {
            roles.ORGANISATION: ORGANISATION,
            roles.COMPETITIONS: COMPETITIONS,
            roles.GRASSROOTS_OFFICERS: GRASSROOTS_OFFICERS,
            roles.LEADERS: LEADERS,
            roles.WELFARE: LOOKUP,
            roles.LEGAL: LOOKUP,
            roles.EVENTS: [f"members.view_{m}" for m in ("unionorganisation", "employer")],
            roles.ADMINISTRATORS: ADMINISTRATORS,
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0003_identifier_access_log_import_permissions"),
        ("yuyang_union", "0002_roles"),
        ("auditlog", "0017_add_actor_email"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

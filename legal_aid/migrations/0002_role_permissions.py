"""Give the legal-services role its rights; administrators may also open case files.

Leaders read the figures through the summary, and see the non-confidential registers
(consultations, outreach, contracts, ratings), never case files or appraisals.
"""

from django.db import migrations

from yuyang_union import roles

MODELS = [
    "lawfirm",
    "lawyer",
    "consultation",
    "outreachevent",
    "case",
    "caseapplicant",
    "casedocument",
    "appraisal",
    "collectivecontract",
    "harmonyrating",
]
CRUD = ["view", "add", "change", "delete"]
LEGAL_GRANTS = [
    *(f"legal_aid.{action}_{model}" for model in MODELS for action in CRUD),
    "legal_aid.view_case_file",
    "legal_aid.view_casestatuschange",
]
ADMIN_GRANTS = [
    *LEGAL_GRANTS,
    "legal_aid.view_caseviewlog",
]
LEADER_GRANTS = [
    f"legal_aid.view_{model}"
    for model in ("consultation", "outreachevent", "collectivecontract", "harmonyrating")
]


def grant(apps, schema_editor):
    roles.grant_permissions(
        apps,
        {
            roles.LEGAL: LEGAL_GRANTS,
            roles.ADMINISTRATORS: ADMIN_GRANTS,
            roles.LEADERS: LEADER_GRANTS,
        },
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    legal = Permission.objects.filter(content_type__app_label="legal_aid")
    for group in Group.objects.filter(name__in=[roles.LEGAL, roles.ADMINISTRATORS, roles.LEADERS]):
        group.permissions.remove(*legal)


class Migration(migrations.Migration):
    dependencies = [
        ("legal_aid", "0001_initial"),
        ("yuyang_union", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

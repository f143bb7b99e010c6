"""The identifier access log moved from `members` to `personal_data` without losing a row,
a grant or the permission to see identifiers in full."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("members", "0004_role_permissions")]


def _migrate(targets, *, unapply=()):
    """Migrate the database to `targets` (and `unapply` apps entirely); their models."""
    executor = MigrationExecutor(connection)
    executor.migrate([*targets, *((app, None) for app in unapply)])
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_rows_grants_and_permission_follow_the_model(migrated_rows):
    migrated_rows.restore()
    old = _migrate(BEFORE, unapply=["personal_data"])
    User = old.get_model("auth", "User")
    Group = old.get_model("auth", "Group")
    ContentType = old.get_model("contenttypes", "ContentType")
    OldLog = old.get_model("members", "IdentifierAccessLog")
    reader = User.objects.create(username="reader")
    member_type = ContentType.objects.get(app_label="members", model="member")
    for field in ("id_number", "phone"):
        OldLog.objects.create(
            user=reader,
            content_type=member_type,
            object_id="7",
            object_repr="田明",
            field=field,
            channel="detail",
        )

    latest = _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    NewLog = latest.get_model("personal_data", "IdentifierAccessLog")
    assert NewLog._meta.db_table == "personal_data_identifieraccesslog"
    assert sorted(NewLog.objects.values_list("field", flat=True)) == ["id_number", "phone"]
    assert set(NewLog.objects.values_list("user__username", flat=True)) == {"reader"}
    Permission = latest.get_model("auth", "Permission")
    see = Permission.objects.get(codename="view_personal_identifiers")
    assert see.content_type.app_label == "personal_data"
    organisation = Group.objects.get(name="组织与会员")
    assert organisation.permissions.filter(pk=see.pk).exists()
    administrators = Group.objects.get(name="系统管理员")
    assert administrators.permissions.filter(
        codename="view_identifieraccesslog", content_type__app_label="personal_data"
    ).exists()
    assert not ContentType.objects.filter(app_label="members", model="identifieraccesslog").exists()

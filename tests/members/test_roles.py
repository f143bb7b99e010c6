"""The members app's rights per role (data migration 0004) and staff flags."""

import pytest
from django.contrib.auth.models import Group

from tests.members.factories import UserFactory
from yuyang_union import roles


def _codenames(role):
    return set(
        Group.objects.get(name=role)
        # The identifier permission and access log moved from members to personal_data.
        .permissions.filter(content_type__app_label__in=["members", "personal_data"])
        .values_list("codename", flat=True)
    )


@pytest.mark.django_db
def test_organisation_has_full_rights_imports_and_identifiers():
    perms = _codenames(roles.ORGANISATION)
    for model in ("unionorganisation", "employer", "member", "membershiptransfer"):
        assert {f"{a}_{model}" for a in ("view", "add", "change", "delete")} <= perms
    assert {"import_member", "import_employer", "import_unionorganisation"} <= perms
    assert "view_personal_identifiers" in perms


@pytest.mark.django_db
def test_leaders_only_view_and_never_see_identifiers():
    perms = _codenames(roles.LEADERS)
    assert perms
    assert all(codename.startswith("view_") for codename in perms)
    assert "view_personal_identifiers" not in perms


@pytest.mark.django_db
def test_grassroots_officers_edit_members_but_not_unions_or_identifiers():
    perms = _codenames(roles.GRASSROOTS_OFFICERS)
    assert {"add_member", "change_member", "add_membershiptransfer"} <= perms
    assert "delete_member" not in perms
    assert "add_unionorganisation" not in perms
    assert "view_personal_identifiers" not in perms
    assert "import_member" not in perms


@pytest.mark.django_db
def test_competitions_keep_honours():
    perms = _codenames(roles.COMPETITIONS)
    assert {"add_honour", "change_honour", "import_honour", "add_honourtitle"} <= perms
    assert "change_member" not in perms


@pytest.mark.django_db
def test_administrators_manage_staff_profiles_and_read_the_access_log():
    perms = _codenames(roles.ADMINISTRATORS)
    assert {"add_staffprofile", "change_staffprofile", "view_identifieraccesslog"} <= perms


@pytest.mark.django_db
def test_joining_a_role_group_makes_a_user_staff():
    user = UserFactory(is_staff=False)
    user.groups.add(Group.objects.get(name=roles.WELFARE))
    user.refresh_from_db()
    assert user.is_staff
    other = UserFactory(is_staff=False)
    Group.objects.get(name=roles.LEADERS).user_set.add(other)
    other.refresh_from_db()
    assert other.is_staff
    outsider = UserFactory(is_staff=False)
    outsider.groups.add(Group.objects.create(name="会员俱乐部"))
    outsider.refresh_from_db()
    assert not outsider.is_staff

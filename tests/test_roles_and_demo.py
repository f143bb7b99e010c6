"""Role groups made by the data migration; demo logins made once by `load_demo --once`."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from yuyang_union import roles
from yuyang_union.access import STAFF_PERMISSION, is_staff_user


@pytest.mark.django_db
def test_migration_made_every_role_with_the_staff_permission():
    staff = Permission.objects.get(
        content_type__app_label="yuyang_union", codename="access_staff_pages"
    )
    groups = Group.objects.filter(name__in=roles.ALL_ROLES)
    assert sorted(groups.values_list("name", flat=True)) == sorted(roles.ALL_ROLES)
    assert len(roles.ALL_ROLES) == 8
    for group in groups:
        assert staff in group.permissions.all(), group.name


@pytest.mark.django_db
def test_leaders_read_the_summary_and_administrators_manage_accounts():
    leaders = Group.objects.get(name=roles.LEADERS)
    admins = Group.objects.get(name=roles.ADMINISTRATORS)
    assert leaders.permissions.filter(codename="view_summary").exists()
    assert admins.permissions.filter(codename="change_user").exists()
    assert not leaders.permissions.filter(codename="change_user").exists()


@pytest.mark.django_db
def test_role_membership_is_what_gives_staff_access(make_staff, member_user):
    assert is_staff_user(make_staff(roles.GRASSROOTS_OFFICERS))
    assert not is_staff_user(member_user)
    assert STAFF_PERMISSION == "yuyang_union.access_staff_pages"


@pytest.mark.django_db
def test_load_demo_once_creates_the_demo_logins_once(settings, capsys):
    settings.DEMO_PASSWORD = "demo-password-for-tests"
    User = get_user_model()

    call_command("load_demo", "--once", "--no-records")
    assert "demo logins created" in capsys.readouterr().out
    users = {user.username: user for user in User.objects.filter(is_staff=True)}
    for role, username in roles.DEMO_USERNAMES.items():
        user = users[username]
        assert user.groups.filter(name=role).exists()
        assert user.check_password("demo-password-for-tests")
    assert users["admin"].is_superuser
    assert not users["zuzhi"].is_superuser

    # A staff member changes a password; a second `make run` keeps it.
    users["zuzhi"].set_password("changed by staff 2026")
    users["zuzhi"].save()
    call_command("load_demo", "--once", "--no-records")
    assert "already loaded" in capsys.readouterr().out
    assert User.objects.filter(username__in=roles.DEMO_USERNAMES.values()).count() == 8
    assert User.objects.get(username="zuzhi").check_password("changed by staff 2026")


@pytest.mark.django_db
def test_load_demo_refuses_without_a_demo_password(settings):
    from django.core.management.base import CommandError

    settings.DEMO_PASSWORD = ""
    with pytest.raises(CommandError, match="DEMO_PASSWORD"):
        call_command("load_demo", "--once", "--no-records")

"""The README's demo-login table tells the truth: every login `make run` prints is in it, each
role's login is the one load_demo makes, and what a role "adds and changes" is what its group's
permissions allow."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import translation

from yuyang_union import roles

README = Path(__file__).resolve().parent.parent / "README.md"


def demo_login_rows() -> dict[str, list[str]]:
    """{login: [role, adds and changes, also, sees]} from the table under "Demo logins"."""
    section = README.read_text().split("### Demo logins", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        login = re.fullmatch(r"`([a-z]+)`", cells[0])
        if line.startswith("|") and login:
            rows[login.group(1)] = cells[1:]
    return rows


def printed_logins(capsys) -> list[str]:
    call_command("load_demo", "--print-logins")
    output = capsys.readouterr().out
    listing = output.split("\n", 1)[1].split("Staff sign in", 1)[0]
    return [line.split()[0] for line in listing.splitlines() if line.strip()]


def test_every_printed_login_is_in_the_table_and_no_other(settings, capsys):
    settings.DEMO_PASSWORD = "demo-password-for-tests"
    assert sorted(demo_login_rows()) == sorted(printed_logins(capsys))


def test_each_role_row_names_the_login_load_demo_makes():
    rows = demo_login_rows()
    for role, login in roles.DEMO_USERNAMES.items():
        assert rows[login][0].startswith(role + " "), login


def models_a_group_adds_or_changes(group: Group) -> set[str]:
    with translation.override("zh-hans"):
        return {
            str(permission.content_type.model_class()._meta.verbose_name_plural)
            for permission in group.permissions.select_related("content_type")
            if permission.codename.startswith(("add_", "change_"))
        }


@pytest.mark.django_db
@pytest.mark.parametrize("role", [role for role in roles.ALL_ROLES if role != roles.ADMINISTRATORS])
def test_what_a_role_adds_and_changes_is_what_its_permissions_allow(role):
    written = demo_login_rows()[roles.DEMO_USERNAMES[role]][1]
    changes = models_a_group_adds_or_changes(Group.objects.get(name=role))
    assert set(written.split("、")) == changes

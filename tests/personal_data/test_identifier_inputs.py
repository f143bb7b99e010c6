"""ID numbers and mobiles are typed on one line, with the keyboard each needs, in every form:
the admin's (which would give an encrypted TextField a textarea), the staff pages', and the
members' sign-in pages."""

import re

import pytest
from django.urls import reverse

from tests.members.factories import MemberFactory
from yuyang_union import roles

pytestmark = pytest.mark.django_db


def tag(html, name):
    """The element carrying name="<name>" (an input or a textarea)."""
    match = re.search(rf'<(input|textarea)[^>]*name="{name}"[^>]*>', html)
    assert match, f"no field {name}"
    return match.group(0)


def assert_id_number_input(element):
    assert element.startswith("<input")
    assert 'type="text"' in element
    assert 'inputmode="text"' in element  # the final X: a numeric keypad has none
    assert 'maxlength="18"' in element
    assert 'pattern="[0-9]{17}[0-9Xx]"' in element
    assert 'autocomplete="off"' in element


def assert_mobile_input(element):
    assert element.startswith("<input")
    assert 'type="tel"' in element
    assert 'inputmode="numeric"' in element
    assert 'maxlength="13"' in element  # 11 digits, or 139 1234 5678 as printed


def test_the_member_admin_has_one_line_inputs(client, make_staff):
    client.force_login(make_staff(roles.ORGANISATION))
    add = client.get(reverse("admin:members_member_add")).content.decode()
    assert_id_number_input(tag(add, "id_number"))
    assert_mobile_input(tag(add, "phone"))
    member = MemberFactory()
    change = client.get(reverse("admin:members_member_change", args=[member.pk])).content
    assert "<textarea" not in tag(change.decode(), "phone_replacement")


def test_the_appraisal_admin_has_a_one_line_id_number(client, make_staff):
    client.force_login(make_staff(roles.LEGAL))
    page = client.get(reverse("admin:legal_aid_appraisal_add")).content.decode()
    assert_id_number_input(tag(page, "id_number"))


def test_member_activation_asks_for_both_on_one_line(client):
    page = client.get(reverse("events:activate")).content.decode()
    assert_id_number_input(tag(page, "id_number"))
    assert_mobile_input(tag(page, "phone"))


def test_staff_pages_type_id_numbers_on_one_line(client, make_staff):
    client.force_login(make_staff(roles.LEGAL))
    page = client.get(reverse("legal_aid:case-new")).content.decode()
    assert_id_number_input(tag(page, "applicants-0-id_number"))

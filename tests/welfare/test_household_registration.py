"""Registering a hardship file: the head by the picker, the union preset from the head."""

import pytest
from django.urls import reverse

from tests.members.factories import MemberFactory, UnionFactory
from welfare.models import HardshipHousehold
from yuyang_union import roles

pytestmark = pytest.mark.django_db

URL = "welfare:household-register"


def registration(**fields):
    return {
        "tier": "deep",
        "causes": ["illness", "schooling"],
        "household_size": "3",
        "registered_on": "2026-05-01",
        **fields,
    }


def test_the_union_defaults_to_the_head_s_own(client, make_staff):
    head = MemberFactory()
    client.force_login(make_staff(roles.WELFARE))
    response = client.post(reverse(URL), registration(head=head.pk, union=""))
    assert response.status_code == 302
    household = HardshipHousehold.objects.get(head=head)
    assert household.union == head.union
    assert household.causes == ["illness", "schooling"]


def test_another_union_may_be_chosen(client, make_staff):
    head, other = MemberFactory(), UnionFactory()
    client.force_login(make_staff(roles.WELFARE))
    client.post(reverse(URL), registration(head=head.pk, union=other.pk))
    assert HardshipHousehold.objects.get(head=head).union == other


def test_the_member_s_page_link_presets_head_and_union(client, make_staff):
    head = MemberFactory(name="冉预设")
    client.force_login(make_staff(roles.WELFARE))
    page = client.get(reverse(URL), {"member": head.pk}).content.decode()
    assert f'name="head" value="{head.pk}"' in page
    assert "冉预设（" in page
    assert f'name="union" value="{head.union.pk}"' in page
    assert head.union.name in page
    assert "picker.js" in page


def test_an_officer_may_not_register_or_preset_outside_the_subtree(client, make_staff):
    own, other = UnionFactory(), UnionFactory()
    officer = make_staff(roles.GRASSROOTS_OFFICERS, union=own)
    inside, outside = MemberFactory(union=own), MemberFactory(union=other)
    client.force_login(officer)
    page = client.get(reverse(URL), {"member": outside.pk}).content.decode()
    assert outside.name not in page
    response = client.post(reverse(URL), registration(head=outside.pk, union=""))
    assert response.status_code == 200
    assert "head" in response.context["form"].errors
    response = client.post(reverse(URL), registration(head=inside.pk, union=other.pk))
    assert "union" in response.context["form"].errors
    assert not HardshipHousehold.objects.exists()
    client.post(reverse(URL), registration(head=inside.pk, union=""))
    assert HardshipHousehold.objects.get().union == own


def test_roles_without_the_right_are_refused(client, make_staff):
    client.force_login(make_staff(roles.EVENTS))
    assert client.get(reverse(URL)).status_code == 403

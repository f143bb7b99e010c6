"""Admin: paid grants read-only, approval actions behind their permission, scope, figures."""

import datetime

import pytest
from django.urls import reverse

from tests.members.factories import MemberFactory, UnionFactory
from welfare.figures import figures
from welfare.models import Grant, GrantState
from yuyang_union import roles

from .factories import EducationAidFactory, GrantFactory, HouseholdFactory

pytestmark = pytest.mark.django_db


def test_a_paid_grant_opens_read_only_and_cannot_be_changed_or_deleted(client, make_staff):
    client.force_login(make_staff(roles.WELFARE))
    grant = GrantFactory(paid=True)
    change_url = reverse("admin:welfare_grant_change", args=[grant.pk])
    page = client.get(change_url)
    assert page.status_code == 200
    assert 'name="amount"' not in page.content.decode()  # no input: read-only
    response = client.post(change_url, {"amount": "1.00"})
    assert response.status_code == 403
    response = client.post(reverse("admin:welfare_grant_delete", args=[grant.pk]), {"post": "yes"})
    assert response.status_code == 403
    grant.refresh_from_db()
    assert str(grant.amount) == "2000.00"


def test_an_unpaid_grant_can_be_edited_in_the_admin(client, make_staff):
    client.force_login(make_staff(roles.WELFARE))
    grant = GrantFactory()
    page = client.get(reverse("admin:welfare_grant_change", args=[grant.pk]))
    assert 'name="amount"' in page.content.decode()


def test_approve_action_needs_the_approve_permission(client, make_staff):
    grant = GrantFactory()
    changelist = reverse("admin:welfare_grant_changelist")
    data = {"action": "approve_selected", "_selected_action": [grant.pk], "post": "yes"}
    client.force_login(make_staff(roles.GRASSROOTS_OFFICERS))  # may view and change, not approve
    client.post(changelist, data)
    grant.refresh_from_db()
    assert grant.state == GrantState.PROPOSED
    client.force_login(make_staff(roles.WELFARE))
    client.post(changelist, data)
    grant.refresh_from_db()
    assert grant.state == GrantState.APPROVED


def test_reverse_action_writes_a_correcting_entry(client, make_staff):
    grant = GrantFactory(paid=True)
    client.force_login(make_staff(roles.WELFARE))
    client.post(
        reverse("admin:welfare_grant_changelist"),
        {"action": "reverse_selected", "_selected_action": [grant.pk], "post": "yes"},
    )
    reversal = Grant.objects.get(reverses=grant)
    assert reversal.amount == -grant.amount


def test_admin_is_scoped_to_the_officers_union(client, make_staff):
    mine, other = UnionFactory(), UnionFactory()
    officer = make_staff(roles.GRASSROOTS_OFFICERS, union=mine)
    outside = HouseholdFactory(head=MemberFactory(union=other))
    inside = HouseholdFactory(head=MemberFactory(union=mine))
    client.force_login(officer)
    listing = client.get(reverse("admin:welfare_hardshiphousehold_changelist"))
    assert inside.head.name in listing.content.decode()
    assert outside.head.name not in listing.content.decode()
    response = client.get(reverse("admin:welfare_hardshiphousehold_change", args=[outside.pk]))
    assert response.status_code in (302, 404)
    assert client.get(
        reverse("admin:welfare_grant_change", args=[GrantFactory(household=outside).pk])
    ).status_code in (302, 404)


def test_education_aid_admin_masks_student_id_numbers(client, make_staff):
    aid = EducationAidFactory()
    client.force_login(make_staff(roles.WELFARE))
    content = client.get(reverse("admin:welfare_educationaid_changelist")).content.decode()
    assert aid.student_name in content
    assert aid.student_id_number not in content
    assert aid.student_id_number_masked in content


def test_every_figure_links_to_a_working_list(admin_client):
    for figure in figures(datetime.date(2020, 1, 1), datetime.date(2020, 12, 31)):
        response = admin_client.get(figure.url)
        assert response.status_code == 200, figure.key
        # Django admin answers an unknown lookup by redirecting with ?e=1.
        assert "e=1" not in response.get("Location", ""), figure.key

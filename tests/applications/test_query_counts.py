import pytest
from django.test import Client
from django.urls import reverse

from tests.members.factories import MemberFactory, UnionFactory, UserFactory
from yuyang_union import roles
from yuyang_union.applications import services

from .factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("rows", [3, 40])
def test_the_inbox_costs_the_same_at_any_size(
    test_kind, client, make_staff, rows, django_assert_max_num_queries
):
    township = UnionFactory(kind="township")
    for _row in range(rows):
        ApplicationFactory(union=UnionFactory(parent=township))
    client.force_login(make_staff(roles.LEGAL, union=township))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("applications:inbox")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("staff-home")).status_code == 200


@pytest.mark.parametrize("rows", [2, 30])
def test_a_members_pages_cost_the_same_at_any_size(
    test_kind, rows, make_staff, django_assert_max_num_queries
):
    member = MemberFactory(user=UserFactory())
    officer = make_staff(roles.LEGAL)
    applications = [ApplicationFactory(applicant=member) for _row in range(rows)]
    for application in applications[:5]:
        services.accept_application(actor=officer, application=application)
    client = Client()
    client.force_login(member.user)
    with django_assert_max_num_queries(11):
        assert client.get(reverse("applications:mine")).status_code == 200
    with django_assert_max_num_queries(11):
        url = reverse("applications:my-detail", args=[applications[0].pk])
        assert client.get(url).status_code == 200

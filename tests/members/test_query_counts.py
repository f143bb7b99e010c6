"""Changelists run the same number of queries whatever the number of rows."""

import pytest
from django.urls import reverse

from tests.members.factories import EmployerFactory, MemberFactory


def _fill(union, count):
    employer = EmployerFactory(union=union)
    MemberFactory.create_batch(count, union=union, employer=employer)


@pytest.mark.parametrize("rows", [20, 200])
def test_member_changelist_queries_constant(
    client, organisation, tree, rows, django_assert_max_num_queries
):
    _fill(tree["a1"], rows)
    client.force_login(organisation)
    url = reverse("admin:members_member_changelist")
    with django_assert_max_num_queries(16):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [20, 200])
def test_member_changelist_scoped_queries_constant(
    client, officer_a, tree, rows, django_assert_max_num_queries
):
    _fill(tree["a1"], rows)
    client.force_login(officer_a)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("admin:members_member_changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("unions", [3, 30])
def test_union_changelist_counts_members_without_n_plus_1(
    client, organisation, tree, unions, django_assert_max_num_queries
):
    from tests.members.factories import UnionFactory

    for index in range(unions):
        MemberFactory(union=UnionFactory(parent=tree["a"], name=f"工会{index}"))
    client.force_login(organisation)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("admin:members_unionorganisation_changelist"))
    assert response.status_code == 200


def _count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


CHANGELISTS = [
    "admin:members_member_changelist",
    "admin:members_unionorganisation_changelist",
    "admin:members_employer_changelist",
    "admin:members_honour_changelist",
    "admin:members_membershiptransfer_changelist",
]


def test_changelists_run_the_same_queries_at_20_and_200_rows(client, organisation, tree):
    from members import services
    from members.models import Honour, HonourTitle
    from tests.members.factories import UnionFactory

    title = HonourTitle.objects.get(key="county_craftsman")

    def grow(count):
        for _ in range(count):
            union = UnionFactory(parent=tree["a"])
            member = MemberFactory(union=union, employer=EmployerFactory(union=union))
            Honour.objects.create(title=title, year=2020, member=member, union=union)
            services.release_transfer(actor=organisation, member=member, to_union=tree["b"])

    client.force_login(organisation)
    grow(20)
    for url_name in CHANGELISTS:
        _count_queries(client, reverse(url_name))  # warm per-process caches
    small = {name: _count_queries(client, reverse(name)) for name in CHANGELISTS}
    grow(180)
    large = {name: _count_queries(client, reverse(name)) for name in CHANGELISTS}
    assert large == small

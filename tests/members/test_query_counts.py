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

import pytest

from tests.members.factories import MemberFactory, UnionFactory
from yuyang_union import roles


@pytest.fixture
def tree(db):
    """county → 龙潭镇工会 → 龙潭某厂工会; county → 麻旺镇工会."""
    town_a = UnionFactory(name="龙潭镇工会", kind="township", code="LT")
    grassroots_a = UnionFactory(name="龙潭某厂工会", parent=town_a)
    town_b = UnionFactory(name="麻旺镇工会", kind="township", code="MW")
    return {"a": town_a, "a1": grassroots_a, "b": town_b}


@pytest.fixture
def member_a(tree):
    return MemberFactory(name="冉光明", union=tree["a1"], phone="13812345678")


@pytest.fixture
def member_b(tree):
    return MemberFactory(name="田晓红", union=tree["b"], phone="13987654321")


@pytest.fixture
def officer_a(make_staff, tree):
    return make_staff(roles.GRASSROOTS_OFFICERS, union=tree["a"])


@pytest.fixture
def organisation(make_staff):
    return make_staff(roles.ORGANISATION)


@pytest.fixture
def leader(make_staff):
    return make_staff(roles.LEADERS)

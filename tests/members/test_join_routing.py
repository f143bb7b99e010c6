"""Where a join application goes (members.joining): the rule, and the tree it reads."""

import pytest

from members.joining import RoutingCandidates, choose_union, route_join_application
from members.models import UnionOrganisation
from tests.members.factories import EmployerFactory, TownshipFactory, UnionFactory, county_union


def _unions():
    return {name: UnionOrganisation(name=name) for name in ("e", "j", "i", "t", "c")}


@pytest.mark.parametrize(
    ("present", "chosen"),
    [
        ("ejitc", "e"),  # the employer's union first
        ("jitc", "j"),  # then the township's joint union
        ("itc", "i"),  # then the industry union of the worker's group
        ("tc", "t"),  # then the township's union
        ("c", "c"),  # else the county federation
    ],
)
def test_the_first_union_of_the_rule_that_exists_is_chosen(present, chosen):
    u = _unions()
    candidates = RoutingCandidates(
        employer_union=u["e"] if "e" in present else None,
        township_joint_union=u["j"] if "j" in present else None,
        group_industry_union=u["i"] if "i" in present else None,
        township_union=u["t"] if "t" in present else None,
        county=u["c"],
    )
    assert choose_union(candidates) is u[chosen]


@pytest.fixture
def county(db):
    township = TownshipFactory(name="龙潭镇")
    town = UnionFactory(name="龙潭镇总工会", kind="township", township=township)
    transport = UnionFactory(name="县交通运输工会", kind="industry", employment_groups=["courier"])
    return {"township": township, "town": town, "transport": transport}


def test_an_employer_with_a_union_routes_to_it(county):
    factory_union = UnionFactory(name="某厂工会", parent=county["town"])
    employer = EmployerFactory(union=factory_union, township=county["township"])
    routed = route_join_application(
        employer=employer, township=county["township"], employment_group="courier"
    )
    assert routed == factory_union


def test_a_courier_without_a_workplace_union_goes_to_the_townships_joint_union(county):
    joint = UnionFactory(
        name="龙潭镇快递行业联合工会",
        kind="joint",
        parent=county["town"],
        township=county["township"],
    )
    employer_without_union = EmployerFactory(union=None, township=county["township"])
    for employer in (None, employer_without_union):
        routed = route_join_application(
            employer=employer, township=county["township"], employment_group="courier"
        )
        assert routed == joint


def test_without_a_joint_union_the_industry_union_of_the_group_takes_it(county):
    routed = route_join_application(
        employer=None, township=county["township"], employment_group="courier"
    )
    assert routed == county["transport"]


def test_a_group_no_industry_union_takes_goes_to_the_township_union(county):
    routed = route_join_application(
        employer=None, township=county["township"], employment_group="security_guard"
    )
    assert routed == county["town"]


def test_a_township_without_a_union_goes_to_the_county(county):
    routed = route_join_application(
        employer=None, township=TownshipFactory(name="可大乡"), employment_group=""
    )
    assert routed == county_union()


def test_inactive_unions_are_passed_over(county):
    UnionOrganisation.objects.filter(pk=county["transport"].pk).update(is_active=False)
    routed = route_join_application(
        employer=None, township=county["township"], employment_group="courier"
    )
    assert routed == county["town"]

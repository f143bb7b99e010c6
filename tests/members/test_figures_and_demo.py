import datetime
import random

import pytest
from django.urls import reverse

from members import demo
from members.figures import figures
from members.models import Employer, Honour, HonourTitle, Member, UnionOrganisation
from members.models.organisations import UnionKind
from tests.members.factories import MemberFactory, UnionFactory

START, END = datetime.date(2015, 1, 1), datetime.date(2022, 12, 31)


def _values(start=START, end=END):
    return {figure.key: figure.value for figure in figures(start, end)}


@pytest.mark.django_db
def test_figures_count_only_the_period(django_assert_max_num_queries):
    UnionFactory(founded_on=datetime.date(2014, 12, 31), founding_members=500)
    UnionFactory(founded_on=datetime.date(2015, 1, 1), founding_members=40)
    UnionFactory(founded_on=datetime.date(2022, 12, 31), founding_members=2)
    UnionFactory(founded_on=datetime.date(2023, 1, 1), founding_members=900)
    union = UnionFactory()
    craftsman = HonourTitle.objects.get(key="county_craftsman")
    award = HonourTitle.objects.get(key="municipal_may_day_award")
    pioneer = HonourTitle.objects.get(key="municipal_pioneer_collective")
    for year in (2014, 2015, 2022, 2023):
        Honour.objects.create(
            title=craftsman, year=year, member=MemberFactory(union=union), union=union
        )
    Honour.objects.create(title=award, year=2016, collective_name="某车间", union=union)
    Honour.objects.create(title=pioneer, year=2020, collective_name="某班组", union=union)
    Honour.objects.create(title=pioneer, year=2024, collective_name="另一班组", union=union)

    # Unions, honours, and the online join applications (one statement each).
    with django_assert_max_num_queries(3):
        values = _values()
    assert values["members.new_unions"] == 2
    assert values["members.new_union_members"] == 42
    assert values["honors.county_craftsmen"] == 2
    assert values["honors.municipal_collectives"] == 2
    assert values["honors.national_model_workers"] == 0


@pytest.mark.django_db
def test_figure_urls_open_the_filtered_admin_list(client, organisation, db):
    union = UnionFactory(founded_on=datetime.date(2018, 3, 1), name="期间内工会")
    UnionFactory(founded_on=datetime.date(2010, 3, 1), name="期间外工会")
    client.force_login(organisation)
    by_key = {figure.key: figure for figure in figures(START, END)}
    content = client.get(by_key["members.new_unions"].url).content.decode()
    assert union.name in content
    assert "期间外工会" not in content
    response = client.get(by_key["honors.municipal_collectives"].url)
    assert response.status_code == 200


@pytest.mark.django_db
def test_demo_reproduces_the_seed_figures():
    demo.load(scale=1, rng=random.Random(7))
    values = _values()
    assert values["members.new_unions"] == 182
    assert values["members.new_union_members"] == 11_310
    assert values["honors.national_advanced_workers"] == 1
    assert values["honors.national_model_workers"] == 1
    assert values["honors.national_pioneer_collectives"] == 1
    assert values["honors.municipal_model_workers"] == 10
    assert values["honors.municipal_may_day_medals"] == 8
    assert values["honors.municipal_collectives"] == 24
    assert values["honors.county_craftsmen"] == 19
    # Members are real: valid IDs, digests filled, derived fields set.
    member = Member.objects.order_by("?").first()
    assert Member.objects.with_id_number(member.id_number).get() == member
    assert member.birth_date is not None
    assert member.id_number.startswith("500242")
    assert Member.objects.count() >= 10_000
    # Later years exist too.
    assert (
        _values(datetime.date(2023, 1, 1), datetime.date(2026, 12, 31))["honors.county_craftsmen"]
        > 0
    )
    _assert_each_township_keeps_its_unions()


def _assert_each_township_keeps_its_unions():
    """Under a township's union only that township's unions and employers."""
    unions = {u.path: u for u in UnionOrganisation.objects.all()}
    township_unions = {u.pk: u for u in unions.values() if u.kind == UnionKind.TOWNSHIP_FEDERATION}
    misplaced = [
        union.name
        for union in unions.values()
        if union.depth == 3
        and (parent := unions[union.path[: 2 * UnionOrganisation.steplen]]).pk in township_unions
        and union.township_id != parent.township_id
    ]
    assert misplaced == []
    steplen = UnionOrganisation.steplen
    for employer in Employer.objects.select_related("union").exclude(union=None):
        union = employer.union
        if union.kind == UnionKind.TOWNSHIP_FEDERATION or union.kind == UnionKind.JOINT:
            if union.depth == 3 and unions[union.path[: 2 * steplen]].kind == UnionKind.INDUSTRY:
                continue  # an industry union's joint unions span the county
            assert union.township_id == employer.township_id, employer.name


@pytest.mark.django_db
def test_honour_roll_shows_names_not_identifiers(client):
    union = UnionFactory()
    member = MemberFactory(union=union, name="彭德明")
    Honour.objects.create(
        title=HonourTitle.objects.get(key="municipal_model_worker"),
        year=2019,
        member=member,
        union=union,
        citation="带头攻关",
    )
    Honour.objects.create(
        title=HonourTitle.objects.get(key="national_pioneer_collective"),
        year=2021,
        collective_name="酉阳某公司技术班组",
        union=union,
    )
    response = client.get(reverse("members:honour-roll"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "彭德明" in content
    assert "酉阳某公司技术班组" in content
    assert "2019" in content
    assert member.id_number not in content
    assert member.id_number[-4:] not in content
    assert member.phone not in content
    national = client.get(reverse("members:honour-roll"), {"level": "national"}).content.decode()
    assert "酉阳某公司技术班组" in national
    assert "彭德明" not in national


@pytest.mark.django_db
def test_demo_scales_the_seed_figures():
    demo.load(scale=2, rng=random.Random(11))
    values = _values()
    assert values["members.new_unions"] == 2 * 182
    assert values["members.new_union_members"] == 2 * 11_310
    assert values["honors.municipal_collectives"] == 2 * 24
    assert values["honors.county_craftsmen"] == 2 * 19

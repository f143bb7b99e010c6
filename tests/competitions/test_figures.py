import datetime
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from competitions.figures import figures
from competitions.models import HELD_STATUSES, Competition, CompetitionKind, Participation
from tests.competitions.factories import (
    CompetitionEventFactory,
    CompetitionFactory,
    CompetitionTitleFactory,
    EntryFactory,
    ParticipationFactory,
)
from tests.members.factories import EmployerFactory, MemberFactory

pytestmark = pytest.mark.django_db


def _held(day, kind="skill", status="published", entries=0, employers=(), stars=0):
    competition = CompetitionFactory(starts_on=day, ends_on=day, kind=kind, status=status)
    event = CompetitionEventFactory(competition=competition)
    for employer in employers:
        ParticipationFactory(competition=competition, employer=employer)
    for _index in range(entries):
        EntryFactory(event=event, employer=employers[0])
    for _index in range(stars):
        CompetitionTitleFactory(competition=competition)
    return competition


def test_figures_count_only_the_period(django_assert_max_num_queries):
    a, b, c = EmployerFactory.create_batch(3)
    _held(datetime.date(2020, 1, 1), entries=3, employers=[a, b])
    _held(datetime.date(2020, 12, 31), kind="online", entries=2, employers=[b, c], stars=2)
    # Outside the period, or not held: not counted.
    _held(datetime.date(2019, 12, 31), entries=5, employers=[a], stars=1)
    _held(datetime.date(2021, 1, 1), kind="online", entries=4, employers=[c], stars=3)
    _held(datetime.date(2020, 6, 1), status="planned", entries=1, employers=[a])

    with django_assert_max_num_queries(4):
        values = {
            f.key: f.value for f in figures(datetime.date(2020, 1, 1), datetime.date(2020, 12, 31))
        }
    assert values["competitions.held"] == 2
    assert values["competitions.enterprises"] == 3
    assert values["competitions.participations"] == 5
    assert values["competitions.star_titles"] == 2
    assert values["competitions.held.online"] == 1
    assert values["competitions.held.skill"] == 1
    assert values["competitions.enterprises.skill"] == 2
    assert values["competitions.participations.online"] == 2
    assert values["competitions.star_titles.online"] == 2
    assert values["competitions.held.ankang_cup"] == 0


def test_figures_have_labels_and_links():
    result = figures(datetime.date(2015, 1, 1), datetime.date(2022, 12, 31))
    held = next(f for f in result if f.key == "competitions.held")
    assert held.value == 0
    assert str(held.label) == "举办竞赛"
    assert held.url.startswith("/staff/competitions/?start=2015-01-01")
    assert "held=on" in held.url


def test_definitions_at_the_edges():
    """Held without any records still counts; 'other' titles are not stars; an employer
    in two competitions of two kinds counts once overall and once in each kind."""
    employer = EmployerFactory()
    CompetitionFactory(starts_on=datetime.date(2020, 3, 1), kind="labour", status="finished")
    skill = _held(datetime.date(2020, 4, 1), kind="skill", employers=[employer], entries=2)
    _held(datetime.date(2020, 5, 1), kind="online", employers=[employer], stars=1)
    CompetitionTitleFactory(competition=skill, kind="other", name="优秀组织奖")
    CompetitionTitleFactory(competition=skill, kind="innovation_star")

    values = {
        f.key: f.value for f in figures(datetime.date(2020, 1, 1), datetime.date(2020, 12, 31))
    }
    assert values["competitions.held"] == 3
    assert values["competitions.held.labour"] == 1
    assert values["competitions.participations.labour"] == 0
    assert values["competitions.star_titles"] == 2
    assert values["competitions.star_titles.skill"] == 1
    assert values["competitions.enterprises"] == 1
    assert values["competitions.enterprises.skill"] == 1
    assert values["competitions.enterprises.online"] == 1
    assert values["competitions.participations"] == 2


def _reference(start, end):
    """The figures worked out competition by competition, the slow obvious way."""
    expected = {}

    def add(key, kind, amount):
        for name in (key, f"{key}.{kind}"):
            expected[name] = expected.get(name, 0) + amount

    employers = {"": set(), **{kind: set() for kind in CompetitionKind.values}}
    for kind in CompetitionKind.values:
        for key in ("held", "participations", "star_titles"):
            expected.setdefault(f"competitions.{key}", 0)
            expected[f"competitions.{key}.{kind}"] = 0
    for competition in Competition.objects.all():
        if competition.status not in HELD_STATUSES or not start <= competition.starts_on <= end:
            continue
        add("competitions.held", competition.kind, 1)
        entries = sum(event.entries.count() for event in competition.events.all())
        add("competitions.participations", competition.kind, entries)
        add("competitions.star_titles", competition.kind, competition.titles.stars().count())
        for participation in Participation.objects.filter(competition=competition):
            employers[""].add(participation.employer_id)
            employers[competition.kind].add(participation.employer_id)
    expected["competitions.enterprises"] = len(employers.pop(""))
    for kind, ids in employers.items():
        expected[f"competitions.enterprises.{kind}"] = len(ids)
    return expected


def _random_competitions(rng, count, employers, members):
    for _index in range(count):
        day = datetime.date(2014, 6, 1) + datetime.timedelta(days=rng.randrange(365 * 3))
        competition = CompetitionFactory(
            starts_on=day,
            kind=rng.choice(CompetitionKind.values),
            status=rng.choice(["planned", "open", "under_way", "finished", "published"]),
        )
        for taking_part in rng.sample(employers, rng.randrange(len(employers) + 1)):
            ParticipationFactory(competition=competition, employer=taking_part)
        for _event in range(rng.randrange(3)):
            event = CompetitionEventFactory(competition=competition)
            for member in rng.sample(members, rng.randrange(len(members) + 1)):
                EntryFactory(event=event, member=member, employer=rng.choice(employers))
        for member in rng.sample(members, rng.randrange(3)):
            kind = rng.choice(["skill_star", "labour_star", "other"])
            CompetitionTitleFactory(
                competition=competition, member=member, kind=kind, name="其他" * (kind == "other")
            )


def test_figures_agree_with_a_competition_by_competition_count():
    rng = random.Random(2015)
    employers = EmployerFactory.create_batch(4)
    members = MemberFactory.create_batch(3)
    period = (datetime.date(2015, 1, 1), datetime.date(2015, 12, 31))
    query_counts = []
    for count in (4, 12):  # two data sizes: same answer as the slow way, same query count
        _random_competitions(rng, count, employers, members)
        with CaptureQueriesContext(connection) as queries:
            values = {f.key: f.value for f in figures(*period)}
        query_counts.append(len(queries.captured_queries))
        assert values == _reference(*period)
    assert values["competitions.held"] > 0
    assert values["competitions.participations"] > 0
    assert query_counts[0] == query_counts[1] <= 4

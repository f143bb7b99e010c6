import datetime

import pytest

from competitions.figures import figures
from tests.competitions.factories import (
    CompetitionEventFactory,
    CompetitionFactory,
    CompetitionTitleFactory,
    EntryFactory,
    ParticipationFactory,
)

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
    from tests.members.factories import EmployerFactory

    a, b, c = EmployerFactory.create_batch(3)
    _held(datetime.date(2020, 1, 1), entries=3, employers=[a, b])
    _held(datetime.date(2020, 12, 31), kind="online", entries=2, employers=[b, c], stars=2)
    # Outside the period, or not held: not counted.
    _held(datetime.date(2019, 12, 31), entries=5, employers=[a], stars=1)
    _held(datetime.date(2021, 1, 1), kind="online", entries=4, employers=[c], stars=3)
    _held(datetime.date(2020, 6, 1), status="planned", entries=1, employers=[a])

    with django_assert_max_num_queries(2):
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

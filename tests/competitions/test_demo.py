import datetime
import random

import pytest

from competitions import demo
from competitions.figures import figures
from competitions.models import Competition, CompetitionTitle
from tests.members.factories import EmployerFactory, MemberFactory, UnionFactory

pytestmark = pytest.mark.django_db

SEED_PERIOD = (datetime.date(2015, 1, 1), datetime.date(2022, 12, 31))


def _people(employers, members):
    union = UnionFactory()
    made = EmployerFactory.create_batch(employers)
    for index in range(members):
        MemberFactory(union=union, employer=made[index % len(made)])


def _values(start, end):
    return {figure.key: figure.value for figure in figures(start, end)}


def test_demo_reproduces_the_summary_figures():
    _people(employers=130, members=100)
    demo.load(scale=1, rng=random.Random(7))
    values = _values(*SEED_PERIOD)
    assert values["competitions.held"] == 36
    assert values["competitions.enterprises"] == 127
    assert values["competitions.participations"] == 2763
    assert values["competitions.star_titles"] == 62
    assert values["competitions.star_titles.online"] == 62
    assert values["competitions.held.bargaining"] == 1
    bargaining = Competition.objects.get(kind="bargaining", starts_on="2022-09-01")
    assert {c.short_name for c in bargaining.co_organisers.all()} == {"县人社局", "县工商联"}
    assert Competition.objects.filter(kind="ankang_cup", starts_on__year__lte=2022).count() == 8
    assert Competition.objects.filter(kind="safety_art", starts_on__year__lte=2022).count() == 4
    # Later years exist, and the 2022 stars were recorded as honours.
    assert Competition.objects.filter(starts_on__year=2026).exists()
    assert (
        CompetitionTitle.objects.filter(honour__isnull=False, awarded_on__year=2022).count() == 18
    )


def test_demo_scales():
    _people(employers=2 * 127, members=100)
    demo.load(scale=2, rng=random.Random(7))
    values = _values(*SEED_PERIOD)
    assert values["competitions.held"] == 72
    assert values["competitions.enterprises"] == 254
    assert values["competitions.participations"] == 2 * 2763
    assert values["competitions.star_titles"] == 124


def test_demo_refuses_without_enough_employers():
    _people(employers=5, members=5)
    with pytest.raises(ValueError, match="employers"):
        demo.load(scale=1, rng=random.Random(7))

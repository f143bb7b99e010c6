"""A competition's name shows its year once, wherever the portal names it."""

import datetime

import pytest
from django.urls import reverse

from .factories import CompetitionEventFactory, CompetitionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("2026年职工技能大赛", "2026年职工技能大赛"),
        ("酉阳县2026年度安康杯竞赛", "酉阳县2026年度安康杯竞赛"),
        ("第三届职工技能竞赛", "2026年 第三届职工技能竞赛"),
        ("2025年职工技能大赛", "2026年 2025年职工技能大赛"),  # another year's name: both
    ],
)
def test_the_year_is_shown_once(name, shown):
    competition = CompetitionFactory.build(name=name, starts_on=datetime.date(2026, 4, 1))
    assert str(competition) == shown


def test_the_admin_names_the_competition_with_its_year_once(admin_client):
    competition = CompetitionFactory(name="2026年职工技能大赛", starts_on=datetime.date(2026, 4, 1))
    CompetitionEventFactory(competition=competition, name="焊工")
    page = admin_client.get(reverse("admin:competitions_competitionevent_changelist"))
    content = page.content.decode()
    assert "2026年职工技能大赛" in content
    assert "2026年 2026年" not in content

"""The contract between the apps and the work summary.

Each app's `figures.py` has ``figures(start, end) -> list[Figure]``: the app's summary figures
for the period start..end (both dates included), each computed with database aggregates (one
or a few queries per app, whatever the number of rows). The summary composes them and never
reads the apps' models.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class Unit(models.TextChoices):
    """Units as a Chinese report writes them; money is always in yuan (shown as 万元)."""

    YUAN = "yuan", _("yuan")
    PERSONS = "persons", _("persons")  # 名 / 人: distinct people
    PERSON_TIMES = "person_times", _("person-times")  # 人次
    HOUSEHOLDS = "households", _("households")  # 户
    HOUSEHOLD_TIMES = "household_times", _("household-times")  # 户次
    ORGANISATIONS = "organisations", _("organisations")  # 家 (unions, employers)
    COLLECTIVES = "collectives", _("collectives")  # 个 (teams honoured)
    EVENTS = "events", _("events")  # 场次 / 次
    CASES = "cases", _("cases")  # 件
    CONTRACTS = "contracts", _("contracts")  # 份
    ITEMS = "items", _("items")  # 个 (sites, jobs)


@dataclass(frozen=True)
class Figure:
    key: str  # e.g. "competitions.held"; stable, used by the JSON API and tallies
    label: str  # translated label, e.g. "竞赛场次"
    value: int | Decimal
    unit: str  # a Unit value
    # The staff page listing the records behind the figure, filtered to the period, if any.
    url: str = ""

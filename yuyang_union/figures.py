"""The contract between the apps and the work summary.

Each app's `figures.py` has ``figures(start, end) -> list[Figure]``: the app's summary figures
for the period start..end (both dates included), each computed with database aggregates (one
or a few queries per app, whatever the number of rows). The summary composes them and never
reads the apps' models.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import pgettext_lazy


class Unit(models.TextChoices):
    """Units as a Chinese report writes them; money is always in yuan (shown as 万元).

    The labels carry the context "unit": bare words like "events" mean something else in the
    apps' catalogues, and one language has one merged catalogue.
    """

    YUAN = "yuan", pgettext_lazy("unit", "yuan")
    PERSONS = "persons", pgettext_lazy("unit", "persons")  # 名 / 人: distinct people
    PERSON_TIMES = "person_times", pgettext_lazy("unit", "person-times")  # 人次
    HOUSEHOLDS = "households", pgettext_lazy("unit", "households")  # 户
    HOUSEHOLD_TIMES = "household_times", pgettext_lazy("unit", "household-times")  # 户次
    ORGANISATIONS = "organisations", pgettext_lazy("unit", "organisations")  # 家: unions, firms
    COLLECTIVES = "collectives", pgettext_lazy("unit", "collectives")  # 个 (teams honoured)
    EVENTS = "events", pgettext_lazy("unit", "events")  # 场次 / 次
    CASES = "cases", pgettext_lazy("unit", "cases")  # 件
    CONTRACTS = "contracts", pgettext_lazy("unit", "contracts")  # 份
    ITEMS = "items", pgettext_lazy("unit", "items")  # 个 (sites, jobs)


@dataclass(frozen=True)
class Figure:
    key: str  # e.g. "competitions.held"; stable, used by the JSON API and tallies
    label: str | Promise  # translated label (lazily, as a rule), e.g. "竞赛场次"
    value: int | Decimal
    unit: str  # a Unit value
    # The staff page listing the records behind the figure, filtered to the period, if any.
    url: str = ""


def records_url(url_name: str, /, **query: str | int) -> str:
    """The page `url_name` filtered by `query`, the link a Figure gives to its records."""
    url = reverse(url_name)
    return f"{url}?{urlencode(query)}" if query else url


def admin_changelist_url(model: type[models.Model], /, **query: str | int) -> str:
    """The admin changelist of `model` filtered by `query` (admin lookups, e.g. date__gte)."""
    opts = model._meta
    return records_url(f"admin:{opts.app_label}_{opts.model_name}_changelist", **query)

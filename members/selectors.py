"""Named reads of the members app, with their joins built in."""

from collections.abc import Sequence
from itertools import groupby
from typing import TypedDict

from django.utils.functional import Promise

from .models import Honour
from .models.honours import HonourLevel


class HonourYear(TypedDict):
    year: int
    honours: list[Honour]


class HonourGroup(TypedDict):
    level: str | Promise  # the level's label
    years: list[HonourYear]


class HonourRoll(TypedDict):
    groups: list[HonourGroup]
    levels: Sequence[tuple[str, str | Promise]]  # HonourLevel.choices
    level: str


def honour_roll(*, level: str = "") -> HonourRoll:
    """The public honour roll: groups of (level, [(year, [honour, ...]), ...]).

    Only names, titles, employers and deeds are read; identifiers never leave the database.
    """
    honours = (
        Honour.objects.select_related("title", "employer")
        .only(
            "year",
            "collective_name",
            "citation",
            "member__name",
            "title__name",
            "title__level",
            "title__ordering",
            "employer__name",
        )
        .select_related("member")
        .order_by("title__level", "-year", "title__ordering", "id")
    )
    levels = dict(HonourLevel.choices)
    if level in levels:
        honours = honours.filter(title__level=level)
    order = {value: index for index, value in enumerate(levels)}
    rows = sorted(honours[:2000], key=lambda h: (order[h.title.level], -h.year))
    groups: list[HonourGroup] = [
        {
            "level": levels[lvl],
            "years": [
                {"year": year, "honours": list(items)}
                for year, items in groupby(list(by_level), key=lambda h: h.year)
            ],
        }
        for lvl, by_level in groupby(rows, key=lambda h: h.title.level)
    ]
    return {"groups": groups, "levels": HonourLevel.choices, "level": level}

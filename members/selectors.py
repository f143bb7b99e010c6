"""Named reads of the members app, with their joins built in."""

from itertools import groupby

from .models import Honour
from .models.honours import HonourLevel


def honour_roll(*, level=""):
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
    groups = [
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

"""Named reads of the members app, with their joins built in."""

from collections.abc import Iterable, Sequence
from functools import reduce
from itertools import groupby
from operator import or_
from typing import TypedDict

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce, Left
from django.utils.functional import Promise

from .models import Honour, UnionMemberCount, UnionOrganisation
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


def with_direct_active_count(
    unions: QuerySet[UnionOrganisation],
) -> QuerySet[UnionOrganisation]:
    """Each union's own active members (`direct_member_count`), from the counts the database
    keeps (UnionMemberCount): a join, sortable, whatever the number of members."""
    return unions.annotate(direct_member_count=Coalesce("member_count__active", 0))


def subtree_active_counts(unions: Iterable[UnionOrganisation]) -> dict[int, int]:
    """Active members under each of `unions` (itself included), by union id: one query.

    Sums the kept counts (UnionMemberCount) of the unions whose path begins with each given
    union's path, one constant prefix match per union (served by the path's pattern index),
    grouped by the prefix of the given unions' length: every counted union falls under exactly
    one given union of each depth. A page's unions need one statement whatever the number of
    members; the root's total reads one count row per union, never the members.
    """
    by_depth: dict[int, dict[str, int]] = {}
    for union in unions:
        by_depth.setdefault(len(union.path), {})[union.path] = union.pk
    parts = [
        UnionMemberCount.objects.filter(
            reduce(or_, (Q(union__path__startswith=path) for path in paths))
        )
        .annotate(prefix=Left("union__path", length))
        .values("prefix")
        .annotate(total=Sum("active"))
        .values_list("prefix", "total")
        .order_by()
        for length, paths in by_depth.items()
    ]
    if not parts:
        return {}
    query = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    totals = dict(query)
    pk_by_path = {path: pk for paths in by_depth.values() for path, pk in paths.items()}
    return {pk: totals.get(path, 0) for path, pk in pk_by_path.items()}

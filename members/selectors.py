"""Named reads of the members app, with their joins built in."""

from collections.abc import Iterable

from django.db.models import QuerySet, Sum
from django.db.models.functions import Coalesce, Left
from django.db.models.lookups import In

from .models import Employer, Honour, UnionMemberCount, UnionOrganisation
from .models.honours import HonourLevel


def honour_roll(*, level: str = "", year: int | None = None) -> QuerySet[Honour]:
    """The public honour roll: latest year first, then by title; optionally one level and year.

    Only names, titles, employers and deeds are read; identifiers never leave the database.
    """
    honours = (
        Honour.objects.select_related("title", "employer", "member")
        .only(
            "year",
            "collective_name",
            "citation",
            "member__name",
            "title__name",
            "title__level",
            "employer__name",
        )
        .order_by("-year", "title__ordering", "id")
    )
    if level in HonourLevel.values:
        honours = honours.filter(title__level=level)
    if year is not None:
        honours = honours.filter(year=year)
    return honours


def honour_years() -> list[int]:
    """The years that have honours, latest first (one query on the year index)."""
    return list(Honour.objects.order_by("-year").values_list("year", flat=True).distinct())


def with_direct_active_count(
    unions: QuerySet[UnionOrganisation],
) -> QuerySet[UnionOrganisation]:
    """Each union's own active members (`direct_member_count`), from the counts the database
    keeps (UnionMemberCount): a join, sortable, whatever the number of members."""
    return unions.annotate(direct_member_count=Coalesce("member_count__active", 0))


# Sorts after any path that begins with a given one (treebeard's paths are of 0-9 and A-Z, at
# most 255 characters): added to a path, the upper end of the range that holds its subtree.
LAST_PATH_STEP = "Z" * 255


def _counts_under(paths: list[str]) -> QuerySet[UnionMemberCount]:
    """The kept counts of the unions under any of `paths` (all of one length), in a condition
    the path's index serves: one prefix match for one path; for several, the one index range
    that holds them all with the prefix picked by a hashed IN, rather than one LIKE per path
    tested on every row."""
    paths = sorted(paths)
    counts = UnionMemberCount.objects.all()
    if len(paths) == 1:
        return counts.filter(union__path__startswith=paths[0])
    return counts.filter(
        In(Left("union__path", len(paths[0])), paths),
        union__path__gte=paths[0],
        union__path__lte=paths[-1] + LAST_PATH_STEP,
    )


def subtree_active_counts(unions: Iterable[UnionOrganisation]) -> dict[int, int]:
    """Active members under each of `unions` (itself included), by union id: one query.

    Sums the kept counts (UnionMemberCount) of the unions whose path begins with a given
    union's path, grouped by their path's prefix of the given unions' length (one part of the
    statement per depth on the page): every counted union falls under exactly one given union
    of each depth. The cost follows the unions under the page's unions, never the members:
    the root's total reads one count row per union in the county.
    """
    by_depth: dict[int, dict[str, int]] = {}
    for union in unions:
        by_depth.setdefault(len(union.path), {})[union.path] = union.pk
    parts = [
        _counts_under(list(paths))
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


def employers_headcount(employers: Iterable[Employer] | QuerySet[Employer]) -> int:
    """The sum of the employers' headcounts (one query for a queryset): what a collective
    contract covering them covers, unless staff know better."""
    if not isinstance(employers, QuerySet):
        employers = Employer.objects.filter(pk__in=[employer.pk for employer in employers])
    total = employers.order_by().aggregate(total=Coalesce(Sum("headcount"), 0))["total"]
    return int(total)

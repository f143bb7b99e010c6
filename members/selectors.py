"""Named reads of the members app, with their joins built in."""

from django.db.models import QuerySet

from .models import Honour
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

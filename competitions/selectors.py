"""Named reads: querysets with what their pages need already joined."""

import datetime

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from yuyang_union.scoping import scope_queryset
from yuyang_union.search import name_matches
from yuyang_union.users import Visitor

from .models import (
    Competition,
    CompetitionEvent,
    CompetitionStatus,
    CompetitionTitle,
    Entry,
    Participation,
)
from .models.competitions import CompetitionQuerySet
from .models.entries import CompetitionTitleQuerySet, EntryQuerySet

SCOPE_FIELD = "organiser"


def competitions_for_user(user: Visitor) -> CompetitionQuerySet:
    """Competitions a staff user may see: organised by a union in the user's subtree."""
    return scope_queryset(Competition.objects.all(), user, SCOPE_FIELD)


def staff_competition_list(
    user: Visitor,
    *,
    kind: str = "",
    status: str = "",
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    name: str = "",
    held: bool = False,
) -> CompetitionQuerySet:
    qs = competitions_for_user(user).select_related("organiser").order_by("-starts_on", "-id")
    if held:
        qs = qs.held()
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if start:
        qs = qs.filter(starts_on__gte=start)
    if end:
        qs = qs.filter(starts_on__lte=end)
    if name:
        qs = name_matches(qs, name)
    return qs


def competition_events(competition: Competition) -> QuerySet[CompetitionEvent]:
    return (
        CompetitionEvent.objects.filter(competition=competition)
        .annotate(
            entry_count=Count("entries"),
            scored_count=Count("entries", filter=Q(entries__score__isnull=False)),
        )
        .order_by("ordering", "id")
    )


def competition_participations(competition: Competition) -> QuerySet[Participation]:
    entries = (
        Entry.objects.filter(
            event__competition_id=OuterRef("competition_id"), employer_id=OuterRef("employer_id")
        )
        .order_by()
        .values("employer_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return (
        Participation.objects.filter(competition=competition)
        .select_related("employer")
        .annotate(entry_count=Coalesce(Subquery(entries), 0))
        .order_by("employer__name", "id")
    )


def competition_entries(competition: Competition) -> EntryQuerySet:
    return Entry.objects.filter(event__competition=competition).results()


def competition_titles(competition: Competition) -> CompetitionTitleQuerySet:
    return (
        CompetitionTitle.objects.filter(competition=competition)
        .select_related("member", "employer")  # the page asks only honour_id
        .order_by("kind", "member__name", "id")
    )


def event_grid_entries(event: CompetitionEvent) -> EntryQuerySet:
    return (
        Entry.objects.filter(event=event)
        .select_related("member", "employer")
        .order_by("member__name", "id")
    )


def published_results(competition: Competition) -> EntryQuerySet:
    """What the public results page shows: names, employers, ranks and prizes only."""
    return (
        Entry.objects.filter(
            event__competition=competition,
            event__competition__status=CompetitionStatus.PUBLISHED,
        )
        .results()
        .only(
            "score",
            "rank",
            "award",
            "event__name",
            "event__ordering",
            "member__name",
            "employer__name",
        )
    )


def published_titles(competition: Competition) -> CompetitionTitleQuerySet:
    """The titles the public results page lists (none before the results are published)."""
    if not competition.results_published:
        return CompetitionTitle.objects.none()
    return (
        competition.titles.select_related("member", "employer")
        .only("competition", "kind", "name", "member__name", "employer__name")
        .order_by("kind", "id")
    )


def staff_panel(user: Visitor) -> dict[str, str | int]:
    """The staff home card: both counts from one aggregate over the user's competitions."""
    counts = competitions_for_user(user).aggregate(
        open_count=Count(
            "id", filter=Q(status__in=[CompetitionStatus.OPEN, CompetitionStatus.UNDER_WAY])
        ),
        awaiting_publication=Count("id", filter=Q(status=CompetitionStatus.FINISHED)),
    )
    return {"template": "competitions/staff_panel.html", **counts}

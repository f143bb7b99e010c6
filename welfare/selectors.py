"""Named reads of the welfare app: scoped querysets with their joins built in."""

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypedDict

from django.db.models import (
    Count,
    DateField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from members.models import Member, Township
from yuyang_union.scoping import scope_queryset
from yuyang_union.search import name_matches
from yuyang_union.users import Visitor

from .models import (
    CampaignKind,
    EducationAid,
    Grant,
    GrantKind,
    GrantState,
    HardshipHousehold,
    ReliefCampaign,
    ServiceSite,
)
from .models.campaigns import CampaignQuerySet, GrantQuerySet
from .models.education import EducationAidQuerySet
from .models.households import REVIEW_INTERVAL, HouseholdPerson, HouseholdQuerySet, HouseholdReview
from .models.ledger import EntryQuerySet, PaidLedgerEntry
from .models.member_services import ServiceSiteQuerySet

# A file's yearly review falls due a year after its last review (or its registration); the
# staff home and the weekly email list the files due within this many days, and the overdue.
REVIEW_NOTICE_DAYS = 30


class HouseholdStory(TypedDict):
    people: list[HouseholdPerson]
    reviews: list[HouseholdReview]
    grants: list[Grant]
    visits: list[Grant]
    grant_total: Decimal | int  # 0 when nothing is paid
    education_aid: list[EducationAid]
    earlier_files: list[HardshipHousehold]
    later_file: HardshipHousehold | None


def households_for(user: Visitor) -> HouseholdQuerySet:
    return scope_queryset(HardshipHousehold.objects.with_story(), user, "union")


def member_for_new_file(user: Visitor, member_id: str | None) -> Member | None:
    """The member a new file's page is opened for (`?member=<key>`), if in the user's scope."""
    if not member_id or not member_id.isdigit():
        return None
    members = Member.objects.select_related("union").filter(pk=member_id)
    return scope_queryset(members, user, "union").first()


def filter_households(
    queryset: HouseholdQuerySet,
    *,
    tier: str = "",
    status: str = "",
    township: Township | None = None,
    stale: bool = False,
    review_due: bool = False,
    never_assisted: bool = False,
    head_name: str = "",
    today: datetime.date | None = None,
) -> HouseholdQuerySet:
    """The file list's filters; each one is an indexed condition or an indexed EXISTS."""
    if tier:
        queryset = queryset.filter(tier=tier)
    if status:
        queryset = queryset.filter(status=status)
    if township is not None:
        queryset = queryset.filter(union__township=township)
    if head_name:
        queryset = name_matches(queryset, head_name, field="head__name")
    if stale:  # overdue: due before today
        today = today or timezone.localdate()
        queryset = queryset.review_due_by(today - datetime.timedelta(days=1))
    if review_due:
        today = today or timezone.localdate()
        queryset = queryset.review_due_by(today + datetime.timedelta(days=REVIEW_NOTICE_DAYS))
    if never_assisted:
        queryset = queryset.never_assisted()
    return queryset


def household_story(household: HardshipHousehold) -> HouseholdStory:
    """Everything the file page shows, in a fixed number of queries."""
    grants = list(
        household.grants.select_related("campaign", "approved_by").order_by("-granted_on", "-id")
    )
    return {
        "people": list(household.people.select_related("member")),
        "reviews": list(household.reviews.select_related("reviewer")),
        "grants": grants,
        "visits": [g for g in grants if g.is_home_visit and g.kind == GrantKind.GRANT],
        "grant_total": sum((g.amount for g in grants if g.state == GrantState.PAID), start=0),
        "education_aid": list(household.education_aid.select_related("campaign")),
        "earlier_files": list(_earlier_files(household)),
        "later_file": HardshipHousehold.objects.filter(previous_file=household).first(),
    }


def _earlier_files(household: HardshipHousehold) -> Iterator[HardshipHousehold]:
    """The chain of earlier files, newest first (a relapse rarely happens twice)."""
    seen: set[int] = set()
    current = household.previous_file
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        yield current
        current = current.previous_file


def grants_for(user: Visitor) -> GrantQuerySet:
    return scope_queryset(Grant.objects.with_recipient(), user, "union")


def grants_awaiting_approval(user: Visitor) -> GrantQuerySet:
    return grants_for(user).awaiting_approval().order_by("campaign", "granted_on", "id")


def grants_approved_unpaid(user: Visitor) -> GrantQuerySet:
    return (
        grants_for(user).approved_unpaid().select_related("approved_by").order_by("campaign", "id")
    )


def education_aid_for(user: Visitor) -> EducationAidQuerySet:
    return scope_queryset(EducationAid.objects.with_related(), user, "union")


def education_aid_awaiting_approval(user: Visitor) -> EducationAidQuerySet:
    return education_aid_for(user).awaiting_approval().order_by("campaign", "student_name", "id")


def education_aid_approved_unpaid(user: Visitor) -> EducationAidQuerySet:
    return (
        education_aid_for(user)
        .approved_unpaid()
        .select_related("approved_by")
        .order_by("campaign", "id")
    )


def campaigns_with_spending() -> CampaignQuerySet:
    return ReliefCampaign.objects.with_spending()


def campaign_totals(campaign: ReliefCampaign) -> dict[str, Decimal | int]:
    """Budget figures of one campaign: a single aggregate query over its grants."""
    totals = Grant.objects.filter(campaign=campaign).aggregate(
        paid=Sum("amount", filter=Q(state=GrantState.PAID)),
        approved=Sum("amount", filter=Q(state=GrantState.APPROVED)),
        proposed=Sum("amount", filter=Q(state=GrantState.PROPOSED)),
        recipients=Count("id", filter=Q(kind=GrantKind.GRANT)),
        visits=Count("id", filter=Q(kind=GrantKind.GRANT, is_home_visit=True)),
    )
    # Paid aid net of its reversals; students are the aid entries, not the corrections.
    aid = EducationAid.objects.filter(campaign=campaign).aggregate(
        paid=Sum("amount", filter=Q(state=GrantState.PAID)),
        students=Count("id", filter=Q(kind=GrantKind.GRANT)),
    )
    paid = (totals["paid"] or 0) + (aid["paid"] or 0)
    return {
        **{key: value or 0 for key, value in totals.items()},
        "aid_paid": aid["paid"] or 0,
        "students": aid["students"],
        "used": paid,
        "remaining": campaign.budget - paid,
    }


def households_review_due(
    user: Visitor, today: datetime.date | None = None, *, within_days: int = REVIEW_NOTICE_DAYS
) -> HouseholdQuerySet:
    """Open files of the user's subtree whose review is due within `within_days` or overdue,
    the most overdue first, each with `review_due_on` (the day its review falls due).

    Due a year after the last review (or the registration): `review_due_by`, the indexed
    EXISTS of `not_reviewed_since`.
    """
    today = today or timezone.localdate()
    last_review = (
        HouseholdReview.objects.filter(household=OuterRef("pk"))
        .order_by("-reviewed_on")
        .values("reviewed_on")[:1]
    )
    return (
        households_for(user)
        .review_due_by(today + datetime.timedelta(days=within_days))
        # Greatest skips the NULL of a file never reviewed (PostgreSQL's rule); a date plus
        # an integer is a date in PostgreSQL (plus an interval would be a timestamp).
        .annotate(
            review_due_on=ExpressionWrapper(
                Greatest(Subquery(last_review), F("registered_on")) + Value(REVIEW_INTERVAL.days),
                output_field=DateField(),
            )
        )
        .order_by("review_due_on", "pk")
    )


def campaigns_on_notice(today: datetime.date | None = None) -> CampaignQuerySet:
    """Campaigns whose recipients are on public notice today: 送温暖 (its grants) and
    金秋助学 (its education aid), the soonest-ending first."""
    today = today or timezone.localdate()
    return (
        ReliefCampaign.objects.filter(
            notice_starts__lte=today,
            notice_ends__gte=today,
            kind__in=[CampaignKind.WARMTH, CampaignKind.EDUCATION],
        )
        .only("name", "kind", "notice_ends")
        .order_by("notice_ends", "id")
    )


def notice_entries(campaign: ReliefCampaign) -> QuerySet[Any]:
    """What a campaign's notice lists, as values: the recipient's name (masked by the page),
    the amount and, for education aid, the level; approved or paid, not corrected.

    Values, not records: nothing else about the person (no identifier) is read at all.
    Corrections are not recipients, and a corrected entry leaves the notice.
    """
    model: type[Grant] | type[EducationAid] = (
        EducationAid if campaign.kind == CampaignKind.EDUCATION else Grant
    )
    entries = (
        model.objects.filter(
            campaign=campaign,
            state__in=[GrantState.APPROVED, GrantState.PAID],
            kind=GrantKind.GRANT,
        )
        .without_reversal()
        .order_by("id")
    )
    if model is EducationAid:
        return entries.values("id", "amount", "level", recipient=F("student_name"))
    return entries.values(
        "id", "amount", recipient=Coalesce("household__head__name", "member__name")
    )


def service_sites_by_township(*, kind: str = "") -> ServiceSiteQuerySet:
    """Active service sites, township by township (optionally of one kind)."""
    sites = (
        ServiceSite.objects.active()
        .select_related("township")
        .only("name", "kind", "address", "opening_hours", "facilities", "township__name")
        .order_by("township__ordering", "township__name", "kind", "name", "id")
    )
    return sites.filter(kind=kind) if kind else sites


def service_site_counts(*, kind: str = "") -> list[dict[str, Any]]:
    """[{township_id, township_name, sites}] for the townships that have active sites: one query."""
    sites = ServiceSite.objects.active()
    if kind:
        sites = sites.filter(kind=kind)
    return list(
        sites.values("township_id", township_name=F("township__name"))
        .annotate(sites=Count("id"))
        .order_by("township__ordering", "township__name")
    )


# Money actions: what an approval, payment or reversal would move --------------------------


@dataclass(frozen=True)
class MoneyLine:
    entry: PaidLedgerEntry
    payee: str
    campaign: str
    amount: Decimal


@dataclass(frozen=True)
class MoneySelection:
    """The entries an approval, payment or reversal would act on: listed, counted, summed
    (the confirmation step shows all three before anything changes)."""

    lines: list[MoneyLine]  # the first `limit` of each kind
    count: int
    total: Decimal


def money_selection(entry_sets: Iterable[EntryQuerySet], *, limit: int = 1000) -> MoneySelection:
    """The entries of `entry_sets` (querysets already narrowed to what the action may act
    on), with the names the confirmation lists; the total is summed by the database."""
    lines: list[MoneyLine] = []
    count, total = 0, Decimal(0)
    for entries in entry_sets:
        related = ("campaign", *entries.model.repr_related)
        for entry in entries.select_related(*related).order_by("campaign", "id")[:limit]:
            lines.append(
                MoneyLine(
                    entry=entry,
                    payee=_payee(entry),
                    campaign=entry.campaign.name,
                    amount=entry.amount,
                )
            )
        sums = entries.order_by().aggregate(count=Count("id"), total=Sum("amount"))
        count += sums["count"]
        total += sums["total"] or 0
    return MoneySelection(lines=lines, count=count, total=total)


def _payee(entry: PaidLedgerEntry) -> str:
    if isinstance(entry, Grant):
        return str(entry.recipient_name)
    if isinstance(entry, EducationAid):
        return entry.student_name
    return str(entry)

"""Named reads of applications: the staff inbox (kinds the user handles, in their subtree),
what is overdue, and a member's own."""

from typing import TYPE_CHECKING

from django.db.models import Count, Q
from django.utils import timezone

from yuyang_union.scoping import scope_queryset
from yuyang_union.users import Visitor

from .kinds import kinds_handled_by
from .models import Application, ApplicationQuerySet, ApplicationStatus

if TYPE_CHECKING:
    from members.models import Member

# What a list of applications shows: no identifier is read (nor decrypted).
LIST_COLUMNS = (
    "pk",
    "kind",
    "number",
    "status",
    "union__name",
    "applicant_name",
    "submitted_at",
    "due_at",
    "answered_at",
    "version",
)


def for_staff(user: Visitor) -> ApplicationQuerySet:
    """The applications `user` may handle: their department's kinds, in their subtree."""
    kinds = kinds_handled_by(user)
    if not kinds:
        return Application.objects.none()
    return scope_queryset(Application.objects.filter(kind__in=kinds), user, "union")


def inbox(user: Visitor) -> ApplicationQuerySet:
    return for_staff(user).select_related("union").only(*LIST_COLUMNS)


def open_counts(user: Visitor) -> dict[str, int]:
    """Open and overdue applications of the user's kinds and subtree: one aggregate."""
    now = timezone.now()
    return (
        for_staff(user)
        .open()
        .aggregate(
            open=Count("id"),
            unanswered=Count("id", filter=Q(status=ApplicationStatus.SUBMITTED)),
            overdue=Count("id", filter=Q(status=ApplicationStatus.SUBMITTED, due_at__lt=now)),
        )
    )


def waiting(user: Visitor) -> ApplicationQuerySet:
    """Waiting for a first answer, the nearest deadline (or the longest overdue) first."""
    return inbox(user).unanswered().order_by("due_at", "id")


def of_member(member: "Member") -> ApplicationQuerySet:
    """A member's own applications, newest first (the join application they made, too)."""
    return (
        Application.objects.filter(applicant=member)
        .only(*LIST_COLUMNS, "unseen_update", "outcome")
        .select_related("union")
    )


def news_count(member: "Member") -> int:
    """How many of the member's applications have a decision they have not opened yet."""
    return Application.objects.filter(applicant=member, unseen_update=True).count()

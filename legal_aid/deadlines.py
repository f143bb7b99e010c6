"""Deadlines of the legal service, for the staff home and the morning email: mediations due
within 7 days or overdue, and collective contracts ending within 60 days, each limited to
the user's union subtree."""

import datetime

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yuyang_union import roles
from yuyang_union.reminders import chinese_date, officers_in_role, send_to_officers
from yuyang_union.scoping import scope_queryset
from yuyang_union.users import Visitor

from .models import Case, CollectiveContract
from .models.contracts import EXPIRY_WARNING_DAYS
from .services import can_view_case_files

# A mediation shows from this many days before its 15-day deadline, and stays while overdue.
MEDIATION_NOTICE_DAYS = 7
# Cases are scoped by the union of the employer they are against (as the case list is).
CASE_SCOPE = "respondent__union"
# The longest list a panel or an email shows; the rest are behind the lists' links.
LISTED = 50


def mediation_deadlines(user: Visitor, today: datetime.date | None = None) -> QuerySet[Case]:
    """Running mediations of the user's subtree due within 7 days or overdue, soonest first."""
    today = today or timezone.localdate()
    cases = Case.objects.running_mediations().filter(
        due_on__lte=today + datetime.timedelta(days=MEDIATION_NOTICE_DAYS)
    )
    return (
        scope_queryset(cases, user, CASE_SCOPE)
        .select_related("respondent")
        .order_by("due_on", "pk")
    )


def contracts_expiring(
    user: Visitor, today: datetime.date | None = None
) -> QuerySet[CollectiveContract]:
    """Contracts of the user's subtree in force today and ending within 60 days."""
    contracts = CollectiveContract.objects.expiring(today or timezone.localdate())
    return scope_queryset(contracts, user, "union").order_by("expires_on", "pk")


def deadlines_for(user: Visitor, today: datetime.date) -> dict[str, object]:
    """What one user should see: the cases only with the right to open case files, the
    contracts only with the right to view them; at most LISTED of each (`*_more` says more)."""
    cases: list[Case] = []
    contracts: list[CollectiveContract] = []
    if can_view_case_files(user):
        cases = list(mediation_deadlines(user, today)[: LISTED + 1])
    if user.has_perm("legal_aid.view_collectivecontract"):
        contracts = list(contracts_expiring(user, today)[: LISTED + 1])
    return {
        "cases": cases[:LISTED],
        "cases_more": len(cases) > LISTED,
        "contracts": contracts[:LISTED],
        "contracts_more": len(contracts) > LISTED,
    }


def send_deadline_reminders(*, today: datetime.date | None = None) -> int:
    """Email each legal officer the deadlines of their subtree; returns how many emails went
    (none to an officer with nothing due or without an email address)."""
    today = today or timezone.localdate()

    def items_for(officer: User) -> dict[str, object] | None:
        found = deadlines_for(officer, today)
        if not found["cases"] and not found["contracts"]:
            return None
        return {
            "cases": [
                {
                    "reference": case.reference,
                    "respondent": case.respondent_display,
                    "due_on": chinese_date(case.due_on),
                    "overdue": case.due_on < today,
                }
                for case in found["cases"]  # type: ignore[attr-defined]
            ],
            "contracts": [
                {"title": contract.title, "expires_on": chinese_date(contract.expires_on)}
                for contract in found["contracts"]  # type: ignore[attr-defined]
            ],
            "cases_more": found["cases_more"],
            "contracts_more": found["contracts_more"],
            "mediation_days": MEDIATION_NOTICE_DAYS,
            "contract_days": EXPIRY_WARNING_DAYS,
            "today": chinese_date(today),
        }

    return send_to_officers(
        officers=officers_in_role(roles.LEGAL),
        subject=_("Legal service deadlines"),
        template="legal_aid/email/deadlines.txt",
        items_for=items_for,
    )

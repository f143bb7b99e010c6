"""The weekly email to welfare officers: the household files of their subtree whose yearly
review is due within 30 days or overdue (names and file numbers, never an identifier)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yuyang_union import roles
from yuyang_union.reminders import chinese_date, officers_in_role, send_to_officers

from . import selectors

# The longest list one email carries; the rest are counted, and on the staff pages.
LISTED = 50


def send_review_reminders(*, today: datetime.date | None = None) -> int:
    """Email each welfare officer the files of their subtree due for review; returns how
    many emails went (none to an officer with nothing due or without an email address)."""
    today = today or timezone.localdate()

    def items_for(officer):
        due = selectors.households_review_due(officer, today)
        due = due.select_related(None).select_related("head").only("pk", "head__name")
        households = list(due[: LISTED + 1])
        if not households:
            return None
        return {
            "households": [
                {
                    "name": household.head.name,
                    "number": household.pk,
                    "due_on": chinese_date(household.review_due_on),
                    "overdue": household.review_due_on < today,
                }
                for household in households[:LISTED]
            ],
            "more": len(households) > LISTED,
            "days": selectors.REVIEW_NOTICE_DAYS,
            "today": chinese_date(today),
        }

    return send_to_officers(
        officers=officers_in_role(roles.WELFARE),
        subject=_("Hardship household files due for yearly review"),
        template="welfare/email/review_due.txt",
        items_for=items_for,
    )

"""What an approval, payment or reversal tells the officer once it is done.

Every money action (the staff approval page, the admin's bulk actions) first shows what it
would do (how many entries, what total, which ones) and acts only on a second, confirming
POST. That POST may come twice (a double click, a reload) or after another officer acted on
the same entries: the services then skip the entries already moved on, and the officer reads
how many were done now and how many had been done already; never an error page.
"""

import datetime

from django.contrib import messages
from django.http import HttpRequest
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy, ngettext

from .selectors import MoneySelection
from .templatetags.welfare_format import yuan

ALREADY_MOVED_ON = gettext_lazy(
    "%(count)d of the selected entries no longer waited for this (a repeated click, or another "
    "officer was first): nothing was changed for them."
)

NOTHING_WAITS = gettext_lazy(
    "None of the selected entries waits for this action (already done, or in another state): "
    "nothing was changed."
)
CONFIRM_LABELS = {
    "approve": gettext_lazy("Yes, approve them"),
    "pay": gettext_lazy("Yes, mark them paid"),
    "reverse": gettext_lazy("Yes, reverse them"),
}


def money_question(
    action: str, selection: MoneySelection, paid_on: datetime.date | None = None
) -> str:
    """The confirmation's sentence: what will happen, to how many entries, for what total."""
    count, total = selection.count, yuan(selection.total)
    if action == "pay":
        text = ngettext(
            "Mark %(count)d entry paid on %(date)s, %(total)s in all? A paid entry is final: "
            "only a reversal corrects it.",
            "Mark %(count)d entries paid on %(date)s, %(total)s in all? A paid entry is "
            "final: only a reversal corrects it.",
            count,
        )
    elif action == "reverse":
        text = ngettext(
            "Reverse %(count)d paid entry in full, %(total)s in all? Each gets a negative "
            "correcting entry of its whole amount.",
            "Reverse %(count)d paid entries in full, %(total)s in all? Each gets a negative "
            "correcting entry of its whole amount.",
            count,
        )
    else:
        text = ngettext(
            "Approve %(count)d entry, %(total)s in all? Approved recipients are listed by "
            "name on the public notice.",
            "Approve %(count)d entries, %(total)s in all? Approved recipients are listed by "
            "name on the public notice.",
            count,
        )
    day = date_format(paid_on, "DATE_FORMAT") if paid_on else ""
    return text % {"count": count, "total": total, "date": day}


def done_message(action: str, count: int) -> str:
    if action == "pay":
        text = ngettext("%(count)d entry marked paid.", "%(count)d entries marked paid.", count)
    elif action == "reverse":
        text = ngettext("%(count)d entry reversed.", "%(count)d entries reversed.", count)
    else:
        text = ngettext("%(count)d entry approved.", "%(count)d entries approved.", count)
    return text % {"count": count}


def tell_outcome(request: HttpRequest, action: str, count: int, chosen: int) -> None:
    """`count` entries of the `chosen` were acted on now; the rest had moved on already."""
    if count:
        messages.success(request, done_message(action, count))
    if count < chosen:
        messages.info(request, ALREADY_MOVED_ON % {"count": chosen - count})

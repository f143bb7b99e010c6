"""Reminder emails to officers: who gets them, and one email per officer in Chinese.

The apps decide what is due (welfare's yearly reviews, legal aid's deadlines) and call
`send_to_officers` with a function that lists one officer's items, already limited to the
officer's union subtree. An officer with nothing due, or without an email address, gets
nothing. Items carry names, file or reference numbers and dates: never an ID number or phone.
"""

import datetime
import logging
from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import formats, translation

logger = logging.getLogger(__name__)


def chinese_date(day: datetime.date) -> str:
    """A date as the Chinese catalogue writes it: 2026年12月5日."""
    with translation.override(settings.LANGUAGE_CODE):
        return formats.date_format(day, "DATE_FORMAT")


def officers_in_role(role: str) -> QuerySet[User]:
    """The active accounts of a role group that have an email address to write to."""
    return (
        User.objects.filter(groups__name=role, is_active=True)
        .exclude(email="")
        .select_related("staff_profile__union")
        .order_by("pk")
        .distinct()
    )


def send_to_officers(
    *,
    officers: QuerySet[User],
    subject: str,
    template: str,
    items_for: Callable[[User], Mapping[str, Any] | None],
) -> int:
    """Render `template` (plain text) for each officer whose `items_for(officer)` is not None
    and send it to that officer alone; returns how many emails were sent.

    Rendered in the site's language (Chinese) whatever language the worker runs in; one
    failed send is logged and does not stop the others.
    """
    sent = 0
    for officer in officers:
        context = items_for(officer)
        if context is None:
            continue
        with translation.override(settings.LANGUAGE_CODE):
            body = render_to_string(
                template, {"officer": officer, "name": display_name(officer), **context}
            )
            message = EmailMessage(subject=str(subject), body=body, to=[officer.email])
        try:
            message.send()
        except Exception:  # one unreachable mailbox must not stop the others
            logger.exception("Reminder %r not sent to user %s", template, officer.pk)
            continue
        sent += 1
    return sent


def display_name(user: User) -> str:
    return user.get_full_name() or user.get_username()

"""Rate limits on applying: per address, per phone and per person, counted in the database
(every worker sees the same counts) under advisory locks, like the account codes.

The limits count what was sent, valid or not found: they say nothing of who is on the roster.
"""

import datetime

from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import SubmissionAttempt

WINDOW_HOURS = 24
PER_ADDRESS = 20  # a union office's shared connection may send a few for its workers
PER_PHONE = 5
PER_PERSON = 5
KEPT_DAYS = 30

TOO_MANY_MESSAGE = _(
    "Too many applications have been sent from here or for this person today. "
    "Please try again tomorrow, or ask your union."
)


TOO_MANY_LOOKUPS = _("Too many look-ups from here today. Please try again tomorrow.")
LOOKUPS_PER_ADDRESS = 30
LOOKUPS_PER_PHONE = 10


class TooManyApplications(Exception):
    message = TOO_MANY_MESSAGE


def _lock(*keys: str) -> None:
    with connection.cursor() as cursor:
        for key in sorted(k for k in keys if k):
            cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 11))", [key])


def check_and_count(
    *, kind: str, ip_address: str, phone_digest: str = "", person_digest: str = ""
) -> None:
    """Count one more attempt, or raise TooManyApplications over any limit.

    Its own transaction, committed before the submission's: a submission refused later (a
    duplicate, a bad field) still counts, so the limits also bound probing the roster.
    """
    with transaction.atomic():
        _check_and_count(
            kind=kind, ip_address=ip_address, phone_digest=phone_digest, person_digest=person_digest
        )


def _check_and_count(*, kind: str, ip_address: str, phone_digest: str, person_digest: str) -> None:
    now = timezone.now()
    _lock(f"ip:{ip_address}", f"phone:{phone_digest}" if phone_digest else "",
          f"person:{person_digest}" if person_digest else "")  # fmt: skip
    recent = SubmissionAttempt.objects.filter(
        created_at__gte=now - datetime.timedelta(hours=WINDOW_HOURS)
    )
    by = Q(ip_address=ip_address)
    counts = {"by_ip": Count("id", filter=Q(ip_address=ip_address))}
    if phone_digest:
        by |= Q(phone_digest=phone_digest)
        counts["by_phone"] = Count("id", filter=Q(phone_digest=phone_digest))
    if person_digest:
        by |= Q(person_digest=person_digest)
        counts["by_person"] = Count("id", filter=Q(person_digest=person_digest))
    found = recent.filter(by).aggregate(**counts)
    if (
        found["by_ip"] >= PER_ADDRESS
        or found.get("by_phone", 0) >= PER_PHONE
        or found.get("by_person", 0) >= PER_PERSON
    ):
        raise TooManyApplications
    SubmissionAttempt.objects.create(
        kind=kind,
        ip_address=ip_address,
        phone_digest=phone_digest,
        person_digest=person_digest,
        created_at=now,
    )


def purge_old_attempts(*, now: datetime.datetime | None = None) -> int:
    cutoff = (now or timezone.now()) - datetime.timedelta(days=KEPT_DAYS)
    deleted, _counts = SubmissionAttempt.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def check_lookup(*, ip_address: str, phone_digest: str) -> None:
    """Count a visitor's status look-up (kind blank), or raise TooManyApplications: the
    number and phone pair must not be guessable by trying."""
    with transaction.atomic():
        now = timezone.now()
        _lock(f"lookup-ip:{ip_address}", f"lookup-phone:{phone_digest}")
        found = SubmissionAttempt.objects.filter(
            kind="", created_at__gte=now - datetime.timedelta(hours=WINDOW_HOURS)
        ).aggregate(
            by_ip=Count("id", filter=Q(ip_address=ip_address)),
            by_phone=Count("id", filter=Q(phone_digest=phone_digest)),
        )
        if found["by_ip"] >= LOOKUPS_PER_ADDRESS or found["by_phone"] >= LOOKUPS_PER_PHONE:
            raise TooManyApplications
        SubmissionAttempt.objects.create(
            kind="", ip_address=ip_address, phone_digest=phone_digest, created_at=now
        )

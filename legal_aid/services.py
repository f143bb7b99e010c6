"""Writes on cases: registering (with its reference number), moving, documents, view log.

Every function is keyword-only, validates with full_clean and runs in one transaction.
"""

import datetime

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    ALLOWED_MOVES,
    Case,
    CaseDocument,
    CaseKind,
    CaseNumberCounter,
    CaseStatus,
    CaseStatusChange,
    CaseViewLog,
    Consultation,
)
from .models.cases import MEDIATION_DAYS

VIEW_CASE_FILE = "legal_aid.view_case_file"
CONCLUDED = (CaseStatus.SETTLED, CaseStatus.FAILED, CaseStatus.WITHDRAWN)


def can_view_case_files(user):
    return bool(user and user.is_active and user.has_perm(VIEW_CASE_FILE))


def next_case_sequence(*, kind, year):
    """The next number for `kind` in `year`, unique however many requests ask at once.

    One INSERT ... ON CONFLICT DO UPDATE increments the counter row and returns the new value;
    the row stays locked until the caller's transaction ends, so a concurrent request waits,
    then reads the incremented value. A rolled-back transaction gives its number back.
    """
    table = CaseNumberCounter._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {table} (kind, year, last_number) VALUES (%s, %s, 1)
            ON CONFLICT (kind, year) DO UPDATE SET last_number = {table}.last_number + 1
            RETURNING last_number
            """,  # noqa: S608 - the table name is ours, the values are parameters
            [str(kind), year],
        )
        return cursor.fetchone()[0]


@transaction.atomic
def register_case(*, case, actor, applicants=(), note=""):
    """Save a new case (status "received") with its reference number and first log entry.

    `case` is an unsaved Case with its fields filled in; `applicants` unsaved CaseApplicants.
    """
    if case.pk:
        raise ValueError("register_case takes a new case")
    case.status = CaseStatus.RECEIVED
    case.year = case.received_on.year
    # Validate before taking a number (numbers are given back on rollback anyway).
    case.full_clean(exclude=["year", "sequence", "reference"])
    with set_actor(actor):
        case.sequence = next_case_sequence(kind=case.kind, year=case.year)
        case.reference = Case.format_reference(case.kind, case.year, case.sequence)
        case.save()
        for applicant in applicants:
            applicant.case = case
            applicant.full_clean()
            applicant.save()
    CaseStatusChange.objects.create(
        case=case, from_status="", to_status=CaseStatus.RECEIVED, changed_by=actor, note=note
    )
    return case


@transaction.atomic
def move_case(*, case, to_status, actor, note="", on=None, amount_recovered=None):
    """Move a case one step along its flow; anything not in ALLOWED_MOVES is refused.

    `on` is the date of the move (default today): acceptance starts a mediation's 15 days,
    settling/failing/withdrawing records the conclusion, closing the closure.
    """
    on = on or timezone.localdate()
    # Lock the row: two people moving the same case at once cannot both succeed.
    case = Case.objects.select_for_update().get(pk=case.pk)
    from_status = CaseStatus(case.status)
    to_status = CaseStatus(to_status)
    if to_status not in ALLOWED_MOVES[from_status]:
        raise ValidationError(
            _("A case cannot go from “%(from)s” to “%(to)s”.")
            % {"from": from_status.label, "to": to_status.label},
            code="move_not_allowed",
        )
    if on < case.received_on:
        raise ValidationError(_("A move cannot be dated before the case was received."))
    fields = ["status", "updated_at"]
    case.status = to_status
    if to_status == CaseStatus.ACCEPTED:
        case.accepted_on = on
        fields.append("accepted_on")
        if case.kind == CaseKind.MEDIATION:
            case.due_on = on + datetime.timedelta(days=MEDIATION_DAYS)
            fields.append("due_on")
    elif to_status in CONCLUDED:
        case.concluded_on = on
        fields.append("concluded_on")
    elif to_status == CaseStatus.CLOSED:
        case.closed_on = on
        fields.append("closed_on")
    if amount_recovered is not None:
        case.amount_recovered = amount_recovered
        fields.append("amount_recovered")
    case.full_clean()
    with set_actor(actor):
        case.save(update_fields=fields)
    CaseStatusChange.objects.create(
        case=case, from_status=from_status, to_status=to_status, changed_by=actor, note=note
    )
    return case


def log_case_view(*, case, user, via):
    """Record that `user` opened `case`; refuses users who may not see case files."""
    if not can_view_case_files(user):
        raise PermissionDenied
    return CaseViewLog.objects.create(case=case, user=user, via=via)


@transaction.atomic
def add_case_document(*, case, title, upload, actor):
    document = CaseDocument(case=case, title=title, file=upload)
    document.note_upload(by=actor)
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def record_consultation(*, actor, **fields):
    """A consultation, as the hotline quick entry or any other form gives it."""
    consultation = Consultation(**fields)
    consultation.full_clean()
    with set_actor(actor):
        consultation.save()
    return consultation

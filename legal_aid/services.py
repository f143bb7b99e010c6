"""Writes on cases: registering (with its reference number), moving, documents, view log.

Every function is keyword-only, takes the acting user as `actor`, validates with full_clean,
runs in one transaction and writes one action entry per change.
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yuyang_union.history.actions import log_action
from yuyang_union.numbering import next_number
from yuyang_union.users import Actor, Visitor
from yuyang_union.versions.conflicts import require_version

from . import verbs
from .models import (
    ALLOWED_MOVES,
    Case,
    CaseApplicant,
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


def can_view_case_files(user: Visitor | None) -> bool:
    return bool(user and user.is_active and user.has_perm(VIEW_CASE_FILE))


def next_case_sequence(*, kind: str, year: int) -> int:
    """The next case number of `kind` in `year` (yuyang_union.numbering)."""
    return next_number(CaseNumberCounter, kind=kind, year=year)


@transaction.atomic
def register_case(
    *,
    actor: Actor,
    case: Case,
    applicants: Iterable[CaseApplicant] = (),
    note: str = "",
) -> Case:
    """Save a new case (status "received") with its reference number and first log entry.

    `case` is an unsaved Case with its fields filled in; `applicants` unsaved CaseApplicants.
    """
    if case.pk:
        raise ValueError("register_case takes a new case")
    case.status = CaseStatus.RECEIVED
    case.year = case.received_on.year
    # Validate before taking a number (numbers are given back on rollback anyway).
    case.full_clean(exclude=["year", "sequence", "reference"])
    applicants = list(applicants)
    with set_actor(actor):
        case.sequence = next_case_sequence(kind=case.kind, year=case.year)
        case.reference = Case.format_reference(case.kind, case.year, case.sequence)
        case.save()
        for applicant in applicants:
            applicant.case = case
            applicant.full_clean()
            applicant.save()
    entry = log_action(
        actor=actor,
        verb=verbs.CASE_REGISTERED,
        obj=case,
        data={"kind": case.kind, "reference": case.reference, "applicants": len(applicants)},
    )
    CaseStatusChange.objects.create(
        case=case,
        from_status="",
        to_status=CaseStatus.RECEIVED,
        changed_by=actor,
        note=note,
        action=entry,
    )
    return case


@transaction.atomic
def move_case(
    *,
    actor: Actor,
    case: Case,
    to_status: str,
    note: str = "",
    on: datetime.date | None = None,
    amount_recovered: Decimal | None = None,
    read_version: int | None = None,
) -> Case:
    """Move a case one step along its flow; anything not in ALLOWED_MOVES is refused.

    `on` is the date of the move (default today): acceptance starts a mediation's 15 days,
    settling/failing/withdrawing records the conclusion, closing the closure.
    """
    on = on or timezone.localdate()
    # Lock the row: two people moving the same case at once cannot both succeed, and a move
    # decided on a page read at an older version (`read_version`) is refused.
    case = Case.objects.select_for_update().get(pk=case.pk)
    require_version(case, read_version)
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
    entry = log_action(
        actor=actor,
        verb=verbs.CASE_MOVED,
        obj=case,
        data={
            "from_status": from_status,
            "to_status": to_status,
            "on": on,
            "amount_recovered": amount_recovered,
            "note": note,
        },
    )
    CaseStatusChange.objects.create(
        case=case,
        from_status=from_status,
        to_status=to_status,
        changed_by=actor,
        note=note,
        action=entry,
    )
    if to_status == CaseStatus.CLOSED:
        # A member's online request that became this case is now concluded (已办结).
        from .help_requests import conclude_requests_of_case

        conclude_requests_of_case(actor=actor, case=case, concluded_as=from_status)
    return case


def log_case_view(*, actor: Actor, case: Case, via: str) -> CaseViewLog:
    """Record that `actor` opened `case`; refuses users who may not see case files."""
    if not can_view_case_files(actor):
        raise PermissionDenied
    # The stubs type AUTH_USER_MODEL keys as User.
    return CaseViewLog.objects.create(case=case, user=actor, via=via)


def add_case_document(
    *, actor: Actor, case: Case, title: str, upload: UploadedFile
) -> CaseDocument:
    document = CaseDocument(case=case, title=title, file=upload)
    return save_case_document(actor=actor, document=document)


@transaction.atomic
def save_case_document(*, actor: Actor, document: CaseDocument) -> CaseDocument:
    """Save a document just uploaded to a case: who uploaded it, its name as uploaded, and
    the act in the case's action log (the staff page, the case admin and the document admin
    all upload through here)."""
    document.note_upload(actor=actor)
    document.full_clean()
    with set_actor(actor):
        document.save()
    log_action(
        actor=actor, verb=verbs.DOCUMENT_ADDED, obj=document.case, data={"title": document.title}
    )
    return document


@transaction.atomic
def record_consultation(*, actor: Actor, **fields: Any) -> Consultation:
    """A consultation, as the hotline quick entry or any other form gives it."""
    consultation = Consultation(**fields)
    consultation.full_clean()
    with set_actor(actor):
        consultation.save()
    log_action(
        actor=actor,
        verb=verbs.CONSULTATION_RECORDED,
        obj=consultation,
        data={"workers": consultation.workers_served},
    )
    return consultation

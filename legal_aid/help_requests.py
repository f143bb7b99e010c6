"""Writes on members' legal help requests: submitting one, and turning it into the record it
asks for (a consultation, which concludes it; a case, which puts it in hand until the case is
closed). The application's moves are the toolkit's (yuyang_union.applications.services): each
writes its own status step, action entry and notice; the record's service writes its own.
"""

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import override

from yuyang_union.applications.documents import CheckedDocument
from yuyang_union.applications.models import Application, ApplicationKind
from yuyang_union.applications.services import (
    begin_handling,
    conclude_application,
    conclude_for_record,
    submit_member_request,
)
from yuyang_union.users import Actor

from . import services
from .models import Case, CaseApplicant, CaseStatus, Consultation, LegalHelpRequest

HANDLE_PERMISSION = "legal_aid.handle_legalhelprequest"


def submit_help_request(
    *,
    actor: Actor,
    member: Any,
    request: LegalHelpRequest,
    contact_phone: str,
    documents: Sequence[CheckedDocument] = (),
    ip_address: str,
    sensitive_consent: bool,
) -> Application:
    """The member's request, routed to their own union (raises TooManyApplications past the
    limits, ValidationError for what only the models check)."""
    return submit_member_request(
        actor=actor,
        kind=ApplicationKind.LEGAL_HELP,
        member=member,
        details=request,
        contact_phone=contact_phone,
        documents=documents,
        ip_address=ip_address,
        sensitive_consent=sensitive_consent,
    )


def _in_site_language(say: Callable[[], str]) -> str:
    """An outcome as the applicant reads it: in the site's language, whoever acts."""
    with override(settings.LANGUAGE_CODE):
        return say()


@transaction.atomic
def record_consultation_from_request(
    *, actor: Actor, application: Application, read_version: int | None, **fields: Any
) -> Consultation:
    """The consultation given in answer, and the application concluded with it."""
    consultation = services.record_consultation(actor=actor, **fields)
    conclude_application(
        actor=actor,
        application=application,
        outcome=_in_site_language(lambda: _("Legal consultation given")),
        record=consultation,
        read_version=read_version,
    )
    return consultation


@transaction.atomic
def register_case_from_request(
    *,
    actor: Actor,
    application: Application,
    case: Case,
    other_applicants: Iterable[CaseApplicant] = (),
    read_version: int | None,
) -> Case:
    """The case, with the applicant as its first applicant, and the application in hand."""
    first = CaseApplicant(member=application.applicant)
    case = services.register_case(actor=actor, case=case, applicants=[first, *other_applicants])
    begin_handling(
        actor=actor,
        application=application,
        record=case,
        outcome=_in_site_language(
            lambda: _("Case registered: %(reference)s") % {"reference": case.reference}
        ),
        read_version=read_version,
    )
    return case


def case_closed_outcome(case: Case, concluded_as: str) -> str:
    """ "案件援〔2026〕第3号已结案（调解成功），追回劳动经济权益12,000.00元"."""

    def said() -> str:
        params = {"reference": case.reference, "status": CaseStatus(concluded_as).label}
        if case.amount_recovered and case.amount_recovered > Decimal(0):
            params["amount"] = f"{case.amount_recovered:,.2f}"
            return _("Case %(reference)s closed (%(status)s); %(amount)s yuan recovered") % params
        return _("Case %(reference)s closed (%(status)s)") % params

    return _in_site_language(said)


def conclude_requests_of_case(*, actor: Actor, case: Case, concluded_as: str) -> int:
    """When a case is closed, the applications it came from are concluded (已办结), by the
    one who closed it or, when they may not handle requests, by the system on their behalf
    (the toolkit's `consequent_actor`: closing a case never fails for a request's sake)."""
    return conclude_for_record(
        actor=actor, record=case, outcome=case_closed_outcome(case, concluded_as)
    )


def help_request_of(application: Application) -> LegalHelpRequest:
    return LegalHelpRequest.objects.select_related("employer").get(application=application)

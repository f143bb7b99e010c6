"""Members' help requests (issue 18) through the applications toolkit: submitting them, and
turning one into the record it asks for with the welfare services.

- hardship help → a household file (`register_household`), and the application is concluded;
- 金秋助学 → an education-aid proposal (`propose_education_aid`), and the application is in
  progress until the aid is approved (concluded with the amount) or withdrawn before payment
  (not approved, with the reason). Approval is `services.approve_entries`, which calls
  `conclude_requests_for_aid`; the admin's deletion of a proposal calls
  `decline_requests_for_withdrawn_aid`.

Each conversion is one transaction: the record and the application's move stand or fall
together (one action entry for each).
"""

import dataclasses
import datetime
from collections.abc import Sequence
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import override

from members.models import Member, UnionOrganisation
from yuyang_union.applications.documents import CheckedDocument
from yuyang_union.applications.models import Application, ApplicationKind, DeclineReason
from yuyang_union.applications.services import (
    begin_handling,
    conclude_application,
    consequent_actor,
    decline_application,
    submit_member_request,
)
from yuyang_union.users import Actor

from . import services
from .models import (
    EducationAid,
    EducationAidRequest,
    HardshipHelpRequest,
    HardshipHousehold,
    HardshipTier,
    ReliefCampaign,
)

HANDLE_PERMISSION = "welfare.handle_helprequest"


def submit_help_request(
    *,
    actor: Actor,
    member: Member,
    details: HardshipHelpRequest | EducationAidRequest,
    contact_phone: str,
    documents: Sequence[CheckedDocument],
    ip_address: str,
    sensitive_consent: bool,
) -> Application:
    """A member's request, routed to their own union. The toolkit counts the rate limits
    first, then checks everything (the student's duplicate too) and saves it all or nothing."""
    kind = (
        ApplicationKind.HARDSHIP_HELP
        if isinstance(details, HardshipHelpRequest)
        else ApplicationKind.EDUCATION_AID
    )
    return submit_member_request(
        actor=actor,
        kind=kind,
        member=member,
        details=details,
        contact_phone=contact_phone,
        documents=documents,
        ip_address=ip_address,
        sensitive_consent=sensitive_consent,
    )


def named_document(document: CheckedDocument, name: str) -> CheckedDocument:
    """The document under a name that says what it is ("录取通知书：IMG_0012.jpg")."""
    return dataclasses.replace(document, original_name=f"{name}：{document.original_name}")


def _require_kind(application: Application, kind: str) -> None:
    if application.kind != kind:
        raise ValidationError(_("This application is of another kind."), code="wrong_kind")


def _money(amount: Decimal) -> str:
    """1,234.50: as the welfare pages show money (`welfare_format.yuan`)."""
    return f"{Decimal(amount):,.2f}"


def open_file_of(member: Member | None) -> HardshipHousehold | None:
    """The member's household file in file, if any (a request then asks for nothing new)."""
    if member is None:
        return None
    return HardshipHousehold.objects.open().filter(head=member).first()


def register_household_from_request(
    *,
    actor: Actor,
    application: Application,
    tier: str,
    registered_on: datetime.date,
    household_size: int,
    causes: list[str],
    situation: str = "",
    monthly_income_per_person: Decimal | None = None,
    union: UnionOrganisation | None = None,
    read_version: int | None = None,
) -> HardshipHousehold:
    """登记困难职工档案 from a hardship request: the applicant heads the file; the
    application is concluded ("已建档") with the file as its record."""
    _require_kind(application, ApplicationKind.HARDSHIP_HELP)
    if application.applicant is None:
        raise ValidationError(_("This application is of another kind."), code="wrong_kind")
    with transaction.atomic():
        household = services.register_household(
            actor=actor,
            head=application.applicant,
            union=union,
            tier=tier,
            registered_on=registered_on,
            household_size=household_size,
            causes=causes,
            situation=situation,
            monthly_income_per_person=monthly_income_per_person,
        )
        with override(settings.LANGUAGE_CODE):
            outcome = _(
                "Registered: a hardship household file (%(tier)s), registered on %(date)s"
            ) % {
                "tier": HardshipTier(tier).label,
                "date": formats.date_format(registered_on, "Y年n月j日"),
            }
        conclude_application(
            actor=actor,
            application=application,
            outcome=outcome,
            record=household,
            read_version=read_version,
        )
    return household


def propose_aid_from_request(
    *,
    actor: Actor,
    application: Application,
    campaign: ReliefCampaign,
    amount: Decimal,
    student_name: str,
    school: str,
    level: str,
    notes: str = "",
    read_version: int | None = None,
) -> EducationAid:
    """提出助学金建议 from a 金秋助学 request: the applicant is the parent, the student's
    ID number the request's; the application goes 办理中 with the proposal as its record."""
    _require_kind(application, ApplicationKind.EDUCATION_AID)
    request = EducationAidRequest.objects.get(application=application)
    with transaction.atomic():
        aid = services.propose_education_aid(
            actor=actor,
            campaign=campaign,
            year=campaign.year,
            amount=amount,
            student_name=student_name,
            student_id_number=request.student_id_number,
            school=school,
            level=level,
            parent=application.applicant,
            notes=notes,
        )
        with override(settings.LANGUAGE_CODE):
            outcome = _("Education aid of %(amount)s yuan proposed; waiting for approval") % {
                "amount": _money(aid.amount)
            }
        begin_handling(
            actor=actor,
            application=application,
            record=aid,
            outcome=outcome,
            read_version=read_version,
        )
    return aid


def _open_requests_of(
    aids: Sequence[EducationAid],
) -> list[tuple[Application, EducationAid]]:
    by_id = {str(aid.pk): aid for aid in aids}
    applications = (
        Application.objects.open()
        .select_related("union")
        .filter(
            kind=ApplicationKind.EDUCATION_AID,
            record_type=ContentType.objects.get_for_model(EducationAid),
            record_id__in=list(by_id),
        )
    )
    return [(application, by_id[application.record_id]) for application in applications]


def conclude_requests_for_aid(*, actor: Actor, aids: Sequence[EducationAid]) -> int:
    """The aid was approved: the requests it came from are concluded with the decision
    ("已批准助学金 4,000.00 元"). One query finds them, whatever the number approved."""
    count = 0
    for application, aid in _open_requests_of(aids):
        with override(settings.LANGUAGE_CODE):
            outcome = _("Education aid of %(amount)s yuan approved") % {
                "amount": _money(aid.amount)
            }
        conclude_application(
            actor=consequent_actor(actor, application),
            application=application,
            outcome=outcome,
            record=aid,
        )
        count += 1
    return count


def decline_requests_for_withdrawn_aid(*, actor: Actor, aids: Sequence[EducationAid]) -> int:
    """A proposal deleted before payment (not approved after all): the request it came from
    is not approved, with the reason and a note the applicant reads."""
    count = 0
    for application, _aid in _open_requests_of(aids):
        with override(settings.LANGUAGE_CODE):
            note = _(
                "After review, the education aid was not granted this time. Ask your union "
                "if you have questions."
            )
        decline_application(
            actor=consequent_actor(actor, application),
            application=application,
            reason=DeclineReason.NOT_ELIGIBLE,
            note=note,
        )
        count += 1
    return count

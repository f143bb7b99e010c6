"""Members' online legal help requests (法律援助申请) in each state, made through the services
as a member and the legal officer would: submitted, overdue, accepted, in hand with a case,
concluded after a consultation and after a closed case, declined. `for_demo_member` gives the
member login `huiyuan` (made by the events demo, after this one) a request of their own.

Submitted today and answered today: the seed's figures (2015–2022) are untouched.
"""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from members.models import Member
from yuyang_union import roles
from yuyang_union.applications.demo import backdate
from yuyang_union.applications.models import DeclineReason
from yuyang_union.applications.services import accept_application, decline_application
from yuyang_union.history.actors import system_actor

from .. import services
from ..help_requests import (
    record_consultation_from_request,
    register_case_from_request,
    submit_help_request,
)
from ..models import Case, CaseKind, CaseStatus, Channel, LegalHelpRequest, Matter

STORIES = [
    (Matter.WAGES_OWED, "工地干了八个月，老板一直拖欠工资，多次催要未果。", Decimal("36800.00"), 6),
    (Matter.WORK_INJURY, "在车间搬运货物时摔伤腰部，单位不给申报工伤。", Decimal("0.00"), 1),
    (Matter.DISMISSAL, "单位以经营困难为由口头辞退，没有给经济补偿。", Decimal("12000.00"), 1),
    (Matter.SOCIAL_INSURANCE, "入职两年，单位一直没有缴纳社会保险。", Decimal("8400.00"), 3),
    (Matter.CONTRACT, "工作一年多未签劳动合同，想要二倍工资。", Decimal("27000.00"), 1),
    (Matter.WAGES_OWED, "外卖站点押了两个月工资，离职后不肯结算。", Decimal("9600.00"), 4),
    (Matter.WAGES_OWED, "年底结账时包工头跑了，十几个人的工钱没着落。", Decimal("152000.00"), 14),
]
# Demo addresses only count the rate limits (each request as if sent from its own phone).
ADDRESS = "127.0.0.{}"


def _members_with_phones(count):
    found = []
    for member in Member.objects.select_related("union", "employer").order_by("id")[:400]:
        if member.phone and member.union_id:
            found.append(member)
        if len(found) == count:
            break
    return found


def _submit(member, story, number):
    matter, happened, amount, workers = story
    details = LegalHelpRequest(
        matter=matter,
        what_happened=happened,
        amount_owed=amount,
        workers_affected=workers,
        employer=member.employer,
        employer_name="" if member.employer_id else "酉阳县某劳务分包队",
    )
    return submit_help_request(
        actor=member.user or system_actor(),
        member=member,
        request=details,
        contact_phone=member.phone,
        ip_address=ADDRESS.format(number % 250 + 1),
        sensitive_consent=True,
    )


def _case_from(application, staff):
    details = application.legal_help
    case = Case(
        kind=CaseKind.LEGAL_AID,
        received_on=timezone.localdate(),
        respondent=details.employer,
        respondent_name="" if details.employer_id else details.employer_name,
        matter=details.matter,
        workers_involved=details.workers_affected,
        amount_claimed=details.amount_owed,
        assigned_staff=staff if staff.is_active else None,
        facts=details.what_happened,
    )
    return register_case_from_request(
        actor=staff, application=application, case=case, read_version=None
    )


def load(context):
    staff = context.staff or system_actor()
    members = _members_with_phones(len(STORIES))
    if len(members) < len(STORIES):
        return
    made = [
        _submit(member, story, n)
        for n, (member, story) in enumerate(zip(members, STORIES, strict=True))
    ]
    submitted, overdue, accepted, in_hand, consulted, closed, declined = made
    backdate(overdue, days=12)
    accept_application(actor=staff, application=accepted, note="请带好工资条和考勤记录来工会。")
    _case_from(in_hand, staff)
    details = consulted.legal_help
    record_consultation_from_request(
        actor=staff,
        application=consulted,
        read_version=None,
        date=timezone.localdate(),
        channel=Channel.ONLINE,
        topics=[details.matter],
        workers_served=details.workers_affected,
        employer=details.employer,
        employer_name=details.employer_name,
        summary="电话回复：告知申请工伤认定的时限和材料。",
    )
    _close_case(_case_from(closed, staff), staff)
    decline_application(
        actor=staff,
        application=declined,
        reason=DeclineReason.OTHER_BODY,
        note="该纠纷已由县劳动人事争议仲裁院受理，请按仲裁院通知参加庭审。",
    )
    del submitted  # stays 提交: waiting for its first answer


def _close_case(case, staff):
    """Accepted, in arbitration, settled with the money recovered, closed: the request is
    concluded (已办结) with the amount."""
    for status in (CaseStatus.ACCEPTED, CaseStatus.ARBITRATION):
        services.move_case(actor=staff, case=case, to_status=status)
    services.move_case(
        actor=staff,
        case=case,
        to_status=CaseStatus.SETTLED,
        amount_recovered=case.amount_claimed,
    )
    services.move_case(actor=staff, case=case, to_status=CaseStatus.CLOSED)


def for_demo_member(username):
    """The demo member's own request, in hand with a case: `/me/applications/` shows it."""
    user = get_user_model().objects.filter(username=username).first()
    member = Member.objects.filter(user=user).select_related("union", "employer").first()
    if member is None or not member.phone:
        return
    if LegalHelpRequest.objects.filter(application__applicant=member).exists():
        return
    legal = roles.DEMO_USERNAMES[roles.LEGAL]
    staff = get_user_model().objects.filter(username=legal).first() or system_actor()
    story = (
        Matter.WAGES_OWED,
        "在酉阳县城区做快递分拣，春节前两个月的工资一直没发。",
        Decimal("7600.00"),
        2,
    )
    application = _submit(member, story, 249)
    _case_from(application, staff)

"""A small county in factory records, enough for every page to show what it shows at work:
lists with rows, detail pages with their parts, inlines with lines. `county()` makes it and
names the records; `public_pages`, `staff_pages`, `admin_pages` list the pages to look at."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from events.models import RegistrationStatus
from legal_aid.models import CaseApplicant
from tests.competitions.factories import (
    CompetitionEventFactory,
    CompetitionFactory,
    CompetitionTitleFactory,
    EntryFactory,
    ParticipationFactory,
)
from tests.events.factories import EventFactory, PastEventFactory, RegistrationFactory
from tests.legal_aid.factories import (
    AppraisalFactory,
    CollectiveContractFactory,
    ConsultationFactory,
    HarmonyRatingFactory,
    OutreachEventFactory,
    make_case,
    make_help_request,
)
from tests.members.factories import (
    EmployerFactory,
    HonourFactory,
    MemberFactory,
    TownshipFactory,
    UnionFactory,
    UserFactory,
    make_id_number,
)
from tests.welfare.factories import (
    CampaignFactory,
    EducationAidFactory,
    GrantFactory,
    HouseholdFactory,
    ServiceSiteFactory,
)
from welfare.models import CampaignKind, HouseholdPerson
from yuyang_union.jobs.models import Job, JobState

MISSING_PAGE = "/no-such-page/"  # the 404 page in the site shell


@dataclass
class County:
    township_union: object
    employer: object
    member: object
    household: object
    campaign: object
    competition: object
    competition_event: object
    case: object
    event: object
    past_event: object
    contract: object
    application: object


def county():
    township = TownshipFactory(name="龙潭镇")
    township_union = UnionFactory(name="龙潭镇工会", kind="township", code="LT")
    employer_union = UnionFactory(name="酉阳县龙潭酒店有限公司工会", parent=township_union)
    employer = EmployerFactory(name="酉阳县龙潭酒店有限公司", township=township, headcount=120)
    members = [
        MemberFactory(name=name, union=employer_union, employer=employer)
        for name in ["冉小梅", "田大勇", "白秀英"]
    ]
    member = members[0]
    HonourFactory(member=members[1])

    household = HouseholdFactory(head=member, registered_on=datetime.date(2025, 1, 1))
    HouseholdPerson.objects.create(household=household, name="冉小军", relation="child")
    campaign = CampaignFactory(name="2026年送温暖活动", year=2026)
    GrantFactory(campaign=campaign, household=household, amount=Decimal("1500.00"))
    EducationAidFactory(parent=members[1])
    ServiceSiteFactory(name="龙潭镇职工之家", union=township_union)
    CampaignFactory(name="2026年金秋助学", year=2026, kind=CampaignKind.EDUCATION)

    competition = CompetitionFactory(name="酉阳县第八届职工技能大赛")
    competition_event = CompetitionEventFactory(competition=competition, name="中式烹调")
    ParticipationFactory(competition=competition, employer=employer, team_name="龙潭酒店队")
    for entrant in members:
        EntryFactory(event=competition_event, member=entrant, employer=employer)
    CompetitionTitleFactory(competition=competition, member=members[2])

    case = make_case(
        kind="mediation",
        received_on=timezone.localdate() - datetime.timedelta(days=40),
        respondent=employer,
        applicants=[CaseApplicant(name="田大勇", id_number=make_id_number())],
    )
    ConsultationFactory(employer=employer)
    OutreachEventFactory()
    AppraisalFactory()
    contract = CollectiveContractFactory(
        union=employer_union,
        title="酉阳县龙潭酒店有限公司工资专项集体合同",
        expires_on=timezone.localdate() + datetime.timedelta(days=30),
        employers=[employer],
    )
    HarmonyRatingFactory(employer=employer)

    event = EventFactory(title="职工公益体检", place="县人民医院")
    for attendee in members:
        RegistrationFactory(event=event, member=attendee)
    RegistrationFactory(event=event, status=RegistrationStatus.CANCELLED)
    past_event = PastEventFactory(title="送法进企业", body="县总工会开展送法进企业活动。")
    application = make_help_request(member=members[2], employer=employer)
    return County(
        township_union=township_union,
        employer=employer,
        member=member,
        household=household,
        campaign=campaign,
        competition=competition,
        competition_event=competition_event,
        case=case,
        event=event,
        past_event=past_event,
        contract=contract,
        application=application,
    )


def officer_with_a_failed_import(username):
    """A county officer with every permission (a superuser: every staff page and every admin
    page open to them), whose last import found bad rows: (user, the job's page)."""
    officer = UserFactory(username=username, is_staff=True, is_superuser=True)
    job = Job.objects.create(
        owner=officer,
        kind="import",
        label="导入会员",
        state=JobState.FAILED,
        total=2,
        done=2,
        message="2行中有1行未通过检查，未导入任何记录。",
        errors=[{"row": 3, "column": "身份证号码", "message": "身份证号码校验位不对。"}],
        error_count=1,
    )
    return officer, f"/jobs/{job.pk}/"


def public_pages(records):
    """Every page a visitor without an account may open."""
    return [
        "/",
        "/events/",
        "/events/?when=past",
        "/events/mine/",
        records.event.get_absolute_url(),
        records.past_event.get_absolute_url(),
        "/competitions/",
        f"/competitions/{records.competition.pk}/",
        "/honours/",
        "/notices/",
        "/service-sites/",
        "/accounts/login/",
        "/accounts/activate/",
        "/accounts/recover/",
        "/apply/",
        "/apply/join/",
        "/apply/status/",
        MISSING_PAGE,
    ]


def staff_pages(records):
    """The site's own staff pages, as a county officer with every role sees them."""
    competition = records.competition.pk
    return [
        "/staff/",
        "/staff/welfare/households/",
        "/staff/welfare/households/new/",
        f"/staff/welfare/households/{records.household.pk}/",
        "/staff/welfare/grants/approval/",
        "/staff/welfare/campaigns/",
        f"/staff/welfare/campaigns/{records.campaign.pk}/",
        "/staff/competitions/",
        f"/staff/competitions/{competition}/",
        f"/staff/competitions/{competition}/events/{records.competition_event.pk}/scores/",
        f"/staff/competitions/{competition}/import/",
        "/staff/legal/cases/",
        "/staff/legal/cases/new/",
        "/staff/legal/cases/overdue/",
        f"/staff/legal/cases/{records.case.pk}/",
        "/staff/legal/contracts/expiring/",
        "/staff/legal/consultations/new/",
        "/staff/events/",
        f"/staff/events/{records.event.pk}/registrations/",
        f"/staff/events/{records.event.pk}/check-in/",
        "/staff/summary/",
        "/staff/applications/",
        f"/staff/applications/{records.application.pk}/",
        "/staff/personal-data/copy/",
        "/jobs/",
        "/accounts/security/",
        "/accounts/password/",
        "/account/my-data/",
    ]


# The staff lists that are tables of records (the others are forms or single records).
def staff_list_pages(records):
    competition = records.competition.pk
    return [
        "/staff/welfare/households/",
        f"/staff/welfare/households/{records.household.pk}/",
        "/staff/welfare/grants/approval/",
        "/staff/welfare/campaigns/",
        f"/staff/welfare/campaigns/{records.campaign.pk}/",
        "/staff/competitions/",
        f"/staff/competitions/{competition}/",
        f"/staff/competitions/{competition}/events/{records.competition_event.pk}/scores/",
        "/staff/legal/cases/",
        "/staff/legal/cases/overdue/",
        f"/staff/legal/cases/{records.case.pk}/",
        "/staff/legal/contracts/expiring/",
        f"/staff/events/{records.event.pk}/registrations/",
    ]


def admin_pages(records):
    """The admin's index, and each app's main models: the list, and a record's change form
    (the member's and the household's with their inlines)."""
    return [
        "/admin/",
        "/admin/members/unionorganisation/",
        f"/admin/members/unionorganisation/{records.township_union.pk}/change/",
        "/admin/members/employer/",
        f"/admin/members/employer/{records.employer.pk}/change/",
        "/admin/members/member/",
        f"/admin/members/member/{records.member.pk}/change/",
        "/admin/members/member/add/",
        "/admin/members/honour/",
        "/admin/welfare/hardshiphousehold/",
        f"/admin/welfare/hardshiphousehold/{records.household.pk}/change/",
        "/admin/welfare/hardshiphousehold/add/",
        "/admin/welfare/grant/",
        "/admin/welfare/reliefcampaign/",
        f"/admin/welfare/reliefcampaign/{records.campaign.pk}/change/",
        "/admin/competitions/competition/",
        f"/admin/competitions/competition/{records.competition.pk}/change/",
        "/admin/competitions/entry/",
        "/admin/legal_aid/case/",
        f"/admin/legal_aid/case/{records.case.pk}/change/",
        "/admin/legal_aid/consultation/",
        "/admin/legal_aid/collectivecontract/",
        f"/admin/legal_aid/collectivecontract/{records.contract.pk}/change/",
        "/admin/events/event/",
        f"/admin/events/event/{records.event.pk}/change/",
        "/admin/events/registration/",
        "/admin/summary/yearlytally/",
        "/admin/auth/user/",
    ]


def admin_changelists(records):
    return [path for path in admin_pages(records) if path.count("/") == 4]

"""Demo members' requests (issue 18): hardship help and 金秋助学 in each state, made and
answered through the services, one of each by the demo member login (`huiyuan`) so that
its 我的申请 shows them. Loaded after every app's records (the events demo makes the
member login), by `load_demo`'s late step (`load_late`, once every app's demo is loaded)."""

import datetime
import io
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from members.models import Member
from yuyang_union import roles
from yuyang_union.applications.documents import CheckedDocument
from yuyang_union.applications.models import DeclineReason
from yuyang_union.applications.services import accept_application, decline_application
from yuyang_union.demo.kit import IDNumbers, person_name
from yuyang_union.history.actors import system_actor

from .. import help_request_services, services
from ..models import (
    CampaignKind,
    EducationAid,
    EducationAidRequest,
    HardshipCause,
    HardshipHelpRequest,
    HardshipHousehold,
    ReliefCampaign,
    SchoolLevel,
)

DEMO_MEMBER_USERNAME = "huiyuan"
SCHOOLS = ["酉阳第一中学", "酉阳职业教育中心", "重庆三峡医药高等专科学校", "西南大学", "重庆大学"]
SITUATIONS = [
    "妻子患尿毒症，每周透析三次，医药费负担重，两个孩子在读书。",
    "去年在工地受伤，至今不能干重活，家里只有妻子在镇上打零工。",
    "房屋在暴雨中受损，一家四口暂住亲戚家。",
]
# Documentation addresses (RFC 5737): the demo's requests count no real address's limit.
DEMO_ADDRESS = "192.0.2.{}"


def _admission_letter() -> CheckedDocument:
    """A drawn stand-in for a photographed admission letter (nothing is downloaded)."""
    picture = Image.new("RGB", (600, 420), "#fdf6e3")
    draw = ImageDraw.Draw(picture)
    draw.rectangle((20, 20, 580, 400), outline="#b22222", width=6)
    draw.rectangle((250, 60, 350, 90), fill="#b22222")
    for top in range(140, 360, 40):
        draw.line((70, top, 530, top), fill="#999999", width=3)
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return CheckedDocument(ContentFile(out.getvalue(), name="x.png"), "image/png", "录取通知书.png")


class _Requests:
    def __init__(self, rng):
        self.rng = rng
        self.today = timezone.localdate()
        self.staff = get_user_model().objects.get(username=roles.DEMO_USERNAMES[roles.WELFARE])
        self.students = IDNumbers(rng)
        self.sent = 0

    def phone(self, member: Member) -> str:
        return member.phone or f"139{self.rng.randint(10_000_000, 99_999_999)}"

    def submit(self, member: Member, details, documents=()):
        self.sent += 1
        return help_request_services.submit_help_request(
            actor=member.user or system_actor(),
            member=member,
            details=details,
            contact_phone=self.phone(member),
            documents=list(documents),
            ip_address=DEMO_ADDRESS.format(self.sent),
            sensitive_consent=True,
        )

    def hardship(self, member: Member):
        return self.submit(
            member,
            HardshipHelpRequest(
                household_size=self.rng.randint(2, 6),
                monthly_income_per_person=Decimal(self.rng.randrange(400, 1200, 50)),
                causes=self.rng.sample(HardshipCause.values, 2),
                situation=self.rng.choice(SITUATIONS),
            ),
        )

    def education(self, member: Member):
        birth = datetime.date(
            self.today.year - 18, self.rng.randint(1, 12), self.rng.randint(1, 28)
        )
        return self.submit(
            member,
            EducationAidRequest(
                student_name=member.name[0] + person_name(self.rng)[1:],
                student_id_number=self.students.new(birth),
                school=self.rng.choice(SCHOOLS),
                level=self.rng.choice(SchoolLevel.values),
            ),
            [_admission_letter()],
        )

    def register(self, application):
        request = application.hardship_help
        help_request_services.register_household_from_request(
            actor=self.staff,
            application=application,
            tier="relative",
            registered_on=self.today,
            household_size=request.household_size,
            causes=request.causes,
            situation=request.situation,
            monthly_income_per_person=request.monthly_income_per_person,
        )

    def propose(self, application, campaign):
        request = application.education_aid_request
        return help_request_services.propose_aid_from_request(
            actor=self.staff,
            application=application,
            campaign=campaign,
            amount=Decimal("4000.00"),
            student_name=request.student_name,
            school=request.school,
            level=request.level,
        )

    def decline(self, application, note):
        decline_application(
            actor=self.staff, application=application, reason=DeclineReason.INCOMPLETE, note=note
        )


def _members(count: int, exclude: set[int]) -> list[Member]:
    """Members without a household file in file (a file in file asks for nothing new)."""
    in_file = HardshipHousehold.objects.open().values("head_id")
    return list(
        Member.objects.exclude(pk__in=exclude)
        .exclude(pk__in=in_file)
        .select_related("union", "user")
        .order_by("id")[:count]
    )


def load_late(*, scale=1, rng):
    demo = _Requests(rng)
    user = get_user_model().objects.filter(username=DEMO_MEMBER_USERNAME).first()
    own = Member.objects.filter(user=user).select_related("union", "user").first() if user else None
    others = _members(9, {own.pk} if own else set())
    if own is None:
        own, others = others[0], others[1:]
    campaign, _created = ReliefCampaign.objects.get_or_create(
        kind=CampaignKind.EDUCATION,
        year=demo.today.year,
        defaults={"name": f"{demo.today.year}年“金秋助学”活动", "budget": Decimal("300000.00")},
    )

    # Hardship help: waiting (the demo member's), accepted, registered, not approved.
    demo.hardship(own)
    accept_application(actor=demo.staff, application=demo.hardship(others[0]))
    demo.register(demo.hardship(others[1]))
    demo.decline(demo.hardship(others[2]), "请补充家庭收入证明后重新申请。")

    # 金秋助学: waiting, accepted, proposed (in progress), approved (the demo member's:
    # its decision and amount show on 我的申请), not approved.
    demo.education(others[3])
    accept_application(actor=demo.staff, application=demo.education(others[4]))
    demo.propose(demo.education(others[5]), campaign)
    approved = demo.propose(demo.education(own), campaign)
    services.approve_entries(actor=demo.staff, entries=EducationAid.objects.filter(pk=approved.pk))
    demo.decline(demo.education(others[6]), "录取通知书照片不清晰，请重新上传。")

"""Demo records of the welfare app: the summary's 服务职工 figures, rebuilt from records.

`load(scale=1, rng=...)` builds, for 2015-01-01..2022-12-31, records whose figures equal
the work summary's exactly (N times them at scale N), plus plausible records for 2023 until
today. It uses the members demo's unions, townships and members; when there are fewer
members than the records need (e.g. in a test with an empty database) it adds members to
existing unions first, since every record here belongs to a member.

Seed figures (2015–2022, scale 1): 489 hardship households in file, all 489 lifted out;
送温暖 5,290,000 yuan and 615 household visits; 金秋助学 2,960,000 yuan to 668 students;
4,187 jobs offered; 10,900 mutual-aid enrolments (the summary's "1.09万余人次" read as
10,900, the smallest number it allows); 36 workers' homes; 6 outdoor stations; 1,572 health
check-ups.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from members.models import Member, Township, UnionOrganisation
from yuyang_union import roles
from yuyang_union.demo.kit import IDNumbers, person_name, random_date, split_exact
from yuyang_union.demo.loading import copy_rows

from .models import (
    CampaignKind,
    CheckupRound,
    EducationAid,
    EmploymentCampaign,
    EmploymentCampaignKind,
    FileStatus,
    FundSource,
    Grant,
    GrantKind,
    GrantState,
    HardshipCause,
    HardshipHousehold,
    HardshipTier,
    HealthCheckup,
    HouseholdReview,
    LiftMeasure,
    MutualAidEnrolment,
    ReliefCampaign,
    ReviewOutcome,
    SchoolLevel,
    ServiceSite,
    SiteKind,
    WomenServiceKind,
    WomenWorkerService,
)

SEED_START = datetime.date(2015, 1, 1)
SEED_END = datetime.date(2022, 12, 31)
SEED_YEARS = list(range(2015, 2023))

HOUSEHOLDS = 489
WARMTH_MONEY = Decimal("5290000")
WARMTH_VISITS = 615
EDUCATION_MONEY = Decimal("2960000")
EDUCATION_STUDENTS = 668
JOBS = 4187
# Enrolments per year, rising every year ("参加人数和保障待遇逐年提高"); they sum to 10,900.
ENROLMENTS_BY_YEAR = [1000, 1150, 1250, 1350, 1450, 1500, 1550, 1650]
MUTUAL_AID_PLANS = ["住院医疗互助保障", "重大疾病互助保障"]
WORKER_HOMES = 36
OUTDOOR_STATIONS = 6
CHECKUPS = 1572
CHECKUP_ROUNDS = 12

BATCH = 2000

SCHOOLS = {
    SchoolLevel.HIGH_SCHOOL: ["酉阳第一中学", "酉阳第二中学", "酉阳民族中学"],
    SchoolLevel.VOCATIONAL: ["酉阳职业教育中心", "重庆工业职业技术学院"],
    SchoolLevel.COLLEGE: ["重庆城市管理职业学院", "重庆电子工程职业学院"],
    SchoolLevel.UNIVERSITY: ["重庆大学", "西南大学", "长江师范学院", "重庆师范大学"],
}


def load(*, scale=1, rng):
    today = timezone.localdate()
    with transaction.atomic():
        context = _Context(scale, rng, today)
        context.ensure_members(950 * scale)  # mutual aid: 1,800 a year over two plans
        context.households()
        context.warmth()
        context.education()
        context.employment()
        context.mutual_aid()
        context.sites()
        context.checkups()
        context.women_services()


class _Context:
    def __init__(self, scale, rng, today):
        self.scale = scale
        self.rng = rng
        self.today = today
        self.townships = list(Township.objects.all()) or [Township.objects.create(name="钟多街道")]
        self.unions = list(UnionOrganisation.objects.filter(depth__gt=1)) or list(
            UnionOrganisation.objects.all()
        )
        username = roles.DEMO_USERNAMES[roles.WELFARE]
        self.staff = get_user_model().objects.filter(username=username).first()
        # New members' numbers must not be a member's already; students are not members.
        self.member_ids = IDNumbers(
            rng, taken=lambda number: Member.objects.with_id_number(number).exists()
        )
        self.student_ids = IDNumbers(rng)

    # People -----------------------------------------------------------------------------

    def ensure_members(self, needed):
        have = Member.objects.count()
        extra = []
        for _n in range(max(0, needed - have)):
            birth = random_date(self.rng, datetime.date(1965, 1, 1), datetime.date(1998, 12, 31))
            member = Member(
                name=person_name(self.rng),
                id_number=self.member_ids.new(birth),
                union=self.rng.choice(self.unions),
                joined_on=random_date(
                    self.rng, datetime.date(2005, 1, 1), datetime.date(2014, 12, 31)
                ),
            )
            member.derive_from_id_number()
            extra.append(member)
        Member.objects.bulk_create(extra, batch_size=BATCH)
        self.members = list(
            Member.objects.order_by("id").only("id", "name", "union_id", "sex")[: needed * 2]
        )

    def _approval(self, paid_on):
        approved_at = datetime.datetime.combine(
            paid_on - datetime.timedelta(days=3), datetime.time(10), tzinfo=datetime.UTC
        )
        return {
            "state": GrantState.PAID,
            "approved_by": self.staff,
            "approved_at": approved_at,
            "paid_on": paid_on,
        }

    # Hardship households ----------------------------------------------------------------

    def households(self):
        """489 files per scale, each registered before a winter and lifted out after it.

        The first 126 per scale stay in file over a second winter, so that the 615 send-warmth
        visits (one per household per winter campaign) fit the rule of one grant per household
        per campaign.
        """
        rng = self.rng
        count = HOUSEHOLDS * self.scale
        second_winters = (WARMTH_VISITS - HOUSEHOLDS) * self.scale
        heads = self.members[:count]
        files = []
        self.first_winter = []
        for index, head in enumerate(heads):
            two = index < second_winters
            winter = rng.choice(SEED_YEARS[1:-1] if two else SEED_YEARS[1:])
            registered = random_date(
                rng, datetime.date(winter - 1, 3, 1), datetime.date(winter, 1, 5)
            )
            if two:
                lifted = random_date(
                    rng, datetime.date(winter + 1, 3, 1), datetime.date(winter + 1, 12, 20)
                )
            else:
                lifted = random_date(
                    rng, datetime.date(winter, 3, 1), datetime.date(winter, 12, 20)
                )
            files.append(
                HardshipHousehold(
                    head=head,
                    union_id=head.union_id,
                    household_size=rng.randint(2, 6),
                    causes=rng.sample(HardshipCause.values, rng.randint(1, 2)),
                    tier=rng.choice(HardshipTier.values),
                    registered_on=registered,
                    status=FileStatus.LIFTED_OUT,
                    lifted_out_on=lifted,
                    lift_measure=rng.choice(LiftMeasure.values),
                    registered_by=self.staff,
                )
            )
            self.first_winter.append((winter, two))
        self.seed_files = copy_rows(HardshipHousehold, files, with_ids=True)
        reviews = []
        for household in self.seed_files:
            if household.lifted_out_on - household.registered_on > datetime.timedelta(days=365):
                reviews.append(
                    HouseholdReview(
                        household=household,
                        reviewed_on=household.registered_on + datetime.timedelta(days=360),
                        reviewer=self.staff,
                        outcome=ReviewOutcome.CONTINUE,
                    )
                )
            reviews.append(
                HouseholdReview(
                    household=household,
                    reviewed_on=household.lifted_out_on,
                    reviewer=self.staff,
                    outcome=ReviewOutcome.LIFT_OUT,
                    notes=LiftMeasure(household.lift_measure).label,
                )
            )
        copy_rows(HouseholdReview, reviews)
        self._recent_households()

    def _recent_households(self):
        """2023 on: new files, some lifted out, one relapse, one cancelled, most in file."""
        rng = self.rng
        heads = self.members[HOUSEHOLDS * self.scale : HOUSEHOLDS * self.scale + 40 * self.scale]
        files = []
        for index, head in enumerate(heads):
            registered = random_date(rng, datetime.date(2023, 1, 10), self.today)
            lifted = index % 4 == 0 and registered < datetime.date(2025, 6, 1)
            files.append(
                HardshipHousehold(
                    head=head,
                    union_id=head.union_id,
                    household_size=rng.randint(1, 5),
                    causes=rng.sample(HardshipCause.values, rng.randint(1, 3)),
                    tier=rng.choice(HardshipTier.values),
                    registered_on=registered,
                    status=FileStatus.LIFTED_OUT if lifted else FileStatus.IN_FILE,
                    lifted_out_on=registered + datetime.timedelta(days=400) if lifted else None,
                    lift_measure=rng.choice(LiftMeasure.values) if lifted else "",
                    registered_by=self.staff,
                )
            )
        cancelled = files[1]
        cancelled.status = FileStatus.CANCELLED
        cancelled.cancelled_on = cancelled.registered_on + datetime.timedelta(days=30)
        cancelled.cancel_reason = "家庭收入核实后不符合建档条件"
        # A household lifted out in the seed years fell back into hardship.
        earlier = self.seed_files[-1]
        files.append(
            HardshipHousehold(
                head_id=earlier.head_id,
                union_id=earlier.union_id,
                household_size=earlier.household_size,
                causes=[HardshipCause.ILLNESS],
                tier=HardshipTier.ACCIDENT,
                registered_on=datetime.date(2024, 3, 18),
                previous_file=earlier,
                situation="户主突发重病，再次致困。",
                registered_by=self.staff,
            )
        )
        self.recent_files = copy_rows(HardshipHousehold, files, with_ids=True)

    # Send warmth ------------------------------------------------------------------------

    def _campaign(self, kind, year, name, budget, notice=None):
        campaign, _created = ReliefCampaign.objects.get_or_create(
            year=year,
            name=name,
            defaults={
                "kind": kind,
                "budget": budget,
                "fund_sources": [FundSource.UNION_FUNDS, FundSource.MUNICIPAL],
                "notice_starts": notice[0] if notice else None,
                "notice_ends": notice[1] if notice else None,
            },
        )
        return campaign

    def warmth(self):
        rng = self.rng
        scale = self.scale
        campaigns = {
            year: self._campaign(
                CampaignKind.WARMTH,
                year,
                f"{year}年“送温暖”活动",
                Decimal(700000 * scale),
            )
            for year in SEED_YEARS
        }
        grants = []
        # One visit per household in its first winter, a second for those in file longer.
        for household, (winter, two) in zip(self.seed_files, self.first_winter, strict=True):
            for year in [winter, winter + 1] if two else [winter]:
                paid_on = datetime.date(year, 1, rng.randint(10, 28))
                grants.append(
                    Grant(
                        campaign=campaigns[year],
                        household=household,
                        union_id=household.union_id,
                        amount=Decimal(rng.choice([2000, 2500, 3000])),
                        granted_on=paid_on,
                        is_home_visit=True,
                        proposed_by=self.staff,
                        **self._approval(paid_on),
                    )
                )
        visit_money = sum(g.amount for g in grants)
        # The rest went to members through their unions (not visits): 1,000 yuan each, one
        # member given 1,200 and corrected by a 200-yuan reversal, and one odd amount to
        # land on the summary's total.
        rest = WARMTH_MONEY * scale - visit_money
        count = int(rest // 1000)
        remainder = rest - count * 1000
        members = self.members[-count // len(SEED_YEARS) - len(SEED_YEARS) :]
        member_grants = []
        for index in range(count):
            year = SEED_YEARS[index % len(SEED_YEARS)]
            member = members[index // len(SEED_YEARS)]
            paid_on = datetime.date(year, 1, rng.randint(10, 28))
            member_grants.append(
                Grant(
                    campaign=campaigns[year],
                    member=member,
                    union_id=member.union_id,
                    amount=Decimal(1000),
                    form=rng.choice(["cash", "cash", "goods"]),
                    granted_on=paid_on,
                    proposed_by=self.staff,
                    **self._approval(paid_on),
                )
            )
        member_grants[0].amount += Decimal(200) + remainder
        corrected = member_grants[0]
        created = copy_rows(Grant, grants + member_grants, with_ids=True)
        corrected = created[len(grants)]
        reversal_date = corrected.paid_on + datetime.timedelta(days=5)
        Grant.objects.create(
            campaign=corrected.campaign,
            member=corrected.member,
            union_id=corrected.union_id,
            kind=GrantKind.REVERSAL,
            reverses=corrected,
            amount=Decimal(-200),
            form=corrected.form,
            granted_on=reversal_date,
            proposed_by=self.staff,
            notes="多发200元，冲正",
            **self._approval(reversal_date),
        )
        self._recent_warmth()

    def _recent_warmth(self):
        """2023–2026 winters; the 2026 list is proposed, part approved, awaiting payment."""
        rng = self.rng
        open_files = [f for f in self.recent_files if f.status == FileStatus.IN_FILE]
        for year in range(2023, self.today.year + 1):
            campaign = self._campaign(
                CampaignKind.WARMTH,
                year,
                f"{year}年“送温暖”活动",
                Decimal(750000 * self.scale),
                notice=(datetime.date(year, 11, 10), datetime.date(year, 12, 10))
                if year == self.today.year
                else None,
            )
            eligible = [f for f in open_files if f.registered_on < datetime.date(year, 1, 1)]
            if year == self.today.year:
                eligible = [f for f in open_files if f.registered_on < self.today]
            grants = []
            for index, household in enumerate(eligible):
                granted_on = datetime.date(year, 1, rng.randint(10, 28))
                if year == self.today.year:
                    granted_on = self.today - datetime.timedelta(days=rng.randint(1, 14))
                    state = {} if index % 3 else self._approval(granted_on)
                    if state:
                        state["state"] = GrantState.APPROVED
                        state["paid_on"] = None
                else:
                    state = self._approval(granted_on)
                grants.append(
                    Grant(
                        campaign=campaign,
                        household=household,
                        union_id=household.union_id,
                        amount=Decimal(rng.choice([2000, 3000])),
                        granted_on=granted_on,
                        is_home_visit=True,
                        proposed_by=self.staff,
                        **state,
                    )
                )
            copy_rows(Grant, grants)

    # Education aid ----------------------------------------------------------------------

    def education(self):
        rng = self.rng
        students = EDUCATION_STUDENTS * self.scale
        # 4,000 yuan each; 288 per scale (university entrants) get 5,000: 2,960,000 in all.
        larger = int((EDUCATION_MONEY * self.scale - students * 4000) / 1000)
        per_year = split_exact(students, len(SEED_YEARS), rng)
        rows = []
        index = 0
        for year, how_many in zip(SEED_YEARS, per_year, strict=True):
            campaign = self._campaign(
                CampaignKind.EDUCATION,
                year,
                f"{year}年“金秋助学”活动",
                Decimal(420000 * self.scale),
            )
            for _n in range(how_many):
                rows.append(self._aid(campaign, year, 5000 if index < larger else 4000, index))
                index += 1
        copy_rows(EducationAid, rows)
        recent = []
        for year in range(2023, self.today.year + 1):
            current = year == self.today.year
            campaign = self._campaign(
                CampaignKind.EDUCATION,
                year,
                f"{year}年“金秋助学”活动",
                Decimal(450000 * self.scale),
                # This year's list is on public notice now.
                notice=(
                    self.today - datetime.timedelta(days=5),
                    self.today + datetime.timedelta(days=9),
                )
                if current
                else None,
            )
            for _n in range(rng.randint(60, 90) * self.scale):
                aid = self._aid(campaign, year, rng.choice([4000, 5000]), index)
                if current:
                    aid.state = GrantState.APPROVED
                    aid.paid_on = None
                recent.append(aid)
                index += 1
        copy_rows(EducationAid, recent)

    def _aid(self, campaign, year, amount, index):
        rng = self.rng
        parent = self.members[index % len(self.members)]
        level = SchoolLevel.UNIVERSITY if amount == 5000 else rng.choice(SchoolLevel.values)
        birth = random_date(rng, datetime.date(year - 19, 1, 1), datetime.date(year - 17, 12, 31))
        paid_on = datetime.date(year, 8, rng.randint(20, 31))
        return EducationAid(
            campaign=campaign,
            year=year,
            student_name=person_name(rng),
            student_id_number=self.student_ids.new(birth),
            school=rng.choice(SCHOOLS[level]),
            level=level,
            parent=parent,
            union_id=parent.union_id,
            amount=Decimal(amount),
            **self._approval(paid_on),
        )

    # Services ---------------------------------------------------------------------------

    def employment(self):
        rng = self.rng
        kinds = [
            (EmploymentCampaignKind.SPRING_BREEZE, "春风行动招聘会", 2),
            (EmploymentCampaignKind.ASSISTANCE_MONTH, "就业创业援助月招聘会", 1),
            (EmploymentCampaignKind.PRIVATE_RECRUITMENT, "民营企业招聘周", 5),
        ]
        events = []
        for year in SEED_YEARS:
            for kind, name, month in kinds:
                events.append(
                    EmploymentCampaign(
                        kind=kind,
                        name=f"{year}年{name}",
                        held_on=datetime.date(year, month, rng.randint(5, 25)),
                        township=rng.choice(self.townships),
                    )
                )
        for event, jobs in zip(
            events, split_exact(JOBS * self.scale, len(events), rng), strict=True
        ):
            event.jobs_offered = jobs
            event.applicants = int(jobs * rng.uniform(0.6, 1.2))
            event.hires = int(event.applicants * rng.uniform(0.2, 0.4))
        for year in range(2023, self.today.year + 1):
            for kind, name, month in kinds:
                held_on = datetime.date(year, month, rng.randint(5, 25))
                if held_on > self.today:
                    continue
                jobs = rng.randint(100, 260) * self.scale
                applicants = int(jobs * 0.9)
                events.append(
                    EmploymentCampaign(
                        kind=kind,
                        name=f"{year}年{name}",
                        held_on=held_on,
                        township=rng.choice(self.townships),
                        jobs_offered=jobs,
                        applicants=applicants,
                        hires=applicants // 3,
                    )
                )
        EmploymentCampaign.objects.bulk_create(events, batch_size=BATCH)

    def mutual_aid(self):
        rng = self.rng
        years = [*zip(SEED_YEARS, ENROLMENTS_BY_YEAR, strict=True)]
        years += [(year, 1700 + 50 * (year - 2023)) for year in range(2023, self.today.year)]
        premiums = {MUTUAL_AID_PLANS[0]: Decimal(60), MUTUAL_AID_PLANS[1]: Decimal(40)}
        slots = [(plan, member) for plan in MUTUAL_AID_PLANS for member in self.members]
        for year, per_scale in years:
            count = per_scale * self.scale
            rows = []  # one COPY a year: bounded memory
            for plan, member in rng.sample(slots, count):
                # Plain rows, not instances: 1.6 million of them at scale 100.
                rows.append(
                    {
                        "member_id": member.pk,
                        "year": year,
                        "plan": plan,
                        "enrolled_on": datetime.date(year, rng.randint(1, 3), rng.randint(1, 28)),
                        "premium": premiums[plan],
                    }
                )
            copy_rows(MutualAidEnrolment, rows)

    def sites(self):
        rng = self.rng
        rows = []
        facilities = {
            SiteKind.WORKERS_HOME: "阅览室、活动室、心理咨询室、母婴室",
            SiteKind.OUTDOOR_STATION: "饮用水、休息座椅、微波炉、充电、药箱、卫生间",
        }
        plan = [(SiteKind.WORKERS_HOME, WORKER_HOMES), (SiteKind.OUTDOOR_STATION, OUTDOOR_STATIONS)]
        for kind, per_scale in plan:
            for number in range(per_scale * self.scale):
                township = rng.choice(self.townships)
                name = "职工之家" if kind == SiteKind.WORKERS_HOME else "工会户外劳动者服务站点"
                rows.append(
                    ServiceSite(
                        name=f"{township.name}{name}{number + 1}",
                        kind=kind,
                        union=rng.choice(self.unions),
                        township=township,
                        address=f"{township.name}{rng.randint(1, 200)}号",
                        opened_on=random_date(rng, SEED_START, SEED_END),
                        opening_hours="8:00–20:00"
                        if kind == SiteKind.OUTDOOR_STATION
                        else "周一至周五 9:00–17:30",
                        facilities=facilities[kind],
                    )
                )
        for number in range(3 * self.scale):
            township = rng.choice(self.townships)
            rows.append(
                ServiceSite(
                    name=f"{township.name}新就业形态劳动者驿站{number + 1}",
                    kind=SiteKind.OUTDOOR_STATION,
                    union=rng.choice(self.unions),
                    township=township,
                    address=f"{township.name}{rng.randint(1, 200)}号",
                    opened_on=random_date(rng, datetime.date(2023, 3, 1), self.today),
                    opening_hours="全天",
                    facilities=facilities[SiteKind.OUTDOOR_STATION],
                )
            )
        ServiceSite.objects.bulk_create(rows, batch_size=BATCH)

    def checkups(self):
        rng = self.rng
        sizes = split_exact(CHECKUPS * self.scale, CHECKUP_ROUNDS, rng, minimum=60)
        rows = []
        for number, size in enumerate(sizes):
            year = SEED_YEARS[number * len(SEED_YEARS) // CHECKUP_ROUNDS]
            checkup_round = CheckupRound.objects.create(
                held_on=datetime.date(year, rng.randint(4, 10), rng.randint(1, 28)),
                township=rng.choice(self.townships),
                partner="中国职工保险互助会重庆办事处",
            )
            for member in rng.sample(self.members, size):
                rows.append(HealthCheckup(round=checkup_round, member=member))
        recent = CheckupRound.objects.create(
            held_on=datetime.date(2024, 6, 7),
            township=rng.choice(self.townships),
            partner="中国职工保险互助会重庆办事处",
        )
        for member in rng.sample(self.members, 80 * self.scale):
            rows.append(HealthCheckup(round=recent, member=member))
        copy_rows(HealthCheckup, rows)

    def women_services(self):
        rng = self.rng
        women = [m for m in self.members if m.sex == "F"]
        rows = []
        for year in range(2019, self.today.year + 1):
            for member in rng.sample(women, min(len(women), 40 * self.scale)):
                rows.append(
                    WomenWorkerService(
                        member=member,
                        kind=WomenServiceKind.INSURANCE,
                        year=year,
                        served_on=datetime.date(year, 3, 8),
                        premium=Decimal(30),
                    )
                )
            for member in rng.sample(women, min(len(women), 30 * self.scale)):
                rows.append(
                    WomenWorkerService(
                        member=member,
                        kind=WomenServiceKind.SCREENING,
                        year=year,
                        served_on=datetime.date(year, 5, rng.randint(1, 28)),
                    )
                )
        copy_rows(WomenWorkerService, rows)

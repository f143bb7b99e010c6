"""Demo records of the legal services: the summary's 维护职工权益 figures, rebuilt from records.

`load(scale=1, rng=...)` builds, for 2015-01-01..2022-12-31, records whose figures
(`legal_aid.figures.figures`) equal the work summary's exactly, N times them at scale N, plus
plausible records from 2023 until today: open cases, one overdue mediation, contracts about
to expire. It uses the employers, unions and members already in the database (the members
demo's); when there are fewer employers than the contracts must cover (e.g. in a test), it
adds employers with valid credit codes.

Seed figures (2015–2022, scale 1): 137 consultations serving 1,298 workers; 17 outreach events
with 12,000 attendance (the summary's "近1.2万余人次" read as 12,000: "近" and "余" pull
opposite ways around 1.2万), one of them the 送法进企业 visit of 2022-06-23; 11 mediations,
29 workers, 353,000 yuan recovered; 18 legal-aid cases, 162 workers, 2,540,000 yuan recovered;
241 work-injury appraisals; 12 early-retirement appraisals; 312 collective contracts covering
2,527 distinct employers; 7 employers rated municipal 3A.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from members.models import Employer, Member, Township, UnionOrganisation
from yuyang_union import roles
from yuyang_union.demo.kit import (
    IDNumbers,
    credit_code,
    mobile,
    person_name,
    random_date,
    split_exact,
    split_money,
)

from .models import (
    Appraisal,
    AppraisalKind,
    AwardingLevel,
    Case,
    CaseApplicant,
    CaseKind,
    CaseNumberCounter,
    CaseStatus,
    CaseStatusChange,
    Channel,
    CollectiveContract,
    Consultation,
    ContractKind,
    ContractScope,
    HarmonyRating,
    LawFirm,
    Lawyer,
    Matter,
    OutreachEvent,
    OutreachKind,
    RatingLevel,
)
from .models.cases import MEDIATION_DAYS

SEED_START = datetime.date(2015, 1, 1)
SEED_END = datetime.date(2022, 12, 31)
SEED_YEARS = list(range(2015, 2023))

CONSULTATIONS, CONSULTATION_WORKERS = 137, 1298
OUTREACH_EVENTS, OUTREACH_ATTENDANCE = 17, 12000
MEDIATIONS, MEDIATION_WORKERS, MEDIATION_RECOVERED = 11, 29, Decimal("353000")
AID_CASES, AID_WORKERS, AID_RECOVERED = 18, 162, Decimal("2540000")
INJURY_APPRAISALS, RETIREMENT_APPRAISALS = 241, 12
CONTRACTS, CONTRACT_EMPLOYERS = 312, 2527
MUNICIPAL_3A = 7
LAW_TO_ENTERPRISE_DAY = datetime.date(2022, 6, 23)

BATCH = 2000
# Workers who are not members (applicants, appraised people) were born in these years.
ADULTS_FROM, ADULTS_TO = datetime.date(1962, 1, 1), datetime.date(2000, 12, 31)
FIRMS = ["重庆酉州律师事务所", "重庆桃花源律师事务所", "重庆武陵山律师事务所", "重庆乌江律师事务所"]
PLACES = ["桃花源广场", "钟多街道文化广场", "龙潭镇农贸市场", "酉阳工业园区", "县职教中心"]
EMPLOYER_WORDS = ["建筑劳务", "农业开发", "旅游开发", "商贸", "物流", "食品", "矿业", "酒店管理"]


def load(*, scale=1, rng):
    with transaction.atomic():
        _Loader(scale, rng, timezone.localdate()).run()


class _Loader:
    def __init__(self, scale, rng, today):
        self.scale = scale
        self.rng = rng
        self.today = today
        self.ids = IDNumbers(rng)
        self.staff = (
            get_user_model().objects.filter(username=roles.DEMO_USERNAMES[roles.LEGAL]).first()
        )
        self.members = list(Member.objects.order_by("id").only("id")[: 200 * scale])
        self.counters = {(c.kind, c.year): c.last_number for c in CaseNumberCounter.objects.all()}

    def run(self):
        self.employers = self.ensure_employers(CONTRACT_EMPLOYERS * self.scale + 40)
        self.lawyers()
        self.consultations()
        self.outreach()
        self.cases()
        self.appraisals()
        self.contracts()
        self.ratings()

    # Employers and lawyers --------------------------------------------------------------

    def ensure_employers(self, needed):
        have = list(Employer.objects.order_by("id").values_list("id", flat=True)[:needed])
        missing = needed - len(have)
        if missing > 0:
            townships = list(Township.objects.all()) or [None]
            unions = list(UnionOrganisation.objects.filter(depth__gt=1)[:500]) or [None]
            taken = set(
                Employer.objects.filter(
                    credit_code__startswith=credit_code(0, series="LA")[:10]
                ).values_list("credit_code", flat=True)
            )
            extra, serial = [], 0
            while len(extra) < missing:
                serial += 1
                code = credit_code(serial, series="LA")
                if code in taken:
                    continue
                township = self.rng.choice(townships)
                place = township.name[:-1] if township else "酉阳"
                extra.append(
                    Employer(
                        name=f"酉阳县{place}{self.rng.choice(EMPLOYER_WORDS)}有限公司{serial}",
                        credit_code=code,
                        ownership="private",
                        township=township,
                        union=self.rng.choice(unions),
                        headcount=self.rng.randint(5, 300),
                    )
                )
            Employer.objects.bulk_create(extra, batch_size=BATCH)
            have = list(Employer.objects.order_by("id").values_list("id", flat=True)[:needed])
        return have

    def lawyers(self):
        firms = [LawFirm.objects.get_or_create(name=name)[0] for name in FIRMS]
        made = [
            Lawyer(name=person_name(self.rng), firm=self.rng.choice(firms), phone=mobile(self.rng))
            for _ in range(12)
        ]
        self.lawyer_list = Lawyer.objects.bulk_create(made)
        through = Lawyer.employers_served.through
        links = {
            (lawyer.pk, employer)
            for lawyer in self.lawyer_list
            for employer in self.rng.sample(self.employers[:200], 5)
        }
        through.objects.bulk_create(
            [through(lawyer_id=lawyer, employer_id=employer) for lawyer, employer in links]
        )

    def _maybe(self, items, chance=0.5):
        return self.rng.choice(items) if items and self.rng.random() < chance else None

    # Consultations and outreach ---------------------------------------------------------

    def _consultation(self, date, workers):
        topics = self.rng.sample(Matter.values, self.rng.choice([1, 1, 1, 2]))
        lawyer = self._maybe(self.lawyer_list, 0.6)
        return Consultation(
            date=date,
            channel=self.rng.choice(Channel.values),
            topics=topics,
            workers_served=workers,
            employer_id=self._maybe(self.employers, 0.4),
            lawyer=lawyer,
            summary="就欠薪、劳动合同等问题提供法律咨询。",
        )

    def consultations(self):
        count = CONSULTATIONS * self.scale
        workers = split_exact(CONSULTATION_WORKERS * self.scale, count, self.rng)
        rows = [
            self._consultation(random_date(self.rng, SEED_START, SEED_END), served)
            for served in workers
        ]
        for year in range(2023, self.today.year + 1):
            last = min(datetime.date(year, 12, 31), self.today)
            for _ in range(18 * self.scale):
                day = random_date(self.rng, datetime.date(year, 1, 1), last)
                rows.append(self._consultation(day, self.rng.randint(1, 12)))
        Consultation.objects.bulk_create(rows, batch_size=BATCH)

    def outreach(self):
        count = OUTREACH_EVENTS * self.scale
        attendance = split_exact(OUTREACH_ATTENDANCE * self.scale, count, self.rng, minimum=200)
        events = []
        for index, people in enumerate(attendance):
            if index == 0:
                events.append(
                    OutreachEvent(
                        kind=OutreachKind.LAW_TO_ENTERPRISE,
                        date=LAW_TO_ENTERPRISE_DAY,
                        title="送法进企业",
                        employer_id=self.employers[0],
                        place="酉阳工业园区",
                        attendance=people,
                    )
                )
                continue
            kind = self.rng.choice(OutreachKind.values)
            events.append(
                OutreachEvent(
                    kind=kind,
                    date=random_date(self.rng, SEED_START, SEED_END),
                    title="送法进企业" if kind == OutreachKind.LAW_TO_ENTERPRISE else "普法宣传",
                    place=self.rng.choice(PLACES),
                    employer_id=self.rng.choice(self.employers)
                    if kind == OutreachKind.LAW_TO_ENTERPRISE
                    else None,
                    attendance=people,
                )
            )
        for year in range(2023, self.today.year + 1):
            last = min(datetime.date(year, 12, 31), self.today)
            for _ in range(2 * self.scale):
                events.append(
                    OutreachEvent(
                        kind=OutreachKind.PUBLICITY,
                        date=random_date(self.rng, datetime.date(year, 1, 1), last),
                        title="“12·4”国家宪法日普法宣传",
                        place=self.rng.choice(PLACES),
                        attendance=self.rng.randint(300, 900),
                    )
                )
        OutreachEvent.objects.bulk_create(events, batch_size=BATCH)
        through = OutreachEvent.lawyers.through
        through.objects.bulk_create(
            [
                through(outreachevent_id=event.pk, lawyer_id=lawyer.pk)
                for event in events
                for lawyer in self.rng.sample(self.lawyer_list, 2)
            ],
            batch_size=BATCH,
        )

    # Cases ------------------------------------------------------------------------------

    def _number(self, kind, year):
        key = (str(kind), year)
        self.counters[key] = self.counters.get(key, 0) + 1
        return self.counters[key]

    def _case(self, kind, received_on, workers, recovered, path):
        """A case with its status path: [(status, date), ...] after "received"."""
        sequence = self._number(kind, received_on.year)
        case = Case(
            kind=kind,
            year=received_on.year,
            sequence=sequence,
            reference=Case.format_reference(kind, received_on.year, sequence),
            received_on=received_on,
            respondent_id=self.rng.choice(self.employers),
            matter=self.rng.choice(Matter.values),
            workers_involved=workers,
            amount_claimed=(recovered * Decimal("1.2")).quantize(Decimal("0.01"))
            if recovered
            else Decimal(self.rng.randint(5, 80) * 1000),
            amount_recovered=recovered,
            assigned_staff=self.staff,
            lawyer=self.rng.choice(self.lawyer_list) if kind == CaseKind.LEGAL_AID else None,
            facts="职工反映用人单位拖欠工资，请求依法追回。",
        )
        for status, on in path:
            case.status = status
            if status == CaseStatus.ACCEPTED:
                case.accepted_on = on
                if kind == CaseKind.MEDIATION:
                    case.due_on = on + datetime.timedelta(days=MEDIATION_DAYS)
            elif status in (CaseStatus.SETTLED, CaseStatus.FAILED, CaseStatus.WITHDRAWN):
                case.concluded_on = on
            elif status == CaseStatus.CLOSED:
                case.closed_on = on
        return case, path

    def _concluded_path(self, kind, received_on, settled):
        accepted = received_on + datetime.timedelta(days=self.rng.randint(1, 3))
        stage = CaseStatus.MEDIATING if kind == CaseKind.MEDIATION else CaseStatus.ARBITRATION
        days = self.rng.randint(5, 14) if kind == CaseKind.MEDIATION else self.rng.randint(30, 180)
        concluded = accepted + datetime.timedelta(days=days)
        outcome = CaseStatus.SETTLED if settled else CaseStatus.FAILED
        return [
            (CaseStatus.ACCEPTED, accepted),
            (stage, accepted),
            (outcome, concluded),
            (CaseStatus.CLOSED, concluded + datetime.timedelta(days=3)),
        ]

    def _seed_cases(self, kind, count, workers_total, money_total, failed):
        workers = split_exact(workers_total * self.scale, count * self.scale, self.rng)
        settled_count = (count - failed) * self.scale
        money = split_money(money_total * self.scale, settled_count, self.rng)
        money += [Decimal("0.00")] * (failed * self.scale)
        self.rng.shuffle(money)
        made = []
        for people, recovered in zip(workers, money, strict=True):
            # Accepted within the seed period: received by 20 December 2022 at the latest.
            received = random_date(self.rng, SEED_START, datetime.date(2022, 12, 20))
            path = self._concluded_path(kind, received, settled=recovered > 0)
            made.append(self._case(kind, received, people, recovered, path))
        return made

    def _recent_cases(self):
        made = []
        today = self.today
        for year in range(2023, today.year):
            for kind in CaseKind.values:
                for _ in range(2 * self.scale):
                    received = random_date(
                        self.rng, datetime.date(year, 1, 1), datetime.date(year, 11, 30)
                    )
                    path = self._concluded_path(kind, received, settled=True)
                    amount = Decimal(self.rng.randint(20, 300) * 1000)
                    made.append(self._case(kind, received, self.rng.randint(1, 20), amount, path))
        zero = Decimal("0.00")
        days = datetime.timedelta
        S = CaseStatus
        # Open cases of this year, one of each stage; one mediation past its 15 days.
        open_cases = [
            (CaseKind.MEDIATION, today - days(2), []),
            (CaseKind.MEDIATION, today - days(6), [(S.ACCEPTED, today - days(5))]),
            (
                CaseKind.MEDIATION,
                today - days(32),
                [(S.ACCEPTED, today - days(30)), (S.MEDIATING, today - days(29))],
            ),
            (CaseKind.LEGAL_AID, today - days(3), []),
            (
                CaseKind.LEGAL_AID,
                today - days(60),
                [(S.ACCEPTED, today - days(58)), (S.ARBITRATION, today - days(40))],
            ),
            (
                CaseKind.LEGAL_AID,
                today - days(200),
                [
                    (S.ACCEPTED, today - days(198)),
                    (S.ARBITRATION, today - days(150)),
                    (S.LITIGATION, today - days(90)),
                ],
            ),
        ]
        for kind, received, path in open_cases:
            made.append(self._case(kind, received, self.rng.randint(1, 40), zero, path))
        return made

    def cases(self):
        made = [
            *self._seed_cases(
                CaseKind.MEDIATION, MEDIATIONS, MEDIATION_WORKERS, MEDIATION_RECOVERED, 2
            ),
            *self._seed_cases(CaseKind.LEGAL_AID, AID_CASES, AID_WORKERS, AID_RECOVERED, 2),
            *self._recent_cases(),
        ]
        cases = Case.objects.bulk_create([case for case, _path in made], batch_size=BATCH)
        changes, applicants = [], []
        for case, (_unsaved, path) in zip(cases, made, strict=True):
            previous = ""
            for status, on in [(CaseStatus.RECEIVED, case.received_on), *path]:
                changes.append(
                    CaseStatusChange(
                        case=case,
                        from_status=previous,
                        to_status=status,
                        changed_by=self.staff,
                        changed_at=datetime.datetime.combine(
                            on, datetime.time(10), tzinfo=datetime.UTC
                        ),
                    )
                )
                previous = status
            applicants.extend(self._applicants(case))
        CaseStatusChange.objects.bulk_create(changes, batch_size=BATCH)
        CaseApplicant.objects.bulk_create(applicants, batch_size=BATCH)
        CaseNumberCounter.objects.bulk_create(
            [
                CaseNumberCounter(kind=kind, year=year, last_number=number)
                for (kind, year), number in self.counters.items()
            ],
            update_conflicts=True,
            unique_fields=["kind", "year"],
            update_fields=["last_number"],
        )

    def _applicants(self, case):
        """One to three named applicants (a group case names its representatives)."""
        count = min(case.workers_involved, self.rng.randint(1, 3))
        members = self.rng.sample(self.members, min(count, len(self.members)))
        made = [CaseApplicant(case=case, member_id=member.pk) for member in members[:1]]
        while len(made) < count:
            made.append(
                CaseApplicant(
                    case=case,
                    name=person_name(self.rng),
                    id_number=self.ids.born_between(ADULTS_FROM, ADULTS_TO),
                )
            )
        return made

    # Appraisals -------------------------------------------------------------------------

    def _appraisal(self, kind, on):
        member = self._maybe(self.members, 0.4)
        fields = {"member_id": member.pk} if member else {}
        if not member:
            fields = {
                "name": person_name(self.rng),
                "id_number": self.ids.born_between(ADULTS_FROM, ADULTS_TO),
            }
        if kind == AppraisalKind.WORK_INJURY:
            grade = self.rng.choice([None, 6, 7, 8, 8, 9, 9, 10, 10, 10])
            result = {"injury_grade": grade}
        else:
            result = {"approved": self.rng.random() < 0.85}
        return Appraisal(
            kind=kind,
            employer_id=self.rng.choice(self.employers),
            applied_on=on - datetime.timedelta(days=self.rng.randint(20, 60)),
            appraised_on=on,
            **fields,
            **result,
        )

    def appraisals(self):
        rows = []
        for kind, count in (
            (AppraisalKind.WORK_INJURY, INJURY_APPRAISALS),
            (AppraisalKind.EARLY_RETIREMENT, RETIREMENT_APPRAISALS),
        ):
            for _ in range(count * self.scale):
                rows.append(self._appraisal(kind, random_date(self.rng, SEED_START, SEED_END)))
        recent_start = datetime.date(2023, 1, 1)
        for _ in range(90 * self.scale):
            rows.append(
                self._appraisal(
                    AppraisalKind.WORK_INJURY, random_date(self.rng, recent_start, self.today)
                )
            )
        for _ in range(4 * self.scale):
            rows.append(
                self._appraisal(
                    AppraisalKind.EARLY_RETIREMENT,
                    random_date(self.rng, recent_start, self.today),
                )
            )
        Appraisal.objects.bulk_create(rows, batch_size=BATCH)

    # Contracts and ratings --------------------------------------------------------------

    def contracts(self):
        unions = list(UnionOrganisation.objects.order_by("path")[:300])
        count = CONTRACTS * self.scale
        covered = self.employers[: CONTRACT_EMPLOYERS * self.scale]
        # Most contracts cover one employer; the regional and industry ones share the rest.
        many = count // 6
        single = count - many
        groups = [[employer] for employer in covered[:single]]
        rest = covered[single:]
        sizes = split_exact(len(rest), many, self.rng, minimum=2)
        start = 0
        for size in sizes:
            groups.append(rest[start : start + size])
            start += size
        rows, coverage = [], []
        for index, group in enumerate(groups):
            signed = random_date(self.rng, SEED_START, SEED_END)
            scope = (
                ContractScope.EMPLOYER
                if len(group) == 1
                else self.rng.choice([ContractScope.REGIONAL, ContractScope.INDUSTRY])
            )
            rows.append(self._contract(unions, signed, scope, len(group), index))
            coverage.append(group)
        # Since 2023: renewals of a few, some of them ending within the next 90 days.
        for index in range(40 * self.scale):
            signed = random_date(self.rng, datetime.date(2023, 1, 1), self.today)
            rows.append(self._contract(unions, signed, ContractScope.EMPLOYER, 1, index))
            coverage.append([self.rng.choice(self.employers)])
        for days_left in (12, 35, 70):
            expires = self.today + datetime.timedelta(days=days_left)
            signed = expires - datetime.timedelta(days=3 * 365 - 1)
            rows.append(self._contract(unions, signed, ContractScope.EMPLOYER, 1, days_left))
            coverage.append([self.rng.choice(self.employers)])
        contracts = CollectiveContract.objects.bulk_create(rows, batch_size=BATCH)
        through = CollectiveContract.employers.through
        through.objects.bulk_create(
            [
                through(collectivecontract_id=contract.pk, employer_id=employer)
                for contract, group in zip(contracts, coverage, strict=True)
                for employer in group
            ],
            batch_size=BATCH,
        )

    def _contract(self, unions, signed, scope, employers, index):
        kind = (
            ContractKind.COMPREHENSIVE
            if scope == ContractScope.EMPLOYER
            else self.rng.choice(ContractKind.values)
        )
        label = {
            ContractScope.EMPLOYER: "集体合同",
            ContractScope.REGIONAL: "区域性集体合同",
            ContractScope.INDUSTRY: "行业性集体合同",
        }[scope]
        expires = signed + datetime.timedelta(days=3 * 365 - 1)  # three years
        filed = self.rng.random() < 0.9
        return CollectiveContract(
            union=self.rng.choice(unions),
            title=f"{signed.year}年{label}（第{index + 1}号）",
            kind=kind,
            scope=scope,
            workers_covered=employers * self.rng.randint(8, 60),
            signed_on=signed,
            expires_on=expires,
            filed_with_hrss=filed,
            filed_on=signed + datetime.timedelta(days=10) if filed else None,
        )

    def ratings(self):
        employers = self.rng.sample(self.employers, MUNICIPAL_3A * self.scale + 30 * self.scale)
        rows = []
        seen = defaultdict(set)

        def rate(employer, level, awarding, year):
            if year not in seen[(employer, awarding)]:
                seen[(employer, awarding)].add(year)
                rows.append(
                    HarmonyRating(
                        employer_id=employer, level=level, awarding_level=awarding, year=year
                    )
                )

        municipal = employers[: MUNICIPAL_3A * self.scale]
        for employer in municipal:
            # Rated municipal 3A once in the seed years; they held county 3A the year before.
            year = self.rng.choice(SEED_YEARS[1:])
            rate(employer, RatingLevel.AAA, AwardingLevel.MUNICIPAL, year)
            rate(employer, RatingLevel.AAA, AwardingLevel.COUNTY, year - 1)
        for employer in employers[MUNICIPAL_3A * self.scale :]:
            year = self.rng.choice(range(2015, self.today.year + 1))
            level = self.rng.choice([RatingLevel.AAA, RatingLevel.AA, RatingLevel.A])
            rate(employer, level, AwardingLevel.COUNTY, year)
        # Since 2023: one more municipal 3A a year.
        for year in range(2023, self.today.year + 1):
            rate(self.rng.choice(self.employers), RatingLevel.AAA, AwardingLevel.MUNICIPAL, year)
        HarmonyRating.objects.bulk_create(rows, batch_size=BATCH)

"""Services to members: job fairs, mutual aid, service sites, check-ups, women's services."""

import datetime
from decimal import Decimal

from yuyang_union.demo.kit import random_date, split_exact
from yuyang_union.demo.loading import copy_rows

from ..models import (
    CheckupRound,
    EmploymentCampaign,
    EmploymentCampaignKind,
    HealthCheckup,
    MutualAidEnrolment,
    ServiceSite,
    SiteKind,
    WomenServiceKind,
    WomenWorkerService,
)
from .seed import (
    BATCH,
    CHECKUP_ROUNDS,
    CHECKUPS,
    ENROLMENTS_BY_YEAR,
    JOBS,
    MUTUAL_AID_PLANS,
    OUTDOOR_STATIONS,
    SEED_END,
    SEED_START,
    SEED_YEARS,
    WORKER_HOMES,
)


def load(context):
    employment(context)
    mutual_aid(context)
    sites(context)
    checkups(context)
    women_services(context)


def employment(context):
    rng = context.rng
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
                    township=rng.choice(context.townships),
                )
            )
    for event, jobs in zip(
        events, split_exact(JOBS * context.scale, len(events), rng), strict=True
    ):
        event.jobs_offered = jobs
        event.applicants = int(jobs * rng.uniform(0.6, 1.2))
        event.hires = int(event.applicants * rng.uniform(0.2, 0.4))
    for year in range(2023, context.today.year + 1):
        for kind, name, month in kinds:
            held_on = datetime.date(year, month, rng.randint(5, 25))
            if held_on > context.today:
                continue
            jobs = rng.randint(100, 260) * context.scale
            applicants = int(jobs * 0.9)
            events.append(
                EmploymentCampaign(
                    kind=kind,
                    name=f"{year}年{name}",
                    held_on=held_on,
                    township=rng.choice(context.townships),
                    jobs_offered=jobs,
                    applicants=applicants,
                    hires=applicants // 3,
                )
            )
    EmploymentCampaign.objects.bulk_create(events, batch_size=BATCH)


def mutual_aid(context):
    rng = context.rng
    years = [*zip(SEED_YEARS, ENROLMENTS_BY_YEAR, strict=True)]
    years += [(year, 1700 + 50 * (year - 2023)) for year in range(2023, context.today.year)]
    premiums = {MUTUAL_AID_PLANS[0]: Decimal(60), MUTUAL_AID_PLANS[1]: Decimal(40)}
    slots = [(plan, member) for plan in MUTUAL_AID_PLANS for member in context.members]
    for year, per_scale in years:
        count = per_scale * context.scale
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


def sites(context):
    rng = context.rng
    rows = []
    facilities = {
        SiteKind.WORKERS_HOME: "阅览室、活动室、心理咨询室、母婴室",
        SiteKind.OUTDOOR_STATION: "饮用水、休息座椅、微波炉、充电、药箱、卫生间",
    }
    plan = [(SiteKind.WORKERS_HOME, WORKER_HOMES), (SiteKind.OUTDOOR_STATION, OUTDOOR_STATIONS)]
    for kind, per_scale in plan:
        for number in range(per_scale * context.scale):
            township = rng.choice(context.townships)
            name = "职工之家" if kind == SiteKind.WORKERS_HOME else "工会户外劳动者服务站点"
            rows.append(
                ServiceSite(
                    name=f"{township.name}{name}{number + 1}",
                    kind=kind,
                    union=rng.choice(context.unions),
                    township=township,
                    address=f"{township.name}{rng.randint(1, 200)}号",
                    opened_on=random_date(rng, SEED_START, SEED_END),
                    opening_hours="8:00–20:00"
                    if kind == SiteKind.OUTDOOR_STATION
                    else "周一至周五 9:00–17:30",
                    facilities=facilities[kind],
                )
            )
    for number in range(3 * context.scale):
        township = rng.choice(context.townships)
        rows.append(
            ServiceSite(
                name=f"{township.name}新就业形态劳动者驿站{number + 1}",
                kind=SiteKind.OUTDOOR_STATION,
                union=rng.choice(context.unions),
                township=township,
                address=f"{township.name}{rng.randint(1, 200)}号",
                opened_on=random_date(rng, datetime.date(2023, 3, 1), context.today),
                opening_hours="全天",
                facilities=facilities[SiteKind.OUTDOOR_STATION],
            )
        )
    ServiceSite.objects.bulk_create(rows, batch_size=BATCH)


def checkups(context):
    rng = context.rng
    sizes = split_exact(CHECKUPS * context.scale, CHECKUP_ROUNDS, rng, minimum=60)
    rows = []
    for number, size in enumerate(sizes):
        year = SEED_YEARS[number * len(SEED_YEARS) // CHECKUP_ROUNDS]
        checkup_round = CheckupRound.objects.create(
            held_on=datetime.date(year, rng.randint(4, 10), rng.randint(1, 28)),
            township=rng.choice(context.townships),
            partner="中国职工保险互助会重庆办事处",
        )
        for member in rng.sample(context.members, size):
            rows.append(HealthCheckup(round=checkup_round, member=member))
    recent = CheckupRound.objects.create(
        held_on=datetime.date(2024, 6, 7),
        township=rng.choice(context.townships),
        partner="中国职工保险互助会重庆办事处",
    )
    for member in rng.sample(context.members, 80 * context.scale):
        rows.append(HealthCheckup(round=recent, member=member))
    copy_rows(HealthCheckup, rows)


def women_services(context):
    rng = context.rng
    women = [m for m in context.members if m.sex == "F"]
    rows = []
    for year in range(2019, context.today.year + 1):
        for member in rng.sample(women, min(len(women), 40 * context.scale)):
            rows.append(
                WomenWorkerService(
                    member=member,
                    kind=WomenServiceKind.INSURANCE,
                    year=year,
                    served_on=datetime.date(year, 3, 8),
                    premium=Decimal(30),
                )
            )
        for member in rng.sample(women, min(len(women), 30 * context.scale)):
            rows.append(
                WomenWorkerService(
                    member=member,
                    kind=WomenServiceKind.SCREENING,
                    year=year,
                    served_on=datetime.date(year, 5, rng.randint(1, 28)),
                )
            )
    copy_rows(WomenWorkerService, rows)

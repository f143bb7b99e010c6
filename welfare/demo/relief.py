"""Relief money: 送温暖 grants (with a corrected one) and 金秋助学 education aid."""

import datetime
from decimal import Decimal

from yuyang_union.demo.kit import person_name, random_date, split_exact
from yuyang_union.demo.loading import copy_rows

from ..models import (
    CampaignKind,
    EducationAid,
    FileStatus,
    Grant,
    GrantKind,
    GrantState,
    SchoolLevel,
)
from .seed import (
    EDUCATION_MONEY,
    EDUCATION_STUDENTS,
    SCHOOLS,
    SEED_YEARS,
    WARMTH_MONEY,
)


def load_warmth(context):
    rng = context.rng
    scale = context.scale
    campaigns = {
        year: context.campaign(
            CampaignKind.WARMTH,
            year,
            f"{year}年“送温暖”活动",
            Decimal(700000 * scale),
        )
        for year in SEED_YEARS
    }
    grants = []
    # One visit per household in its first winter, a second for those in file longer.
    for household, (winter, two) in zip(context.seed_files, context.first_winter, strict=True):
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
                    proposed_by=context.staff,
                    **context.approval(paid_on),
                )
            )
    visit_money = sum(g.amount for g in grants)
    # The rest went to members through their unions (not visits): 1,000 yuan each, one
    # member given 1,200 and corrected by a 200-yuan reversal, and one odd amount to
    # land on the summary's total.
    rest = WARMTH_MONEY * scale - visit_money
    count = int(rest // 1000)
    remainder = rest - count * 1000
    members = context.members[-count // len(SEED_YEARS) - len(SEED_YEARS) :]
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
                proposed_by=context.staff,
                **context.approval(paid_on),
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
        proposed_by=context.staff,
        notes="多发200元，冲正",
        **context.approval(reversal_date),
    )
    _recent_warmth(context)


def _recent_warmth(context):
    """2023–2026 winters; the 2026 list is proposed, part approved, awaiting payment."""
    rng = context.rng
    open_files = [f for f in context.recent_files if f.status == FileStatus.IN_FILE]
    for year in range(2023, context.today.year + 1):
        campaign = context.campaign(
            CampaignKind.WARMTH,
            year,
            f"{year}年“送温暖”活动",
            Decimal(750000 * context.scale),
            notice=(datetime.date(year, 11, 10), datetime.date(year, 12, 10))
            if year == context.today.year
            else None,
        )
        eligible = [f for f in open_files if f.registered_on < datetime.date(year, 1, 1)]
        if year == context.today.year:
            eligible = [f for f in open_files if f.registered_on < context.today]
        grants = []
        for index, household in enumerate(eligible):
            granted_on = datetime.date(year, 1, rng.randint(10, 28))
            if year == context.today.year:
                granted_on = context.today - datetime.timedelta(days=rng.randint(1, 14))
                state = {} if index % 3 else context.approval(granted_on)
                if state:
                    state["state"] = GrantState.APPROVED
                    state["paid_on"] = None
            else:
                state = context.approval(granted_on)
            grants.append(
                Grant(
                    campaign=campaign,
                    household=household,
                    union_id=household.union_id,
                    amount=Decimal(rng.choice([2000, 3000])),
                    granted_on=granted_on,
                    is_home_visit=True,
                    proposed_by=context.staff,
                    **state,
                )
            )
        copy_rows(Grant, grants)


def load_education(context):
    rng = context.rng
    students = EDUCATION_STUDENTS * context.scale
    # 4,000 yuan each; 288 per scale (university entrants) get 5,000: 2,960,000 in all.
    larger = int((EDUCATION_MONEY * context.scale - students * 4000) / 1000)
    per_year = split_exact(students, len(SEED_YEARS), rng)
    rows = []
    index = 0
    for year, how_many in zip(SEED_YEARS, per_year, strict=True):
        campaign = context.campaign(
            CampaignKind.EDUCATION,
            year,
            f"{year}年“金秋助学”活动",
            Decimal(420000 * context.scale),
        )
        for _n in range(how_many):
            rows.append(_aid(context, campaign, year, 5000 if index < larger else 4000, index))
            index += 1
    copy_rows(EducationAid, rows)
    recent = []
    for year in range(2023, context.today.year + 1):
        current = year == context.today.year
        campaign = context.campaign(
            CampaignKind.EDUCATION,
            year,
            f"{year}年“金秋助学”活动",
            Decimal(450000 * context.scale),
            # This year's list is on public notice now.
            notice=(
                context.today - datetime.timedelta(days=5),
                context.today + datetime.timedelta(days=9),
            )
            if current
            else None,
        )
        for _n in range(rng.randint(60, 90) * context.scale):
            aid = _aid(context, campaign, year, rng.choice([4000, 5000]), index)
            if current:
                aid.state = GrantState.APPROVED
                aid.paid_on = None
            recent.append(aid)
            index += 1
    copy_rows(EducationAid, recent)


def _aid(context, campaign, year, amount, index):
    rng = context.rng
    parent = context.members[index % len(context.members)]
    level = SchoolLevel.UNIVERSITY if amount == 5000 else rng.choice(SchoolLevel.values)
    birth = random_date(rng, datetime.date(year - 19, 1, 1), datetime.date(year - 17, 12, 31))
    paid_on = datetime.date(year, 8, rng.randint(20, 31))
    return EducationAid(
        campaign=campaign,
        year=year,
        student_name=person_name(rng),
        student_id_number=context.student_ids.new(birth),
        school=rng.choice(SCHOOLS[level]),
        level=level,
        parent=parent,
        union_id=parent.union_id,
        amount=Decimal(amount),
        **context.approval(paid_on),
    )

"""Hardship household files (困难职工档案): the seed's 489 files, all lifted out, and newer ones."""

import datetime

from yuyang_union.demo.kit import random_date
from yuyang_union.demo.loading import copy_rows

from ..models import (
    FileStatus,
    HardshipCause,
    HardshipHousehold,
    HardshipTier,
    HouseholdReview,
    LiftMeasure,
    ReviewOutcome,
)
from .seed import (
    HOUSEHOLDS,
    SEED_YEARS,
    WARMTH_VISITS,
)


def load(context):
    """489 files per scale, each registered before a winter and lifted out after it.

    The first 126 per scale stay in file over a second winter, so that the 615 send-warmth
    visits (one per household per winter campaign) fit the rule of one grant per household
    per campaign.
    """
    rng = context.rng
    count = HOUSEHOLDS * context.scale
    second_winters = (WARMTH_VISITS - HOUSEHOLDS) * context.scale
    heads = context.members[:count]
    files = []
    context.first_winter = []
    for index, head in enumerate(heads):
        two = index < second_winters
        winter = rng.choice(SEED_YEARS[1:-1] if two else SEED_YEARS[1:])
        registered = random_date(rng, datetime.date(winter - 1, 3, 1), datetime.date(winter, 1, 5))
        if two:
            lifted = random_date(
                rng, datetime.date(winter + 1, 3, 1), datetime.date(winter + 1, 12, 20)
            )
        else:
            lifted = random_date(rng, datetime.date(winter, 3, 1), datetime.date(winter, 12, 20))
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
                registered_by=context.staff,
            )
        )
        context.first_winter.append((winter, two))
    context.seed_files = copy_rows(HardshipHousehold, files, with_ids=True)
    reviews = []
    for household in context.seed_files:
        if household.lifted_out_on - household.registered_on > datetime.timedelta(days=365):
            reviews.append(
                HouseholdReview(
                    household=household,
                    reviewed_on=household.registered_on + datetime.timedelta(days=360),
                    reviewer=context.staff,
                    outcome=ReviewOutcome.CONTINUE,
                )
            )
        reviews.append(
            HouseholdReview(
                household=household,
                reviewed_on=household.lifted_out_on,
                reviewer=context.staff,
                outcome=ReviewOutcome.LIFT_OUT,
                notes=LiftMeasure(household.lift_measure).label,
            )
        )
    copy_rows(HouseholdReview, reviews)
    _recent_households(context)


def _recent_households(context):
    """2023 on: new files, some lifted out, one relapse, one cancelled, most in file."""
    rng = context.rng
    heads = context.members[
        HOUSEHOLDS * context.scale : HOUSEHOLDS * context.scale + 40 * context.scale
    ]
    files = []
    for index, head in enumerate(heads):
        registered = random_date(rng, datetime.date(2023, 1, 10), context.today)
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
                registered_by=context.staff,
            )
        )
    cancelled = files[1]
    cancelled.status = FileStatus.CANCELLED
    cancelled.cancelled_on = cancelled.registered_on + datetime.timedelta(days=30)
    cancelled.cancel_reason = "家庭收入核实后不符合建档条件"
    # A household lifted out in the seed years fell back into hardship.
    earlier = context.seed_files[-1]
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
            registered_by=context.staff,
        )
    )
    context.recent_files = copy_rows(HardshipHousehold, files, with_ids=True)

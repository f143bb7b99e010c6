"""Work-injury and early-retirement appraisals."""

import datetime

from yuyang_union.demo.kit import (
    person_name,
    random_date,
)

from ..models import (
    Appraisal,
    AppraisalKind,
)
from .seed import (
    ADULTS_FROM,
    ADULTS_TO,
    BATCH,
    INJURY_APPRAISALS,
    RETIREMENT_APPRAISALS,
    SEED_END,
    SEED_START,
)


def load(context):
    rows = []
    for kind, count in (
        (AppraisalKind.WORK_INJURY, INJURY_APPRAISALS),
        (AppraisalKind.EARLY_RETIREMENT, RETIREMENT_APPRAISALS),
    ):
        for _ in range(count * context.scale):
            rows.append(_appraisal(context, kind, random_date(context.rng, SEED_START, SEED_END)))
    recent_start = datetime.date(2023, 1, 1)
    for _ in range(90 * context.scale):
        rows.append(
            _appraisal(
                context,
                AppraisalKind.WORK_INJURY,
                random_date(context.rng, recent_start, context.today),
            )
        )
    for _ in range(4 * context.scale):
        rows.append(
            _appraisal(
                context,
                AppraisalKind.EARLY_RETIREMENT,
                random_date(context.rng, recent_start, context.today),
            )
        )
    Appraisal.objects.bulk_create(rows, batch_size=BATCH)


def _appraisal(context, kind, on):
    member = context.maybe(context.members, 0.4)
    fields = {"member_id": member.pk} if member else {}
    if not member:
        fields = {
            "name": person_name(context.rng),
            "id_number": context.ids.born_between(ADULTS_FROM, ADULTS_TO),
        }
    if kind == AppraisalKind.WORK_INJURY:
        grade = context.rng.choice([None, 6, 7, 8, 8, 9, 9, 10, 10, 10])
        result = {"injury_grade": grade}
    else:
        result = {"approved": context.rng.random() < 0.85}
    return Appraisal(
        kind=kind,
        employer_id=context.rng.choice(context.employers),
        applied_on=on - datetime.timedelta(days=context.rng.randint(20, 60)),
        appraised_on=on,
        **fields,
        **result,
    )

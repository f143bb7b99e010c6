"""Lawyers, consultations (法律咨询) and outreach events (普法宣传, 送法进企业)."""

import datetime

from yuyang_union.demo.kit import (
    mobile,
    person_name,
    random_date,
    split_exact,
)

from ..models import (
    Channel,
    Consultation,
    LawFirm,
    Lawyer,
    Matter,
    OutreachEvent,
    OutreachKind,
)
from .seed import (
    BATCH,
    CONSULTATION_WORKERS,
    CONSULTATIONS,
    FIRMS,
    LAW_TO_ENTERPRISE_DAY,
    OUTREACH_ATTENDANCE,
    OUTREACH_EVENTS,
    PLACES,
    SEED_END,
    SEED_START,
)


def lawyers(context):
    """Twelve lawyers of the county's firms, each serving a few employers (千名律师进企业)."""
    rng = context.rng
    firms = [LawFirm.objects.get_or_create(name=name)[0] for name in FIRMS]
    made = [
        Lawyer(name=person_name(rng), firm=rng.choice(firms), phone=mobile(rng)) for _ in range(12)
    ]
    context.lawyer_list = Lawyer.objects.bulk_create(made)
    through = Lawyer.employers_served.through
    links = {
        (lawyer.pk, employer)
        for lawyer in context.lawyer_list
        for employer in context.rng.sample(context.employers[:200], 5)
    }
    through.objects.bulk_create(
        [through(lawyer_id=lawyer, employer_id=employer) for lawyer, employer in links]
    )


def _consultation(context, date, workers):
    topics = context.rng.sample(Matter.values, context.rng.choice([1, 1, 1, 2]))
    lawyer = context.maybe(context.lawyer_list, 0.6)
    return Consultation(
        date=date,
        channel=context.rng.choice(Channel.values),
        topics=topics,
        workers_served=workers,
        employer_id=context.maybe(context.employers, 0.4),
        lawyer=lawyer,
        summary="就欠薪、劳动合同等问题提供法律咨询。",
    )


def consultations(context):
    count = CONSULTATIONS * context.scale
    workers = split_exact(CONSULTATION_WORKERS * context.scale, count, context.rng)
    rows = [
        _consultation(context, random_date(context.rng, SEED_START, SEED_END), served)
        for served in workers
    ]
    for year in range(2023, context.today.year + 1):
        last = min(datetime.date(year, 12, 31), context.today)
        for _ in range(18 * context.scale):
            day = random_date(context.rng, datetime.date(year, 1, 1), last)
            rows.append(_consultation(context, day, context.rng.randint(1, 12)))
    Consultation.objects.bulk_create(rows, batch_size=BATCH)


def outreach(context):
    count = OUTREACH_EVENTS * context.scale
    attendance = split_exact(OUTREACH_ATTENDANCE * context.scale, count, context.rng, minimum=200)
    events = []
    for index, people in enumerate(attendance):
        if index == 0:
            events.append(
                OutreachEvent(
                    kind=OutreachKind.LAW_TO_ENTERPRISE,
                    date=LAW_TO_ENTERPRISE_DAY,
                    title="送法进企业",
                    employer_id=context.employers[0],
                    place="酉阳工业园区",
                    attendance=people,
                )
            )
            continue
        kind = context.rng.choice(OutreachKind.values)
        events.append(
            OutreachEvent(
                kind=kind,
                date=random_date(context.rng, SEED_START, SEED_END),
                title="送法进企业" if kind == OutreachKind.LAW_TO_ENTERPRISE else "普法宣传",
                place=context.rng.choice(PLACES),
                employer_id=context.rng.choice(context.employers)
                if kind == OutreachKind.LAW_TO_ENTERPRISE
                else None,
                attendance=people,
            )
        )
    for year in range(2023, context.today.year + 1):
        last = min(datetime.date(year, 12, 31), context.today)
        for _ in range(2 * context.scale):
            events.append(
                OutreachEvent(
                    kind=OutreachKind.PUBLICITY,
                    date=random_date(context.rng, datetime.date(year, 1, 1), last),
                    title="“12·4”国家宪法日普法宣传",
                    place=context.rng.choice(PLACES),
                    attendance=context.rng.randint(300, 900),
                )
            )
    OutreachEvent.objects.bulk_create(events, batch_size=BATCH)
    through = OutreachEvent.lawyers.through
    through.objects.bulk_create(
        [
            through(outreachevent_id=event.pk, lawyer_id=lawyer.pk)
            for event in events
            for lawyer in context.rng.sample(context.lawyer_list, 2)
        ],
        batch_size=BATCH,
    )

"""Mediations and legal-aid cases with their status histories, applicants and numbers."""

import datetime
from decimal import Decimal

from yuyang_union.demo.kit import (
    person_name,
    random_date,
    split_exact,
    split_money,
)

from ..models import (
    Case,
    CaseApplicant,
    CaseKind,
    CaseNumberCounter,
    CaseStatus,
    CaseStatusChange,
    Matter,
)
from ..models.cases import MEDIATION_DAYS
from .seed import (
    ADULTS_FROM,
    ADULTS_TO,
    AID_CASES,
    AID_RECOVERED,
    AID_WORKERS,
    BATCH,
    MEDIATION_RECOVERED,
    MEDIATION_WORKERS,
    MEDIATIONS,
    SEED_START,
)


def load(context):
    made = [
        *_seed_cases(
            context, CaseKind.MEDIATION, MEDIATIONS, MEDIATION_WORKERS, MEDIATION_RECOVERED, 2
        ),
        *_seed_cases(context, CaseKind.LEGAL_AID, AID_CASES, AID_WORKERS, AID_RECOVERED, 2),
        *_recent_cases(context),
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
                    changed_by=context.staff,
                    changed_at=datetime.datetime.combine(
                        on, datetime.time(10), tzinfo=datetime.UTC
                    ),
                )
            )
            previous = status
        applicants.extend(_applicants(context, case))
    CaseStatusChange.objects.bulk_create(changes, batch_size=BATCH)
    CaseApplicant.objects.bulk_create(applicants, batch_size=BATCH)
    CaseNumberCounter.objects.bulk_create(
        [
            CaseNumberCounter(kind=kind, year=year, last_number=number)
            for (kind, year), number in context.counters.items()
        ],
        update_conflicts=True,
        unique_fields=["kind", "year"],
        update_fields=["last_number"],
    )


def _number(context, kind, year):
    key = (str(kind), year)
    context.counters[key] = context.counters.get(key, 0) + 1
    return context.counters[key]


def _case(context, kind, received_on, workers, recovered, path):
    """A case with its status path: [(status, date), ...] after "received"."""
    sequence = _number(context, kind, received_on.year)
    case = Case(
        kind=kind,
        year=received_on.year,
        sequence=sequence,
        reference=Case.format_reference(kind, received_on.year, sequence),
        received_on=received_on,
        respondent_id=context.rng.choice(context.employers),
        matter=context.rng.choice(Matter.values),
        workers_involved=workers,
        amount_claimed=(recovered * Decimal("1.2")).quantize(Decimal("0.01"))
        if recovered
        else Decimal(context.rng.randint(5, 80) * 1000),
        amount_recovered=recovered,
        assigned_staff=context.staff,
        lawyer=context.rng.choice(context.lawyer_list) if kind == CaseKind.LEGAL_AID else None,
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


def _concluded_path(context, kind, received_on, settled):
    accepted = received_on + datetime.timedelta(days=context.rng.randint(1, 3))
    stage = CaseStatus.MEDIATING if kind == CaseKind.MEDIATION else CaseStatus.ARBITRATION
    days = (
        context.rng.randint(5, 14) if kind == CaseKind.MEDIATION else context.rng.randint(30, 180)
    )
    concluded = accepted + datetime.timedelta(days=days)
    outcome = CaseStatus.SETTLED if settled else CaseStatus.FAILED
    return [
        (CaseStatus.ACCEPTED, accepted),
        (stage, accepted),
        (outcome, concluded),
        (CaseStatus.CLOSED, concluded + datetime.timedelta(days=3)),
    ]


def _seed_cases(context, kind, count, workers_total, money_total, failed):
    workers = split_exact(workers_total * context.scale, count * context.scale, context.rng)
    settled_count = (count - failed) * context.scale
    money = split_money(money_total * context.scale, settled_count, context.rng)
    money += [Decimal("0.00")] * (failed * context.scale)
    context.rng.shuffle(money)
    made = []
    for people, recovered in zip(workers, money, strict=True):
        # Accepted within the seed period: received by 20 December 2022 at the latest.
        received = random_date(context.rng, SEED_START, datetime.date(2022, 12, 20))
        path = _concluded_path(context, kind, received, settled=recovered > 0)
        made.append(_case(context, kind, received, people, recovered, path))
    return made


def _recent_cases(context):
    made = []
    today = context.today
    for year in range(2023, today.year):
        for kind in CaseKind.values:
            for _ in range(2 * context.scale):
                received = random_date(
                    context.rng, datetime.date(year, 1, 1), datetime.date(year, 11, 30)
                )
                path = _concluded_path(context, kind, received, settled=True)
                amount = Decimal(context.rng.randint(20, 300) * 1000)
                made.append(
                    _case(context, kind, received, context.rng.randint(1, 20), amount, path)
                )
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
        made.append(_case(context, kind, received, context.rng.randint(1, 40), zero, path))
    return made


def _applicants(context, case):
    """One to three named applicants (a group case names its representatives)."""
    count = min(case.workers_involved, context.rng.randint(1, 3))
    members = context.rng.sample(context.members, min(count, len(context.members)))
    made = [CaseApplicant(case=case, member_id=member.pk) for member in members[:1]]
    while len(made) < count:
        made.append(
            CaseApplicant(
                case=case,
                name=person_name(context.rng),
                id_number=context.ids.born_between(ADULTS_FROM, ADULTS_TO),
            )
        )
    return made

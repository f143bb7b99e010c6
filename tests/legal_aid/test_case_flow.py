import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from legal_aid import services
from legal_aid.models import ALLOWED_MOVES, CaseStatus, CaseStatusChange
from tests.members.factories import MemberFactory

from .factories import make_case, other_worker

pytestmark = pytest.mark.django_db
S = CaseStatus


def test_reference_numbers_run_per_kind_and_year(legal_staff):
    first = make_case(actor=legal_staff, kind="mediation", received_on=datetime.date(2022, 1, 5))
    second = make_case(actor=legal_staff, kind="mediation", received_on=datetime.date(2022, 2, 5))
    aid = make_case(actor=legal_staff, kind="legal_aid", received_on=datetime.date(2022, 2, 6))
    next_year = make_case(
        actor=legal_staff, kind="mediation", received_on=datetime.date(2023, 1, 2)
    )
    assert first.reference == "调〔2022〕第1号"
    assert second.reference == "调〔2022〕第2号"
    assert aid.reference == "援〔2022〕第1号"
    assert next_year.reference == "调〔2023〕第1号"


def test_registering_logs_the_first_status(legal_staff):
    case = make_case(actor=legal_staff, applicants=[other_worker()])
    change = CaseStatusChange.objects.get(case=case)
    assert (change.from_status, change.to_status, change.changed_by) == (
        "",
        S.RECEIVED,
        legal_staff,
    )
    assert case.status == S.RECEIVED
    assert case.applicants.count() == 1


def test_group_legal_aid_case_from_intake_to_settlement(legal_staff):
    members = [MemberFactory(), MemberFactory()]
    from legal_aid.models import CaseApplicant

    case = make_case(
        actor=legal_staff,
        kind="legal_aid",
        workers_involved=23,
        amount_claimed=Decimal("412345.67"),
        applicants=[CaseApplicant(member=m) for m in members] + [other_worker()],
    )
    day = datetime.date(2022, 3, 2)
    for step in (S.ACCEPTED, S.ARBITRATION, S.LITIGATION):
        case = services.move_case(case=case, to_status=step, actor=legal_staff, on=day)
    case = services.move_case(
        case=case,
        to_status=S.SETTLED,
        actor=legal_staff,
        on=datetime.date(2022, 9, 1),
        amount_recovered=Decimal("398000.50"),
        note="调解结案",
    )
    case = services.move_case(case=case, to_status=S.CLOSED, actor=legal_staff)
    case.refresh_from_db()
    assert case.status == S.CLOSED
    assert case.amount_recovered == Decimal("398000.50")
    assert case.concluded_on == datetime.date(2022, 9, 1)
    assert case.due_on is None  # only mediations have the 15-day deadline
    moves = list(case.status_changes.values_list("from_status", "to_status"))
    assert moves == [
        ("", S.RECEIVED),
        (S.RECEIVED, S.ACCEPTED),
        (S.ACCEPTED, S.ARBITRATION),
        (S.ARBITRATION, S.LITIGATION),
        (S.LITIGATION, S.SETTLED),
        (S.SETTLED, S.CLOSED),
    ]
    assert set(case.status_changes.values_list("changed_by", flat=True)) == {legal_staff.pk}


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        ([], S.SETTLED),
        ([], S.CLOSED),
        ([], S.MEDIATING),
        ([S.ACCEPTED], S.CLOSED),
        ([S.ACCEPTED], S.RECEIVED),
        ([S.DECLINED], S.ACCEPTED),
        ([S.ACCEPTED, S.MEDIATING, S.SETTLED], S.MEDIATING),
        ([S.ACCEPTED, S.MEDIATING, S.SETTLED, S.CLOSED], S.RECEIVED),
    ],
)
def test_moves_outside_the_flow_are_refused(legal_staff, path, refused):
    case = make_case(actor=legal_staff, kind="mediation")
    for step in path:
        case = services.move_case(case=case, to_status=step, actor=legal_staff)
    before = case.status_changes.count()
    with pytest.raises(ValidationError):
        services.move_case(case=case, to_status=refused, actor=legal_staff)
    case.refresh_from_db()
    assert case.status == (path[-1] if path else S.RECEIVED)
    assert case.status_changes.count() == before


def test_every_status_pair_follows_the_table(legal_staff):
    """Walk the table: from each reachable status, exactly the listed moves succeed."""
    paths = {
        S.RECEIVED: [],
        S.ACCEPTED: [S.ACCEPTED],
        S.DECLINED: [S.DECLINED],
        S.MEDIATING: [S.ACCEPTED, S.MEDIATING],
        S.ARBITRATION: [S.ACCEPTED, S.ARBITRATION],
        S.LITIGATION: [S.ACCEPTED, S.LITIGATION],
        S.SETTLED: [S.ACCEPTED, S.MEDIATING, S.SETTLED],
        S.FAILED: [S.ACCEPTED, S.MEDIATING, S.FAILED],
        S.WITHDRAWN: [S.ACCEPTED, S.WITHDRAWN],
        S.CLOSED: [S.DECLINED, S.CLOSED],
    }
    case = make_case(actor=legal_staff, kind="mediation")
    for source, path in paths.items():
        for target in S:
            case = make_case(actor=legal_staff, kind="mediation")
            for step in path:
                case = services.move_case(case=case, to_status=step, actor=legal_staff)
            if target in ALLOWED_MOVES[source]:
                services.move_case(case=case, to_status=target, actor=legal_staff)
            else:
                with pytest.raises(ValidationError):
                    services.move_case(case=case, to_status=target, actor=legal_staff)


def test_a_case_needs_a_respondent(legal_staff):
    from legal_aid.models import Case

    case = Case(kind="mediation", matter="wages", received_on=datetime.date(2022, 1, 1))
    with pytest.raises(ValidationError):
        services.register_case(case=case, actor=legal_staff)
    assert not Case.objects.exists()

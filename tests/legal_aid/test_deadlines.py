import datetime

import pytest

from legal_aid import services
from legal_aid.models import Case, CaseStatus

from .factories import make_case

pytestmark = pytest.mark.django_db
S = CaseStatus


def test_mediation_is_due_15_days_after_acceptance(legal_staff):
    case = make_case(actor=legal_staff, kind="mediation", received_on=datetime.date(2026, 3, 1))
    case = services.move_case(
        case=case, to_status=S.ACCEPTED, actor=legal_staff, on=datetime.date(2026, 3, 3)
    )
    assert case.due_on == datetime.date(2026, 3, 18)
    assert not case.is_overdue(today=datetime.date(2026, 3, 18))
    assert case.is_overdue(today=datetime.date(2026, 3, 19))
    assert list(Case.objects.overdue(datetime.date(2026, 3, 18))) == []
    assert list(Case.objects.overdue(datetime.date(2026, 3, 19))) == [case]


def test_a_concluded_mediation_is_not_overdue(legal_staff):
    case = make_case(actor=legal_staff, kind="mediation", received_on=datetime.date(2026, 3, 1))
    for step in (S.ACCEPTED, S.MEDIATING, S.SETTLED):
        case = services.move_case(
            case=case, to_status=step, actor=legal_staff, on=datetime.date(2026, 3, 3)
        )
    assert not Case.objects.overdue(datetime.date(2026, 6, 1)).exists()


def test_legal_aid_has_no_mediation_deadline(legal_staff):
    case = make_case(actor=legal_staff, kind="legal_aid", received_on=datetime.date(2026, 3, 1))
    case = services.move_case(
        case=case, to_status=S.ACCEPTED, actor=legal_staff, on=datetime.date(2026, 3, 3)
    )
    assert case.due_on is None
    assert not Case.objects.overdue(datetime.date(2026, 12, 1)).exists()


def test_overdue_mediations_are_flagged_on_the_staff_home(client, legal_staff):
    case = make_case(actor=legal_staff, kind="mediation", received_on=datetime.date(2025, 3, 1))
    services.move_case(
        case=case, to_status=S.ACCEPTED, actor=legal_staff, on=datetime.date(2025, 3, 3)
    )
    client.force_login(legal_staff)
    page = client.get("/staff/").content.decode()
    assert case.reference in page
    overdue = client.get("/staff/legal/cases/overdue/").content.decode()
    assert case.reference in overdue


def test_the_overdue_panel_is_not_shown_to_roles_without_case_files(
    client, make_staff, legal_staff
):
    from yuyang_union import roles

    case = make_case(actor=legal_staff, kind="mediation", received_on=datetime.date(2025, 3, 1))
    services.move_case(
        case=case, to_status=S.ACCEPTED, actor=legal_staff, on=datetime.date(2025, 3, 3)
    )
    client.force_login(make_staff(roles.LEADERS))
    page = client.get("/staff/").content.decode()
    assert case.reference not in page
    assert "/staff/legal/cases/" not in page

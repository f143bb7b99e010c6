import datetime

import pytest

from legal_aid import services
from legal_aid.models import Case, CaseKind, CaseStatus

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


def test_the_overdue_rule_reads_the_same_in_python_and_in_sql(legal_staff):
    """`Case.is_overdue` (pages, admin column) and `Case.objects.overdue` (lists, panel) agree."""
    today = datetime.date(2026, 6, 1)
    employer = make_case(actor=legal_staff).respondent
    for kind in CaseKind.values:
        for status in S.values:
            for due_on in (None, today - datetime.timedelta(days=1), today):
                case = make_case(actor=legal_staff, kind=kind, respondent=employer)
                Case.objects.filter(pk=case.pk).update(status=status, due_on=due_on)
    cases = list(Case.objects.all())
    overdue_in_sql = set(Case.objects.overdue(today).values_list("pk", flat=True))
    overdue_in_python = {case.pk for case in cases if case.is_overdue(today)}
    running_in_sql = set(Case.objects.running_mediations().values_list("pk", flat=True))
    running_in_python = {case.pk for case in cases if case.is_running_mediation}
    assert overdue_in_python == overdue_in_sql
    assert len(overdue_in_sql) == 2  # accepted and mediating, due yesterday
    assert running_in_python == running_in_sql
    assert len(running_in_sql) == 6


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

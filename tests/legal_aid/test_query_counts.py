"""List pages and changelists run the same number of queries at 5 and at 30 rows."""

import datetime

import pytest
from django.utils import timezone

from legal_aid import services
from legal_aid.models import CaseViewLog
from tests.members.factories import EmployerFactory
from yuyang_union import roles

from .factories import (
    AppraisalFactory,
    CollectiveContractFactory,
    ConsultationFactory,
    HarmonyRatingFactory,
    LawyerFactory,
    OutreachEventFactory,
    make_case,
    other_worker,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def make_rows(count, actor):
    employer = EmployerFactory()
    for index in range(count):
        case = make_case(
            actor=actor,
            kind="mediation",
            received_on=TODAY - datetime.timedelta(days=60),
            applicants=[other_worker()],
        )
        case = services.move_case(
            case=case, to_status="accepted", actor=actor, on=TODAY - datetime.timedelta(days=50)
        )
        services.move_case(
            case=case, to_status="mediating", actor=actor, on=TODAY - datetime.timedelta(days=50)
        )
        CaseViewLog.objects.create(case=case, user=actor, via="staff")
        lawyer = LawyerFactory()
        ConsultationFactory(employer=employer, lawyer=lawyer)
        OutreachEventFactory(employer=employer)
        AppraisalFactory()
        CollectiveContractFactory(
            expires_on=TODAY + datetime.timedelta(days=30 + index % 30), employers=[employer]
        )
        HarmonyRatingFactory(year=2000 + index)


URLS = [
    "/staff/legal/cases/",
    "/staff/legal/cases/overdue/",
    "/staff/legal/contracts/expiring/",
    "/staff/",
    "/admin/legal_aid/case/",
    "/admin/legal_aid/consultation/",
    "/admin/legal_aid/outreachevent/",
    "/admin/legal_aid/appraisal/",
    "/admin/legal_aid/collectivecontract/",
    "/admin/legal_aid/harmonyrating/",
    "/admin/legal_aid/lawyer/",
    "/admin/legal_aid/lawfirm/",
    "/admin/legal_aid/casestatuschange/",
    "/admin/legal_aid/caseviewlog/",
    "/admin/legal_aid/casedocument/",
]


@pytest.mark.parametrize("url", URLS)
def test_query_count_does_not_grow_with_rows(
    client, make_staff, django_assert_max_num_queries, url
):
    admin_user = make_staff(roles.ADMINISTRATORS)
    client.force_login(admin_user)
    counts = []
    for size in (5, 25):
        make_rows(size, admin_user)
        client.get(url)  # warm-up: the first request after login also writes the session
        with django_assert_max_num_queries(20) as captured:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(captured))
    print(url, counts)  # shown with -s
    assert counts[0] == counts[1], counts

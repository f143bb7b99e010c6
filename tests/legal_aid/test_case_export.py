"""导出案件: the case list as a job's workbook, scoped, masked, refused without the right."""

from decimal import Decimal

import pytest
from django.urls import reverse

from legal_aid.models import CaseApplicant
from tests.legal_aid.factories import make_case, other_worker
from tests.members.factories import EmployerFactory, MemberFactory, UnionFactory
from tests.workbooks import job_of, result_rows
from yuyang_union import roles
from yuyang_union.jobs.models import Job
from yuyang_union.personal_data.masking import mask_id_number

pytestmark = pytest.mark.django_db

EXPORT = "legal_aid:case-export"


def exported(client, run_jobs, data=None):
    job = job_of(client.post(reverse(EXPORT), data or {}))
    assert job.state == "queued"  # the request only starts it
    run_jobs()
    job.refresh_from_db()
    assert job.result_personal
    return result_rows(job)


def test_export_holds_the_columns_an_officer_needs_masked(client, legal_staff, run_jobs):
    worker = other_worker("田小华")
    member = MemberFactory(name="冉大勇")
    case = make_case(
        respondent=EmployerFactory(name="=HYPERLINK(1)"),
        applicants=[worker, CaseApplicant(member=member)],
        amount_claimed=Decimal("12345.60"),
        workers_involved=2,
    )
    client.force_login(legal_staff)
    header, *rows = exported(client, run_jobs)
    assert header[:3] == ("案号", "类型", "状态")
    assert "申请人" in header
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["案号"] == case.reference
    assert row["申请人"] == "田小华、冉大勇"
    numbers = row[header[header.index("申请人") + 1]]
    assert mask_id_number(worker.id_number) in numbers
    assert mask_id_number(member.id_number) in numbers
    assert worker.id_number not in numbers
    assert member.id_number not in numbers
    assert row[header[7]] == "'=HYPERLINK(1)"  # the respondent, kept as text
    assert Decimal(str(row[header[13]])) == Decimal("12345.6")


def test_export_follows_the_lists_filters(client, legal_staff, run_jobs):
    kept = make_case(kind="mediation")
    make_case(kind="legal_aid")
    client.force_login(legal_staff)
    _header, *rows = exported(client, run_jobs, {"kind": "mediation"})
    assert [row[0] for row in rows] == [kept.reference]


def test_an_officer_exports_only_their_subtree(client, make_staff, run_jobs):
    town = UnionFactory()
    mine = make_case(respondent=EmployerFactory(union=UnionFactory(parent=town)))
    make_case(respondent=EmployerFactory(union=UnionFactory()))
    officer = make_staff(roles.LEGAL, union=town)
    client.force_login(officer)
    _header, *rows = exported(client, run_jobs)
    assert [row[0] for row in rows] == [mine.reference]


@pytest.mark.parametrize("role", [roles.EVENTS, roles.GRASSROOTS_OFFICERS])
def test_export_refused_without_the_right_to_case_files(client, make_staff, role):
    make_case()
    client.force_login(make_staff(role))
    assert client.post(reverse(EXPORT)).status_code == 403
    assert not Job.objects.exists()


def test_export_is_a_post(client, legal_staff):
    client.force_login(legal_staff)
    assert client.get(reverse(EXPORT)).status_code == 405


def test_the_list_offers_the_export_with_its_filters(client, legal_staff):
    client.force_login(legal_staff)
    content = client.get(reverse("legal_aid:case-list"), {"kind": "mediation"}).content.decode()
    assert reverse(EXPORT) in content
    assert 'name="kind" value="mediation"' in content

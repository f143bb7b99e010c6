"""Excel import: every bad row reported with its reason; nothing written when any is bad."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members.models import Employer, Member, UnionOrganisation
from members.resources import EmployerResource, MemberResource, UnionResource
from tests.members.factories import make_credit_code, make_id_number
from tests.workbooks import xlsx_bytes
from yuyang_union.jobs.models import JobState

HEADERS = ["姓名", "身份证号码", "民族", "手机号码", "所属工会", "入会日期"]


_xlsx = xlsx_bytes


def _dataset(content):
    from import_export.formats.base_formats import XLSX

    return XLSX().create_dataset(content)


def _good_rows(count, union="LT"):
    return [
        [f"会员{i}", make_id_number(serial=100 + i), "苗族", "13800000000", union, "2021-03-01"]
        for i in range(count)
    ]


def _errors_by_row(result):
    return {
        row.number: " ".join(
            str(message) for messages in row.error_dict.values() for message in messages
        )
        for row in result.invalid_rows
    }


def test_file_with_one_number_typed_id_writes_nothing_and_reports_the_row(organisation, tree):
    rows = _good_rows(3)
    rows[1][1] = 500242198506151234  # what Excel holds when the column is a number
    result = MemberResource(user=organisation).import_data(
        _dataset(_xlsx(HEADERS, rows)), dry_run=False
    )
    assert result.has_validation_errors()
    errors = _errors_by_row(result)
    assert list(errors) == [2]
    assert "text" in errors[2] or "文本" in errors[2]
    assert Member.objects.count() == 0


def test_every_kind_of_bad_row_is_reported(organisation, officer_a, tree, member_a):
    rows = _good_rows(7)
    bad_check = make_id_number(serial=5)
    rows[0][1] = bad_check[:-1] + ("0" if bad_check[-1] != "0" else "1")  # checksum
    rows[2][1] = rows[1][1]  # duplicate in the file (of row 2)
    rows[3][1] = member_a.id_number  # duplicate in the database
    rows[4][4] = "不存在的工会"  # unknown union
    rows[5][4] = "MW"  # outside the importer's subtree
    result = MemberResource(user=officer_a).import_data(
        _dataset(_xlsx(HEADERS, rows)), dry_run=False
    )
    errors = _errors_by_row(result)
    assert sorted(errors) == [1, 3, 4, 5, 6]
    assert "校验" in errors[1] or "check digit" in errors[1]
    assert "2" in errors[3]
    assert Member.objects.count() == 1  # only member_a, made by the fixture


def test_good_file_imports_everything(organisation, tree):
    rows = _good_rows(4)
    result = MemberResource(user=organisation).import_data(
        _dataset(_xlsx(HEADERS, rows)), dry_run=False
    )
    assert not result.has_validation_errors()
    assert not result.has_errors()
    assert Member.objects.filter(union=tree["a"], ethnicity="苗族").count() == 4
    member = Member.objects.with_id_number(rows[0][1]).get()
    assert member.birth_date is not None


def test_admin_import_lists_the_bad_row_and_offers_no_confirmation(
    client, organisation, tree, run_jobs
):
    rows = _good_rows(3)
    rows[2][1] = 500242198506151234  # typed as a number: Excel has already rounded it
    client.force_login(organisation)
    response = client.post(
        reverse("admin:members_member_import"),
        {"import_file": SimpleUploadedFile("members.xlsx", _xlsx(HEADERS, rows))},
    )
    assert response.status_code == 302
    [job] = run_jobs()
    assert job.state == JobState.FAILED
    assert [(error["row"], error["column"]) for error in job.errors] == [(4, "身份证号码")]
    assert "Excel" in job.errors[0]["message"]
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert reverse("jobs:confirm", args=[job.pk]) not in page
    assert Member.objects.count() == 0


def test_template_download_has_headers_and_text_id_column(client, organisation):
    client.force_login(organisation)
    response = client.get(reverse("admin:members_member_import_template"))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    headers = [cell.value for cell in sheet[1]]
    assert "身份证号码" in headers
    column = headers.index("身份证号码") + 1
    assert sheet.cell(row=2, column=column).number_format == "@"


def test_union_import_places_unions_under_parent_by_name_or_code(organisation, tree):
    headers = ["工会名称", "工会代码", "工会类型", "上级工会", "建会日期", "建会会员数"]
    rows = [
        ["龙潭镇某公司工会", "", "基层工会", "LT", "2019-05-01", 35],
        ["麻旺镇联合工会", "MWLH", "联合工会（多个小微企业）", "麻旺镇工会", "2020-07-01", 80],
    ]
    result = UnionResource(user=organisation).import_data(
        _dataset(_xlsx(headers, rows)), dry_run=False
    )
    assert not result.has_validation_errors(), _errors_by_row(result)
    assert not result.has_errors(), [e.error for row in result.row_errors() for e in row[1]]
    made = UnionOrganisation.objects.get(name="龙潭镇某公司工会")
    assert UnionOrganisation.objects.get_parent(made) == tree["a"]
    assert made.founding_members == 35
    assert (
        UnionOrganisation.objects.get_parent(UnionOrganisation.objects.get(code="MWLH"))
        == tree["b"]
    )


def test_employer_import_checks_credit_code(organisation, tree):
    headers = ["单位名称", "统一社会信用代码", "经济类型", "所属工会"]
    code = make_credit_code()
    rows = [
        ["酉阳某某有限公司", code, "私营（非公）", "LT"],
        ["酉阳另一公司", code[:-1] + ("0" if code[-1] != "0" else "1"), "私营（非公）", "LT"],
    ]
    result = EmployerResource(user=organisation).import_data(
        _dataset(_xlsx(headers, rows)), dry_run=False
    )
    assert list(_errors_by_row(result)) == [2]
    assert Employer.objects.count() == 0


@pytest.fixture(autouse=True)
def _chinese(settings):
    settings.LANGUAGE_CODE = "zh-hans"


def test_admin_import_then_confirm_writes_every_row_with_history(
    client, organisation, tree, run_jobs
):
    from auditlog.models import LogEntry

    rows = _good_rows(3)
    client.force_login(organisation)
    client.post(
        reverse("admin:members_member_import"),
        {"import_file": SimpleUploadedFile("members.xlsx", _xlsx(HEADERS, rows))},
    )
    [checked] = run_jobs()
    assert checked.state == JobState.AWAITING_CONFIRMATION
    assert Member.objects.count() == 0  # the check writes nothing
    client.post(reverse("jobs:confirm", args=[checked.pk]))
    [written] = run_jobs()
    assert written.state == JobState.SUCCEEDED
    assert Member.objects.count() == 3
    member = Member.objects.with_id_number(rows[0][1]).get()
    assert LogEntry.objects.get_for_object(member).get().actor == organisation


def test_a_row_without_id_number_is_reported(organisation, tree):
    rows = _good_rows(2)
    rows[1][1] = None
    result = MemberResource(user=organisation).import_data(
        _dataset(_xlsx(HEADERS, rows)), dry_run=False
    )
    assert list(_errors_by_row(result)) == [2]
    assert Member.objects.count() == 0


def test_honour_import_finds_members_by_id_number_and_takes_collectives(
    organisation, tree, member_a, member_b
):
    from members.models import Honour
    from members.resources import HonourResource

    headers = ["荣誉称号", "年度", "获得者身份证号码", "集体名称", "推荐工会"]
    rows = [
        ["酉阳工匠", 2021, member_a.id_number, None, "LT"],
        ["市工人先锋号", 2020, None, "某公司技术班组", "LT"],
        ["酉阳工匠", 2021, member_a.id_number, None, "LT"],  # duplicate of row 1
        ["不存在的称号", 2021, member_b.id_number, None, "MW"],
    ]
    result = HonourResource(user=organisation).import_data(
        _dataset(_xlsx(headers, rows)), dry_run=False
    )
    assert sorted(_errors_by_row(result)) == [3, 4]
    assert Honour.objects.count() == 0
    del rows[2:]
    result = HonourResource(user=organisation).import_data(
        _dataset(_xlsx(headers, rows)), dry_run=False
    )
    assert not result.has_validation_errors(), _errors_by_row(result)
    assert Honour.objects.get(member=member_a).title.key == "county_craftsman"
    assert Honour.objects.get(collective_name="某公司技术班组").union == tree["a"]

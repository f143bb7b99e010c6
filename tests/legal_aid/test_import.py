"""Appraisal import: bad rows reported with their reason, nothing written when any is bad."""

import pytest
from import_export.formats.base_formats import XLSX

from legal_aid.models import Appraisal
from legal_aid.resources import AppraisalResource
from tests.members.factories import EmployerFactory, MemberFactory, make_id_number
from tests.workbooks import xlsx_bytes

pytestmark = pytest.mark.django_db
HEADERS = [
    "鉴定类型",
    "姓名",
    "身份证号码",
    "工作单位",
    "申请日期",
    "鉴定日期",
    "伤残等级",
    "是否同意提前退休",
]


def dataset(rows):
    return XLSX().create_dataset(xlsx_bytes(HEADERS, rows))


def errors_by_row(result):
    return {
        row.number: " ".join(str(m) for messages in row.error_dict.values() for m in messages)
        for row in result.invalid_rows
    }


def test_a_good_file_imports_and_links_members(legal_staff):
    employer = EmployerFactory()
    member = MemberFactory()
    rows = [
        [
            "工伤等级鉴定",
            "田德贵",
            make_id_number(),
            employer.credit_code,
            "2022-03-01",
            "2022-04-10",
            9,
            "",
        ],
        ["工伤等级鉴定", "", member.id_number, employer.name, "", "2022-05-10", "", ""],
        ["提前退休鉴定", "冉春梅", make_id_number(), "", "2022-05-01", "2022-06-01", "", "是"],
    ]
    result = AppraisalResource(user=legal_staff).import_data(dataset(rows), dry_run=False)
    assert not result.has_validation_errors(), errors_by_row(result)
    assert Appraisal.objects.count() == 3
    assert Appraisal.objects.get(member=member).injury_grade is None
    assert Appraisal.objects.get(kind="early_retirement").approved is True
    assert Appraisal.objects.get(name="田德贵").approved is None


def test_bad_rows_are_reported_and_nothing_is_written(legal_staff):
    good = make_id_number()
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    rows = [
        ["工伤等级鉴定", "甲", good, "", "", "2022-04-10", 9, ""],
        ["工伤等级鉴定", "乙", bad, "", "", "2022-04-10", 9, ""],  # check digit
        ["工伤等级鉴定", "丙", 500242198506151234, "", "", "2022-04-10", 9, ""],  # a number
        ["工伤等级鉴定", "甲", good, "", "", "2022-04-10", 9, ""],  # duplicate of row 1
        ["工伤等级鉴定", "丁", make_id_number(), "不存在的公司", "", "2022-04-10", 9, ""],
        ["工伤等级鉴定", "戊", make_id_number(), "", "", "2022-04-10", 12, ""],  # grade 1–10
    ]
    result = AppraisalResource(user=legal_staff).import_data(dataset(rows), dry_run=False)
    errors = errors_by_row(result)
    assert sorted(errors) == [2, 3, 4, 5, 6]
    assert not Appraisal.objects.exists()


def test_the_admin_import_needs_the_import_permission(client, make_staff):
    from yuyang_union import roles

    client.force_login(make_staff(roles.LEADERS))
    assert client.get("/admin/legal_aid/appraisal/import/").status_code == 403


def test_exports_use_chinese_headers_mask_ids_and_escape_formulae(legal_staff):
    from legal_aid.resources import CollectiveContractResource, ConsultationResource

    from .factories import CollectiveContractFactory, ConsultationFactory

    number = make_id_number()
    from .factories import AppraisalFactory

    AppraisalFactory(id_number=number, name="=HYPERLINK(1)")
    appraisals = AppraisalResource(user=legal_staff).export()
    assert appraisals.headers[:3] == ["鉴定类型", "姓名", "身份证号码"]
    assert number not in str(appraisals.dict)
    assert appraisals.dict[0]["姓名"].startswith("'")  # not run as a formula

    ConsultationFactory(topics=["wages", "injury"], workers_served=4)
    consultations = ConsultationResource(user=legal_staff).export()
    assert consultations.dict[0]["服务职工人次"] == "4"
    assert consultations.dict[0]["咨询事项"] == "拖欠工资、工伤"

    CollectiveContractFactory(employers=EmployerFactory.create_batch(3))
    contracts = CollectiveContractResource(user=legal_staff).export()
    assert str(contracts.dict[0]["覆盖企业数"]) == "3"

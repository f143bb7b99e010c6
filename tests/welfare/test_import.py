"""Excel rosters: every bad row reported with its reason; nothing written when any is bad."""

import datetime

import pytest
from django.urls import reverse
from import_export.formats.base_formats import XLSX

from tests.members.factories import MemberFactory, UnionFactory, make_id_number
from tests.workbooks import xlsx_bytes
from welfare.models import EducationAid, Grant, HardshipHousehold
from welfare.resources import EducationAidResource, GrantResource, HouseholdResource
from yuyang_union import roles

from .factories import CampaignFactory, EducationAidFactory, HouseholdFactory

pytestmark = pytest.mark.django_db

HOUSEHOLD_HEADERS = ["户主身份证号码", "登记工会", "困难类别", "致困原因", "家庭人口", "建档日期"]
GRANT_HEADERS = [
    "活动名称",
    "户主身份证号码",
    "会员身份证号码",
    "金额（元）",
    "发放日期",
    "是否走访慰问",
]
AID_HEADERS = [
    "活动名称", "年度", "学生姓名", "学生身份证号码", "就读学校", "学段", "家长（会员）身份证号码",
    "金额（元）",
]  # fmt: skip


def _dataset(headers, rows):
    return XLSX().create_dataset(xlsx_bytes(headers, rows))


def _errors_by_row(result):
    return {
        row.number: " ".join(
            str(message) for messages in row.error_dict.values() for message in messages
        )
        for row in result.invalid_rows
    }


def test_household_roster_imports_when_every_row_is_good(make_staff):
    staff = make_staff(roles.WELFARE)
    heads = MemberFactory.create_batch(3)
    rows = [
        [h.id_number, h.union.name, "深度困难", "患病、子女就学", 4, datetime.date(2024, 3, 1)]
        for h in heads
    ]
    result = HouseholdResource(user=staff).import_data(
        _dataset(HOUSEHOLD_HEADERS, rows), dry_run=False
    )
    assert not result.has_validation_errors(), _errors_by_row(result)
    assert not result.has_errors()
    assert HardshipHousehold.objects.count() == 3
    household = HardshipHousehold.objects.get(head=heads[0])
    assert household.causes == ["illness", "schooling"]
    assert household.tier == "deep"


def test_household_roster_with_bad_rows_writes_nothing(make_staff):
    mine, other = UnionFactory(name="本工会"), UnionFactory(name="外工会")
    officer = make_staff(roles.WELFARE, union=mine)
    heads = MemberFactory.create_batch(6, union=mine)
    already = HouseholdFactory(head=heads[3])
    outsider = MemberFactory(union=other)
    good = [h.id_number for h in heads]
    rows = [
        [good[0], "本工会", "深度困难", "患病", 3, "2024-03-01"],  # good
        [500242198506151234, "本工会", "深度困难", "患病", 3, "2024-03-01"],  # number cell
        [good[2], "不存在的工会", "深度困难", "患病", 3, "2024-03-01"],  # unknown union
        [already.head.id_number, "本工会", "深度困难", "患病", 3, "2024-03-01"],  # open file
        [good[0], "本工会", "相对困难", "患病", 3, "2024-03-01"],  # duplicate in the file
        [outsider.id_number, "外工会", "深度困难", "患病", 3, "2024-03-01"],  # outside
        [good[5], "本工会", "很困难", "患病", 3, "2024-03-01"],  # unknown tier
    ]
    result = HouseholdResource(user=officer).import_data(
        _dataset(HOUSEHOLD_HEADERS, rows), dry_run=False
    )
    errors = _errors_by_row(result)
    assert sorted(errors) == [2, 3, 4, 5, 6, 7]
    assert "15" in errors[2]  # Excel cut the number to 15 digits: store as text
    assert "不存在的工会" in errors[3]
    assert "该会员已有在档的困难职工档案" in errors[4]
    assert "1" in errors[5]
    assert HardshipHousehold.objects.count() == 1  # only the fixture's file


def test_grant_roster_reports_duplicates_and_negative_amounts(make_staff):
    staff = make_staff(roles.WELFARE)
    campaign = CampaignFactory(name="2024年送温暖活动")
    households = [HouseholdFactory() for _n in range(3)]
    ids = [h.head.id_number for h in households]
    rows = [
        ["2024年送温暖活动", ids[0], None, 2000, "2024-01-20", "是"],
        ["2024年送温暖活动", ids[0], None, 2000, "2024-01-20", "是"],  # twice in the file
        ["2024年送温暖活动", ids[1], None, -50, "2024-01-20", "否"],  # negative
        ["没有这个活动", ids[2], None, 100, "2024-01-20", "否"],  # unknown campaign
        ["2024年送温暖活动", make_id_number(serial=7), None, 100, "2024-01-20", "否"],  # no file
    ]
    result = GrantResource(user=staff).import_data(_dataset(GRANT_HEADERS, rows), dry_run=False)
    errors = _errors_by_row(result)
    assert sorted(errors) == [2, 3, 4, 5]
    assert "金额必须大于零" in errors[3]
    assert Grant.objects.count() == 0
    # The good row alone imports, proposed.
    result = GrantResource(user=staff).import_data(_dataset(GRANT_HEADERS, rows[:1]), dry_run=False)
    assert not result.has_validation_errors()
    grant = Grant.objects.get()
    assert grant.campaign == campaign
    assert grant.state == "proposed"
    assert grant.union == households[0].union


def test_education_roster_checks_student_ids(make_staff):
    staff = make_staff(roles.WELFARE)
    CampaignFactory(kind="education", name="2024年金秋助学", year=2024)
    parent = MemberFactory()
    taken = EducationAidFactory(year=2024)
    good = make_id_number(birth=datetime.date(2006, 9, 1), serial=11)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    base = ["2024年金秋助学", 2024, "田小雨", None, "重庆大学", "大学", parent.id_number, 5000]
    rows = [
        [*base[:3], good, *base[4:]],
        [*base[:3], bad, *base[4:]],  # checksum
        [*base[:3], taken.student_id_number, *base[4:]],  # aided this year already
        [*base[:3], 500242200609010113, *base[4:]],  # number cell
    ]
    result = EducationAidResource(user=staff).import_data(
        _dataset(AID_HEADERS, rows), dry_run=False
    )
    errors = _errors_by_row(result)
    assert sorted(errors) == [2, 3, 4]
    assert "该学生本年度已获得助学资助" in errors[3]
    assert EducationAid.objects.count() == 1


def test_import_needs_the_import_permission(client, make_staff):
    client.force_login(make_staff(roles.LEADERS))
    assert client.get(reverse("admin:welfare_grant_import")).status_code == 403
    client.force_login(make_staff(roles.WELFARE))
    assert client.get(reverse("admin:welfare_grant_import")).status_code == 200

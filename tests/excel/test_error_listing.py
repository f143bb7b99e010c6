"""A refused import lists every bad row: its Excel row, the Chinese column name, the cell as
typed (identifiers masked, a blank shown blank, never None) and the Chinese message."""

import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from members.models import Member
from tests.competitions.factories import CompetitionEventFactory
from tests.members.factories import MemberFactory, UnionFactory, make_id_number
from tests.welfare.factories import CampaignFactory
from tests.workbooks import xlsx_bytes
from welfare.models import Grant
from yuyang_union import roles
from yuyang_union.excel.cells import shown_cell
from yuyang_union.jobs.models import JobState

pytestmark = pytest.mark.django_db

MEMBER_HEADERS = [
    "姓名",
    "身份证号码",
    "手机号码",
    "所属工会",
    "入会日期",
    "会籍状态",
    "是否农民工",
]
# Words that must never reach the officer: attribute names, Python's None, stored codes.
INTERNAL = re.compile(r"\b(None|none|id_number|phone|status|union|ID_NUMBER|PHONE|STATUS)\b")


def _import(client, url_name, data, field="import_file", args=()):
    response = client.post(
        reverse(url_name, args=args), {field: SimpleUploadedFile("file.xlsx", data)}
    )
    assert response.status_code == 302, response.content[:500]


def _checked(client, run_jobs):
    [job] = run_jobs()
    assert job.state == JobState.FAILED, job.message
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    return job, page


def _listed(job):
    return [(e["row"], e["column"], e["value"]) for e in job.errors]


def _error_table(page):
    return page[page.index('class="list job-errors"') :]


def test_shown_cell():
    number = make_id_number()
    assert shown_cell(None) == ""
    assert shown_cell("  ") == ""
    assert shown_cell("在岗待定") == "在岗待定"
    assert shown_cell(number) == number[:6] + "********" + number[-4:]
    # An ID number Excel stored as a number (already rounded): masked all the same.
    assert shown_cell(float(number)).startswith(number[:6] + "********")
    assert shown_cell("13812345678") == "138****5678"
    assert shown_cell("12345", kind="id_number") == "*****"
    assert shown_cell(3.0) == "3"
    assert shown_cell(datetime.datetime(2024, 3, 1, tzinfo=datetime.UTC)) == "2024-03-01"
    with translation.override("zh-hans"):
        assert shown_cell(True) == "是"
    assert len(shown_cell("字" * 500)) == 100


def test_member_rows_listed_with_column_value_and_message(client, run_jobs, make_staff):
    UnionFactory(name="龙潭镇工会", code="LT")
    good = make_id_number(serial=101)
    bad_check = make_id_number(serial=102)
    bad_check = bad_check[:-1] + ("0" if bad_check[-1] != "0" else "1")
    rows = [
        ["张三", good, "13812345678", "LT", "2021-03-01", "在会", "√"],
        ["李四", bad_check, "13812345679", "LT", "2021-03-01", "在岗待定", "否"],
        [None, make_id_number(serial=103), "", "LT", "2021-03-01", "", "也许"],
    ]
    client.force_login(make_staff(roles.ORGANISATION))
    _import(client, "admin:members_member_import", xlsx_bytes(MEMBER_HEADERS, rows))
    job, page = _checked(client, run_jobs)
    masked = bad_check[:6] + "********" + bad_check[-4:]
    assert sorted(_listed(job)) == [
        (3, "会籍状态", "在岗待定"),
        (3, "身份证号码", masked),
        (4, "姓名", ""),
        (4, "是否农民工", "也许"),
    ]
    table = _error_table(page)
    for shown in ("会籍状态", "在岗待定", masked, "身份证号码", "是否农民工", "也许", "填写的内容"):
        assert shown in table
    assert bad_check not in page
    assert not INTERNAL.search(re.sub(r"<[^>]*>", " ", table))
    assert Member.objects.count() == 0


def test_a_blank_cell_shows_blank(client, run_jobs, make_staff):
    UnionFactory(name="龙潭镇工会", code="LT")
    rows = [["张三", None, "", "LT", "2021-03-01", "", ""]]
    client.force_login(make_staff(roles.ORGANISATION))
    _import(client, "admin:members_member_import", xlsx_bytes(MEMBER_HEADERS, rows))
    job, page = _checked(client, run_jobs)
    assert [(e["column"], e["value"]) for e in job.errors] == [("身份证号码", "")]
    row = re.search(r"<tr><td class=\"num\">2</td>(.*?)</tr>", page).group(1)
    assert re.findall(r"<td>(.*?)</td>", row)[:2] == ["身份证号码", ""]


def test_household_rows_listed(client, run_jobs, make_staff):
    head = MemberFactory()
    headers = ["户主身份证号码", "登记工会", "困难类别", "致困原因", "家庭人口", "建档日期"]
    rows = [[head.id_number, head.union.name, "特别困难", "患病、失恋", 3, "2024-03-01"]]
    client.force_login(make_staff(roles.WELFARE))
    _import(client, "admin:welfare_hardshiphousehold_import", xlsx_bytes(headers, rows))
    job, page = _checked(client, run_jobs)
    assert sorted(_listed(job)) == [(2, "困难类别", "特别困难"), (2, "致困原因", "患病、失恋")]
    assert "相对困难" in _error_table(page)  # the message names the allowed values


def test_grant_rows_listed_with_the_id_masked(client, run_jobs, make_staff):
    campaign = CampaignFactory()
    stranger = make_id_number(serial=555)
    headers = ["活动名称", "会员身份证号码", "金额（元）", "发放日期", "是否走访慰问"]
    rows = [[campaign.name, stranger, "一千", "2024-01-20", "是"]]
    client.force_login(make_staff(roles.WELFARE))
    _import(client, "admin:welfare_grant_import", xlsx_bytes(headers, rows))
    job, page = _checked(client, run_jobs)
    listed = {column: value for _row, column, value in _listed(job)}
    assert listed["会员身份证号码"] == stranger[:6] + "********" + stranger[-4:]
    assert listed["金额（元）"] == "一千"
    assert stranger not in page
    assert Grant.objects.count() == 0


def test_appraisal_rows_listed(client, run_jobs, make_staff):
    headers = ["鉴定类型", "姓名", "身份证号码", "鉴定日期", "伤残等级"]
    rows = [["职业病鉴定", "田德贵", make_id_number(), "2022-04-10", 9]]
    client.force_login(make_staff(roles.LEGAL))
    _import(client, "admin:legal_aid_appraisal_import", xlsx_bytes(headers, rows))
    job, _page = _checked(client, run_jobs)
    assert _listed(job) == [(2, "鉴定类型", "职业病鉴定")]
    assert "工伤等级鉴定" in job.errors[0]["message"]


def test_competition_rows_listed_and_blank_is_blank(client, run_jobs, make_staff):
    event = CompetitionEventFactory(name="维修电工")
    member = MemberFactory()
    headers = ["项目", "身份证号码", "姓名", "单位", "成绩", "奖项"]
    rows = [
        ["维修电工", member.id_number, member.name, "", 90, "特等奖"],
        ["维修电工", None, "", "", None, None],
    ]
    client.force_login(make_staff(roles.COMPETITIONS))
    upload = io.BytesIO(xlsx_bytes(headers, rows))
    upload.name = "entries.xlsx"
    url = reverse("competitions:import-entries", args=[event.competition.pk])
    assert client.post(url, {"file": upload}).status_code == 302
    job, page = _checked(client, run_jobs)
    assert (2, "奖项", "特等奖") in _listed(job)
    assert (3, "身份证号码", "") in _listed(job)
    table = _error_table(page)
    assert "奖项" in table
    assert not INTERNAL.search(re.sub(r"<[^>]*>", " ", table))


def test_import_exports_broken_heading_is_reworded_in_our_catalogue():
    with translation.override("zh-hans"):
        assert translation.gettext("Some rows failed to validate") == "以下行未通过检查"

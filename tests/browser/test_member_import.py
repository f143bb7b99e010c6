"""A new organisation officer's first member import, in a real browser: the template is
downloaded, filled in (here with openpyxl, from the downloaded file), a bad row is shown at
its row with its Chinese column name and value and nothing is written; the corrected file
imports."""

import io

import openpyxl
import pytest
from playwright.sync_api import expect

from members.models import Member
from members.models.members import MemberStatus
from tests.browser.test_import_jobs import job_worker  # noqa: F401  (the fixture)
from tests.members.factories import UnionFactory, make_id_number
from yuyang_union import roles

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filled(template, rows):
    """The downloaded template with `rows` ({header: value}) under its example row."""
    book = openpyxl.load_workbook(io.BytesIO(template))
    sheet = book.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    for number, values in enumerate(rows, start=3):
        for header, value in values.items():
            sheet.cell(row=number, column=headers.index(header) + 1, value=value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _upload(page, data):
    page.goto("/admin/members/member/import/")
    page.set_input_files(
        "input[name=import_file]", files=[{"name": "会员.xlsx", "mimeType": XLSX, "buffer": data}]
    )
    page.locator("input[type=submit]").click()


@pytest.mark.usefixtures("job_worker")
def test_a_new_officer_imports_the_member_template(page, make_staff, log_in):
    UnionFactory(name="龙潭镇工会", kind="township", code="LT")
    staff = make_staff(roles.ORGANISATION, username="zuzhi_template")
    log_in(page, staff.username, next_path="/admin/members/member/import/")
    with page.expect_download() as download:
        page.get_by_role("link", name="下载导入模板").first.click()
    template = download.value.path().read_bytes()

    good = {"姓名": "冉光明", "身份证号码": make_id_number(serial=211), "所属工会": "龙潭镇工会"}
    good |= {"入会日期": "2021-03-01", "会籍状态": "在会", "是否农民工": "√"}
    bad = {**good, "姓名": "田晓红", "身份证号码": make_id_number(serial=212)}
    bad["会籍状态"] = "在岗待定"
    _upload(page, _filled(template, [good, bad]))

    errors = page.locator("table.job-errors")
    expect(errors).to_be_visible(timeout=60_000)
    row = errors.locator("tbody tr")
    expect(row).to_have_count(1)
    cells = row.locator("td")
    expect(cells.nth(0)).to_have_text("4")  # the row as Excel numbers it
    expect(cells.nth(1)).to_have_text("会籍状态")
    expect(cells.nth(2)).to_have_text("在岗待定")
    expect(cells.nth(3)).to_contain_text("在册、已转出")  # what it may be
    expect(page.get_by_role("button", name="确认导入")).to_have_count(0)
    assert Member.objects.count() == 0

    bad["会籍状态"] = "退休"
    _upload(page, _filled(template, [good, bad]))
    expect(page.locator(".job-state")).to_have_text("已检查，待确认", timeout=60_000)
    page.get_by_role("button", name="确认导入").click()
    expect(page.locator(".job-state")).to_have_text("已完成", timeout=60_000)
    assert dict(Member.objects.values_list("name", "status")) == {
        "冉光明": MemberStatus.ACTIVE,
        "田晓红": MemberStatus.RETIRED,
    }
    assert Member.objects.get(name="冉光明").is_migrant_worker

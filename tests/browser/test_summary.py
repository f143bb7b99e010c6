"""The work summary through a real browser, as a leader reads it: the figures on the page,
then both files it offers (made by a real job worker), downloaded through the page's own
buttons and opened as Excel and Word would."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.test_import_jobs import job_worker  # noqa: F401  (the fixture)
from tests.welfare.factories import WarmthGrantFactory
from yuyang_union import roles


def download_from_job_page(page, button_name):
    """Press one of the summary's file buttons, wait on the job's page until the file is
    ready, download it through its link; the file's bytes."""
    page.get_by_role("button", name=button_name).click()
    expect(page).to_have_url(re.compile(r"/jobs/[0-9a-f-]+/$"))
    expect(page.locator(".job-state")).to_have_text("已完成", timeout=60_000)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("^下载")).click()
    return download.value, download.value.path().read_bytes()


@pytest.mark.usefixtures("job_worker")
def test_a_leader_reads_the_summary_and_downloads_the_workbook_and_the_word_draft(
    page, make_staff, log_in
):
    for paid_on in (datetime.date(2020, 1, 20), datetime.date(2021, 1, 25)):
        WarmthGrantFactory(amount=Decimal("2500.00"), paid_on=paid_on)
    leader = make_staff(roles.LEADERS, username="lingdao_liulan")
    log_in(page, leader.username, next_path="/staff/summary/")
    expect(page.locator("main h1")).to_have_text("工作综述")
    funds = page.locator('tr[data-key="welfare.warmth_funds"]')
    expect(funds).to_contain_text("“送温暖”慰问金")
    expect(funds.locator(".figure-value")).to_have_text("5000元")
    visits = page.locator('tr[data-key="welfare.warmth_visits"]')
    expect(visits.locator(".figure-value")).to_have_text("2户次")
    expect(funds).to_contain_text("记录")

    # The workbook: its headings in Chinese, one column a year, the figures by year.
    download, content = download_from_job_page(page, "Excel 数据表（.xlsx）")
    assert download.suggested_filename.endswith(".xlsx")
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    header = next(row for row in rows if row and "期间合计" in row)
    # Its headings Chinese: the figure's columns, then a year a column, then the total.
    assert all(re.search("[\u4e00-\u9fff]", cell) for cell in header[:4] if cell), header
    by_label = {row[1]: row for row in rows if row and len(row) > 1}
    warmth = by_label["“送温暖”慰问金"]
    assert warmth[header.index("2020")] == 2500
    assert warmth[header.index("2021")] == 2500
    assert warmth[header.index("期间合计")] == 5000
    assert by_label["“送温暖”走访慰问"][header.index("期间合计")] == 2

    # The Word draft: the same figures in the report's words.
    page.goto("/staff/summary/")
    download, content = download_from_job_page(page, "Word 综述稿（.docx）")
    assert download.suggested_filename.endswith(".docx")
    document = Document(io.BytesIO(content))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "5000元" in text
    assert "2户次" in text
    headings = [
        paragraph.text
        for paragraph in document.paragraphs
        if paragraph.style.name in ("Title", "Heading 1", "Heading 2") and paragraph.text
    ]
    assert headings
    assert all(re.search("[\u4e00-\u9fff]", heading) for heading in headings), headings

"""A 375-px phone: no page needs sideways scrolling, the staff lists are stacked cards, each
value after its column's heading, and every page still passes axe-core as a phone shows it."""

from playwright.sync_api import expect

from tests.browser.accessibility import AccessibilityReport
from tests.browser.layout import PhoneReport, sideways_overflow, squeezed_cells
from tests.browser.records import (
    admin_changelists,
    admin_pages,
    county,
    officer_with_a_failed_import,
    public_pages,
    staff_list_pages,
    staff_pages,
)


def test_staff_lists_are_cards_on_a_phone(phone_page, log_in):
    records = county()
    officer, job_page = officer_with_a_failed_import("shouji")
    log_in(phone_page, officer.username)
    lists = {*staff_list_pages(records), job_page}
    layout, accessibility = PhoneReport(), AccessibilityReport()
    for path in [*staff_pages(records), job_page]:
        phone_page.goto(path)
        layout.check(phone_page, path, lists_expected=path in lists)
        accessibility.check(phone_page, path)
    layout.assert_clean()
    accessibility.assert_clean()


def test_public_pages_fit_a_phone(phone_page):
    layout, accessibility = PhoneReport(), AccessibilityReport()
    for path in public_pages(county()):
        phone_page.goto(path)
        layout.check(phone_page, path)
        accessibility.check(phone_page, path)
    # The menu, open.
    phone_page.goto("/")
    phone_page.get_by_text("菜单", exact=True).tap()
    expect(phone_page.locator(".site-nav")).to_be_visible()
    layout.check(phone_page, "/ (menu open)")
    accessibility.check(phone_page, "/ (menu open)")
    layout.assert_clean()
    accessibility.assert_clean()


def test_admin_pages_fit_a_phone_and_lists_scroll_inside_their_box(phone_page, log_in):
    """No admin page is wider than a phone. The changelists keep their table (too many
    columns to read as cards, and Django's own responsive style): the table scrolls inside
    its box, the page does not, and no column squeezes its text to a character a line."""
    records = county()
    officer, _job_page = officer_with_a_failed_import("shouji_admin")
    log_in(phone_page, officer.username)
    changelists = set(admin_changelists(records))
    report = PhoneReport()
    for path in admin_pages(records):
        phone_page.goto(path)
        report.check(phone_page, path)
        if path in changelists and phone_page.locator("#result_list").count():
            results_box = phone_page.locator(".results", has=phone_page.locator("#result_list"))
            assert results_box.evaluate("box => getComputedStyle(box).overflowX") == "auto", path
            assert squeezed_cells(phone_page, "#result_list td, #result_list th") == [], path
    report.assert_clean()


def test_a_list_is_a_table_again_on_a_desktop(page, log_in):
    county()
    officer, _job_page = officer_with_a_failed_import("zhuomian")
    log_in(page, officer.username)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/staff/welfare/households/")
    row = page.locator("table.list tbody tr").first
    assert row.evaluate("row => getComputedStyle(row).display") == "table-row"
    assert sideways_overflow(page) == 0

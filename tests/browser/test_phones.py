"""A 375-px phone: no page needs sideways scrolling, and the staff lists are stacked cards,
each value after its column's heading."""

from tests.browser.layout import PhoneReport, sideways_overflow, squeezed_cells
from tests.browser.records import (
    admin_changelists,
    county,
    public_pages,
    staff_list_pages,
    staff_pages,
)
from tests.members.factories import UserFactory


def test_staff_lists_are_cards_on_a_phone(phone_page, log_in):
    records = county()
    officer = UserFactory(username="shouji", is_staff=True, is_superuser=True)
    log_in(phone_page, officer.username)
    lists = set(staff_list_pages(records))
    report = PhoneReport()
    for path in staff_pages(records):
        phone_page.goto(path)
        report.check(phone_page, path, lists_expected=path in lists)
    report.assert_clean()


def test_public_pages_fit_a_phone(phone_page):
    report = PhoneReport()
    for path in public_pages(county()):
        phone_page.goto(path)
        report.check(phone_page, path)
    report.assert_clean()


def test_admin_lists_scroll_inside_their_box_on_a_phone(phone_page, log_in):
    """The admin's changelists keep their table on a phone (too many columns to read as
    cards, and Django's own responsive style): the table scrolls inside its box, the page
    does not, and no column squeezes its text to a character a line."""
    records = county()
    officer = UserFactory(username="shouji_admin", is_staff=True, is_superuser=True)
    log_in(phone_page, officer.username)
    report = PhoneReport()
    for path in admin_changelists(records):
        phone_page.goto(path)
        report.check(phone_page, path)
        # Django's own responsive admin: a wide results table scrolls inside its box.
        if phone_page.locator("#result_list").count():
            assert phone_page.evaluate(
                "getComputedStyle(document.querySelector('#result_list').closest('.results'))"
                ".overflowX"
            ) == "auto", path
            assert squeezed_cells(phone_page, "#result_list td, #result_list th") == [], path
    report.assert_clean()


def test_a_list_is_a_table_again_on_a_desktop(page, log_in):
    county()
    officer = UserFactory(username="zhuomian", is_staff=True, is_superuser=True)
    log_in(page, officer.username)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/staff/welfare/households/")
    assert page.evaluate("getComputedStyle(document.querySelector('table.list tbody tr')).display") == "table-row"
    assert sideways_overflow(page) == 0

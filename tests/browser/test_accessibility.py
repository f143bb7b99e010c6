"""WCAG 2.1 AA (GB/T 37668) through axe-core, on every public page and the main staff and
admin pages, with a small county of records on them: any violation fails, listed page by
page with its rule, the elements and what is wrong."""

from tests.browser.accessibility import AccessibilityReport
from tests.browser.records import MISSING_PAGE, admin_pages, county, public_pages, staff_pages
from tests.members.factories import UserFactory


def sweep(page, paths):
    report = AccessibilityReport()
    for path in paths:
        response = page.goto(path)
        # Each page itself, not a refusal or the login page in its place.
        assert response.status == (404 if path == MISSING_PAGE else 200), path
        assert "/accounts/login/" not in page.url or path.startswith("/accounts/"), path
        report.check(page, path)
    report.assert_clean()


def test_every_public_page_passes_axe(page):
    sweep(page, public_pages(county()))


def test_public_pages_pass_axe_on_a_phone_with_the_menu_open(phone_page):
    records = county()
    phone_page.goto("/")
    phone_page.get_by_text("菜单", exact=True).tap()
    sweep(phone_page, public_pages(records)[:1])


def test_main_staff_pages_pass_axe(page, log_in):
    records = county()
    officer = UserFactory(username="quanneng", is_staff=True, is_superuser=True)
    log_in(page, officer.username)
    sweep(page, staff_pages(records))


def test_main_admin_pages_pass_axe(page, log_in):
    records = county()
    officer = UserFactory(username="guanliyuan", is_staff=True, is_superuser=True)
    log_in(page, officer.username)
    sweep(page, admin_pages(records))

"""WCAG 2.1 AA (GB/T 37668) through axe-core, on every public page and the main staff and
admin pages, with a small county of records on them: any violation fails, listed page by
page with its rule, the elements and what is wrong. (tests/browser/test_phones.py runs it
again at 375 px.)"""

from tests.browser.accessibility import AccessibilityReport
from tests.browser.records import (
    MISSING_PAGE,
    admin_pages,
    county,
    officer_with_a_failed_import,
    public_pages,
    staff_pages,
)


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


def test_main_staff_pages_pass_axe(page, log_in):
    records = county()
    officer, job_page = officer_with_a_failed_import("quanneng")
    log_in(page, officer.username)
    sweep(page, [*staff_pages(records), job_page])


def test_main_admin_pages_pass_axe(page, log_in):
    records = county()
    officer, _job_page = officer_with_a_failed_import("guanliyuan")
    log_in(page, officer.username)
    sweep(page, admin_pages(records))

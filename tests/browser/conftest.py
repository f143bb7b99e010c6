"""Browser tests: pytest-playwright driving Debian's Chromium against pytest-django's live server.

Never downloads a browser: Chromium comes from the system (`apt-get install chromium`).
Use the `page` fixture (desktop context) or `phone_page` (375 x 812, touch), `live_url(path)`
for absolute URLs (relative paths also work: the contexts carry the live server's base URL),
and `log_in(page, username, password)` to sign in through the real login page (and, for a
staff account, through the second step with a code from its authenticator).
"""

import os

import pytest
from django.contrib.auth.models import User

from tests.sign_in import authenticator_of, current_code
from yuyang_union.accounts.verification import needs_second_factor

# Playwright's sync API runs an asyncio event loop in the test thread; Django then refuses
# database access from that thread unless told it is safe (it is: the loop is idle while the
# test body runs).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
PHONE_VIEWPORT = {"width": 375, "height": 812}
# The password every factory-made user has (tests/members/factories.py UserFactory).
FACTORY_PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"browser tests need Debian's Chromium at {CHROMIUM}: apt-get install chromium")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def base_url(live_server):
    # Replaces pytest-playwright's own `base_url` (a plugin-class method that pytest 9 warns
    # about): pages may then `goto("/path")` on the live server.
    return live_server.url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A Chinese reader's browser: Accept-Language zh-CN selects the site's zh-hans UI.
    return {**browser_context_args, "locale": "zh-CN"}


@pytest.fixture(autouse=True)
def _migrated_rows_restored(transactional_db, migrated_rows):
    """The live server only sees committed rows, so browser tests run in transactional mode,
    which empties every table after each test. Put back what migrations made (the role
    groups, the union root, ...) before each browser test."""
    migrated_rows.restore()


@pytest.fixture
def live_url(live_server):
    """live_url("/staff/") -> the absolute URL of a path on the live server."""

    def build(path="/"):
        return live_server.url + path

    return build


@pytest.fixture
def log_in(live_url):
    """log_in(page, username, password=FACTORY_PASSWORD): sign in through the login page; a
    staff account then types the code its authenticator (set up here if it has none) shows."""

    def sign_in(page, username, password=FACTORY_PASSWORD, next_path=None):
        user = User.objects.filter(username=username).first()
        # Set up before the password, so that the second step asks for a code, not enrolment.
        device = authenticator_of(user) if user and needs_second_factor(user) else None
        url = live_url("/accounts/login/")
        if next_path:
            url += f"?next={next_path}"
        page.goto(url)
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        if device is not None:
            page.fill("input[name=token]", current_code(device))
            page.locator("main form button[type=submit]").first.click()
            page.wait_for_load_state()
        return page

    return sign_in


@pytest.fixture
def phone_context(new_context):
    """A phone: 375 x 812 viewport, touch, mobile user agent behaviour."""
    return new_context(
        viewport=PHONE_VIEWPORT, is_mobile=True, has_touch=True, device_scale_factor=2
    )


@pytest.fixture
def phone_page(phone_context):
    return phone_context.new_page()

"""A staff member's first sign-in in a real browser: password, the authenticator set up from
the page's QR code (or its typed key), the recovery codes, then the staff home."""

import base64
import re

from django_otp.oath import TOTP
from playwright.sync_api import expect

from yuyang_union import roles

from .conftest import FACTORY_PASSWORD


def code_for_typed_key(typed_key):
    """What an authenticator app shows for a key typed in from the page."""
    key = typed_key.replace(" ", "")
    key += "=" * (-len(key) % 8)
    return f"{TOTP(base64.b32decode(key)).token():06d}"


def test_first_staff_sign_in_sets_up_the_authenticator(phone_page, make_staff, live_url):
    page = phone_page
    staff = make_staff(roles.WELFARE, username="wangfang")
    page.goto(live_url("/accounts/login/?next=/staff/"))
    page.fill("input[name=username]", staff.username)
    page.fill("input[name=password]", FACTORY_PASSWORD)
    page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/accounts/two-factor/setup/\?next="))
    qr_code = page.locator(".qr-code svg")
    expect(qr_code).to_be_visible()
    box = qr_code.bounding_box()
    assert box["width"] >= 150, "big enough to scan from the screen"
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    page.fill("input[name=token]", code_for_typed_key(page.locator("code.secret").inner_text()))
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("main h1")).to_have_text("您的恢复码")
    expect(page.locator(".recovery-codes li")).to_have_count(10)

    page.get_by_role("link", name="我已保存，继续").click()
    expect(page).to_have_url(live_url("/staff/"))
    expect(page.locator("main h1")).to_have_text("工作台")

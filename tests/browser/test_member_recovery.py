"""A member on a 375-px phone: signs in with the phone number, forgets the password, gets a
code by text message, sets a new one and signs in with it. Every step fits the screen and
passes axe-core."""

import re

from playwright.sync_api import expect

from tests.browser.accessibility import AccessibilityReport
from tests.browser.layout import sideways_overflow
from tests.members.factories import MemberFactory, UserFactory
from yuyang_union import sms

PHONE = "13912345678"
OLD_PASSWORD = "correct horse battery staple"  # UserFactory's
NEW_PASSWORD = "Taohuayuan-2026-miao"


def test_member_signs_in_by_phone_and_recovers_a_forgotten_password(phone_page, live_url):
    MemberFactory(name="冉晓梅", phone=PHONE, user=UserFactory(username="冉晓梅"))
    page = phone_page
    accessibility = AccessibilityReport()

    def step(name):
        assert sideways_overflow(page) == 0, name
        accessibility.check(page, name)

    # Signs in with the phone number, from "my events".
    page.goto(live_url("/events/mine/"))
    page.locator("main").get_by_role("link", name="登录").tap()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/events/mine/"))
    page.get_by_label("手机号或登录名").fill(PHONE)
    page.get_by_label("密码").fill(OLD_PASSWORD)
    step("login")
    page.locator("main form button[type=submit]").tap()
    expect(page).to_have_url(live_url("/events/mine/"))
    expect(page.locator(".membership")).to_contain_text("139****5678")
    page.context.clear_cookies()

    # Later the password is gone from memory: a wrong one, then the way out.
    page.goto(live_url("/accounts/login/?next=/events/mine/"))
    page.get_by_label("手机号或登录名").fill(PHONE)
    page.get_by_label("密码").fill("Wrong-password-2026")
    page.locator("main form button[type=submit]").tap()
    expect(page.locator("main [role=alert], main .errorlist").first).to_be_visible()
    step("login refused")
    page.get_by_role("link", name="忘记密码？").tap()
    expect(page.locator("main h1")).to_have_text("忘记密码？")
    step("recover")
    page.locator("input[name=login]").fill("139 1234 5678")
    page.get_by_role("button", name="获取验证码").tap()

    # The code comes by text message to the phone on the roster.
    expect(page).to_have_url(live_url("/accounts/recover/code/"))
    expect(page.locator("main h1")).to_have_text("设置新密码")
    assert [message.phone for message in sms.outbox] == [PHONE]
    code = re.search(r"\b(\d{6})\b", sms.outbox[0].message)[1]
    page.locator("input[name=code]").fill(code)
    page.locator("input[name=password1]").fill(NEW_PASSWORD)
    page.locator("input[name=password2]").fill(NEW_PASSWORD)
    step("recover code")
    page.get_by_role("button", name="设置新密码").tap()

    # Told to sign in with the new password, not signed in.
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.locator(".messages")).to_contain_text("新密码已设置，请用新密码登录。")
    step("password set")
    page.get_by_label("手机号或登录名").fill(PHONE)
    page.get_by_label("密码").fill(NEW_PASSWORD)
    page.locator("main form button[type=submit]").tap()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    page.goto(live_url("/events/mine/"))
    expect(page.locator(".membership")).to_contain_text("139****5678")
    step("my events")
    accessibility.assert_clean()

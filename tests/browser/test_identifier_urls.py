"""No ID number or phone in the server's access log: searches, pickers and activation post.

The live server's request handler logs nothing by default; here it writes its access log
(the request line of every request, as a production server logs it) to a list, which the test
reads after searching the member list by ID number and by phone, picking a member by phone in
the transfer form, activating an account, asking for a recovery code and signing in by phone.
"""

import re

import pytest
from django.core.servers.basehttp import WSGIRequestHandler
from playwright.sync_api import expect

from tests.members.factories import MemberFactory
from yuyang_union import roles, sms

PASSWORD = "Zhigong-2026-mima"


@pytest.fixture
def access_log(monkeypatch):
    from django.test.testcases import QuietWSGIRequestHandler

    lines = []

    def log_message(handler, format, *args):
        lines.append(format % args)

    monkeypatch.setattr(QuietWSGIRequestHandler, "log_message", log_message)
    assert issubclass(QuietWSGIRequestHandler, WSGIRequestHandler)
    return lines


def test_searches_pickers_and_activation_keep_numbers_out_of_urls(
    page, new_context, make_staff, log_in, live_url, access_log
):
    member = MemberFactory(name="冉搜索", phone="13912340077")
    log_in(page, make_staff(roles.ORGANISATION).username)

    # The member list, searched by ID number, then by phone.
    for number in (member.id_number, member.phone):
        page.goto(live_url("/admin/members/member/"))
        page.fill("#searchbar", number)
        page.press("#searchbar", "Enter")
        page.wait_for_load_state()
        expect(page.locator("#result_list")).to_contain_text("冉搜索")
        assert "sq=" in page.url

    # The member picker of a transfer, typed into with the phone.
    page.goto(live_url("/admin/members/membershiptransfer/add/"))
    page.locator(".field-member .select2-selection").click()
    page.locator(".select2-search__field").fill(member.phone)
    expect(page.locator(".select2-results__option").first).to_contain_text("冉搜索")

    # Activation and recovery, by a visitor: the steps post, the state stays in the session.
    visitor = new_context().new_page()
    visitor.goto(live_url("/accounts/activate/"))
    visitor.fill("input[name=name]", "冉搜索")
    visitor.fill("input[name=id_number]", member.id_number)
    visitor.fill("input[name=phone]", member.phone)
    visitor.get_by_role("button", name="获取验证码").click()
    expect(visitor).to_have_url(re.compile("/accounts/activate/code/$"))
    visitor.fill("input[name=code]", re.search(r"\d{6}", sms.outbox[-1].message)[0])
    visitor.fill("input[name=username]", "ransousuo")
    visitor.fill("input[name=password1]", PASSWORD)
    visitor.fill("input[name=password2]", PASSWORD)
    visitor.get_by_role("button", name="激活").click()
    expect(visitor).to_have_url(re.compile("/events/mine/"))
    visitor.locator("form[action='/accounts/logout/'] button").click()
    visitor.goto(live_url("/accounts/recover/"))
    visitor.fill("input[name=login]", member.phone)
    visitor.get_by_role("button", name="获取验证码").click()
    expect(visitor).to_have_url(re.compile("/accounts/recover/code/$"))
    visitor.goto(live_url("/accounts/login/"))
    visitor.fill("input[name=username]", member.phone)
    visitor.fill("input[name=password]", PASSWORD)
    visitor.locator("main form button[type=submit]").click()
    expect(visitor).to_have_url(live_url("/"))

    # A number typed into a list's GET filter (here the public event list's title box) is
    # stopped in the browser, with a message, before it reaches a URL.
    visitor.goto(live_url("/events/"))
    visitor.locator(".filters-box summary").click()
    visitor.fill("input[name=q]", member.phone)
    visitor.press("input[name=q]", "Enter")
    visitor.wait_for_timeout(300)
    assert member.phone not in visitor.url
    assert "按姓名查找" in visitor.evaluate(
        "document.querySelector('input[name=q]').validationMessage"
    )

    log = "\n".join(access_log)
    # The log is the real one: it holds the searches' tokens and the picker's posts.
    assert "sq=" in log
    assert "POST /admin/autocomplete/" in log
    for number in (member.id_number, member.phone, member.phone[-8:], member.id_number[6:14]):
        assert number not in log

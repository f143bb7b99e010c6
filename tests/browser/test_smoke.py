"""Smoke test through a real browser: home page, staff login, phone navigation."""

import re

from playwright.sync_api import expect

from yuyang_union import roles


def test_home_page_shows_the_federation_in_chinese(page, live_url):
    page.goto(live_url("/"))
    expect(page.locator("header .brand")).to_contain_text("酉阳县总工会")
    expect(page.locator("footer")).to_contain_text("12351")
    expect(page).to_have_title(re.compile("酉阳县总工会"))


def test_staff_user_logs_in_and_sees_the_staff_home(page, make_staff, log_in, live_url):
    staff = make_staff(roles.ORGANISATION, username="zhangsan")
    page.goto(live_url("/staff/"))
    # Anonymous: sent to the login page first.
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/staff/"))
    log_in(page, staff.username, next_path="/staff/")
    expect(page).to_have_url(live_url("/staff/"))
    expect(page.locator("main h1")).to_have_text("工作台")
    expect(page.locator("main")).to_contain_text("zhangsan")


def test_phone_navigation_opens_with_the_menu_button(phone_page, live_url):
    phone_page.goto(live_url("/"))
    login_link = phone_page.locator(".site-nav").get_by_role("link", name="登录")
    # On a phone the navigation is folded away behind 菜单 until tapped.
    expect(login_link).to_be_hidden()
    phone_page.get_by_text("菜单", exact=True).tap()
    expect(login_link).to_be_visible()
    # Nothing wider than the screen: no sideways scrolling on a phone.
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375


def test_desktop_shows_the_navigation_without_a_menu_button(page, live_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_url("/"))
    expect(page.get_by_text("菜单", exact=True)).to_be_hidden()
    expect(page.locator(".site-nav").get_by_role("link", name="登录")).to_be_visible()

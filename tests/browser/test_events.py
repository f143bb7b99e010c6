"""A member on a phone: finds an event, activates an account with a texted code, signs in
again with the phone number, signs up, sees it under "my events", and cancels."""

import re

from playwright.sync_api import expect

from events.models import Registration, RegistrationStatus
from tests.events.factories import EventFactory, PastEventFactory
from tests.members.factories import MemberFactory
from yuyang_union import sms
from yuyang_union.history.actors import system_actor

PASSWORD = "Youyang-2022-tujia"


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_member_finds_an_event_activates_signs_up_and_cancels(phone_page, live_url):
    member = MemberFactory(name="冉小梅", phone="13912345678")
    event = EventFactory(title="职工公益体检", capacity=10, place="县人民医院")
    PastEventFactory(title="送法进企业")
    page = phone_page

    # Browse: the upcoming list, then the event page.
    page.goto(live_url("/events/"))
    expect(page.locator("main h1")).to_have_text("近期活动")
    no_sideways_scroll(page)
    page.get_by_role("link", name=re.compile("职工公益体检")).tap()
    expect(page.locator("main h1")).to_have_text("职工公益体检")
    expect(page.locator(".signup")).to_contain_text("还剩 10 个名额")
    no_sideways_scroll(page)

    # Activate an account from the event page's link: who they are, then the texted code.
    page.get_by_role("link", name="还没有账号？激活会员账号。").tap()
    page.fill("input[name=name]", "冉小梅")
    page.fill("input[name=id_number]", member.id_number)
    page.fill("input[name=phone]", "139 1234 5678")
    no_sideways_scroll(page)
    page.get_by_role("button", name="获取验证码").tap()
    expect(page).to_have_url(live_url("/accounts/activate/code/"))
    expect(page.locator(".notice")).to_contain_text("验证码已发送到该手机")
    assert [message.phone for message in sms.outbox] == ["13912345678"]
    code = re.search(r"\d{6}", sms.outbox[0].message)[0]
    page.fill("input[name=code]", code)
    page.fill("input[name=username]", "冉小梅")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    no_sideways_scroll(page)
    page.get_by_role("button", name="激活").tap()
    expect(page).to_have_url(live_url("/events/mine/"))
    expect(page.locator(".messages")).to_contain_text("您的账号已激活")
    expect(page.locator(".membership")).to_contain_text("139****5678")

    # Later, their session over, they sign in with the phone number.
    page.context.clear_cookies()
    page.goto(live_url("/accounts/login/?next=/events/mine/"))
    expect(page.locator("label[for=id_username]")).to_contain_text("手机号或登录名")
    page.fill("input[name=username]", "13912345678")
    page.fill("input[name=password]", PASSWORD)
    no_sideways_scroll(page)
    page.locator("main form button[type=submit]").tap()
    expect(page).to_have_url(live_url("/events/mine/"))
    expect(page.locator(".membership")).to_contain_text("139****5678")

    # Sign up.
    page.goto(live_url(event.get_absolute_url()))
    page.get_by_role("button", name="我要报名").tap()
    expect(page.locator(".messages")).to_contain_text("报名成功")
    expect(page.locator(".signup")).to_contain_text("还剩 9 个名额")
    expect(page.locator(".signup")).to_contain_text("您已报名")

    # My events: the sign-up is there; cancel it.
    page.goto(live_url("/events/mine/"))
    registration_card = page.locator(".registration", has_text="职工公益体检")
    expect(registration_card).to_contain_text("已报名")
    no_sideways_scroll(page)
    registration_card.get_by_role("button", name="取消报名").tap()
    expect(page).to_have_url(live_url("/events/mine/"))
    expect(page.locator(".messages")).to_contain_text("已取消报名")
    expect(page.locator(".registration", has_text="职工公益体检")).to_contain_text("已取消")
    assert Registration.objects.get(member=member).status == RegistrationStatus.CANCELLED


def test_past_events_show_the_write_up_and_gallery_on_a_phone(phone_page, live_url):
    PastEventFactory(title="送法进企业", body="2022年6月23日，县总工会开展送法进企业活动。")
    phone_page.goto(live_url("/events/?when=past"))
    phone_page.get_by_role("link", name=re.compile("送法进企业")).tap()
    expect(phone_page.locator(".event-body")).to_contain_text("活动报道")
    expect(phone_page.locator(".event-body")).to_contain_text("送法进企业活动")
    no_sideways_scroll(phone_page)


def test_staff_check_in_attendees_on_a_phone(phone_page, live_url, make_staff, log_in):
    from events import services
    from yuyang_union import roles

    event = EventFactory(title="职工心理健康讲座")
    for name in ["冉一", "田二"]:
        services.sign_up(actor=system_actor(), event=event, member=MemberFactory(name=name))
    staff = make_staff(roles.EVENTS)
    log_in(phone_page, staff.username)
    phone_page.goto(live_url(f"/staff/events/{event.pk}/check-in/"))
    expect(phone_page.locator(".check-in-counts")).to_have_text("已签到 0 人，共 2 人报名")
    phone_page.locator(".check-in-row", has_text="田二").get_by_role("button", name="签到").tap()
    expect(phone_page.locator(".check-in-counts")).to_have_text("已签到 1 人，共 2 人报名")
    expect(phone_page.locator(".check-in-row.done")).to_contain_text("田二")
    no_sideways_scroll(phone_page)

"""Welfare through a real browser: the service-site page on a phone, bulk approval."""

import datetime
import re

from playwright.sync_api import expect

from tests.welfare.factories import GrantFactory, HouseholdFactory, ServiceSiteFactory
from welfare.models import Grant, GrantState
from yuyang_union import roles


def test_service_sites_on_a_phone(phone_page, live_url):
    site = ServiceSiteFactory(
        name="桃花源街道户外劳动者服务站点",
        kind="outdoor_station",
        opening_hours="8:00–20:00",
        facilities="饮用水、休息座椅、充电",
    )
    phone_page.goto(live_url("/service-sites/"))
    expect(phone_page.locator("main h1")).to_have_text("服务阵地")
    # The township's sites, chosen from the list that counts them.
    phone_page.get_by_label("乡镇（街道）").select_option(label=f"{site.township.name}（1）")
    phone_page.get_by_role("button", name="查询").tap()
    expect(phone_page).to_have_url(re.compile(rf"township={site.township.pk}"))
    expect(phone_page.locator("main")).to_contain_text("桃花源街道户外劳动者服务站点")
    expect(phone_page.locator("main")).to_contain_text("8:00–20:00")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375


def test_welfare_staff_approve_grants_in_bulk(page, make_staff, log_in, live_url):
    staff = make_staff(roles.WELFARE, username="bangfu_test")
    grants = [
        GrantFactory(household=HouseholdFactory(registered_on=datetime.date(2025, 1, 1)))
        for _n in range(3)
    ]
    log_in(page, staff.username, next_path="/staff/welfare/grants/approval/")
    expect(page.locator("main h1")).to_have_text("帮扶资金审批")
    # Nothing starts ticked: the officer ticks what they mean to approve.
    boxes = page.locator('input[type="checkbox"][name="grant"]')
    expect(boxes).to_have_count(3)
    for index in range(3):
        expect(boxes.nth(index)).not_to_be_checked()
        boxes.nth(index).check()
    page.get_by_role("button", name="审批所选").click()
    # The confirmation states the count and the total before anything changes.
    expect(page.locator("main")).to_contain_text("即将审批通过 3 条记录，合计 6,000.00元")
    assert set(
        Grant.objects.filter(pk__in=[g.pk for g in grants]).values_list("state", flat=True)
    ) == {GrantState.PROPOSED}
    page.get_by_role("button", name="确定，审批通过").click()
    expect(page.locator(".messages")).to_contain_text("已审批 3 条记录")
    assert set(
        Grant.objects.filter(pk__in=[g.pk for g in grants]).values_list("state", flat=True)
    ) == {GrantState.APPROVED}

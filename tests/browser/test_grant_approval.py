"""Money moves in two steps, in a real browser: the staff approval page and the admin's
action each show what would change (count, total, entries) and act only on confirmation."""

import datetime

from playwright.sync_api import expect

from tests.members.factories import MemberFactory
from tests.welfare.factories import GrantFactory, HouseholdFactory
from welfare.models import Grant, GrantState
from yuyang_union import roles


def grant_for(name, amount):
    head = MemberFactory(name=name)
    household = HouseholdFactory(head=head, registered_on=datetime.date(2025, 1, 1))
    return GrantFactory(household=household, amount=amount)


def state_of(grant):
    return Grant.objects.get(pk=grant.pk).state


def test_approve_one_grant_go_back_then_confirm_and_pay(page, make_staff, log_in):
    staff = make_staff(roles.WELFARE, username="bangfu_approval")
    chosen = grant_for("冉春花", "1500.00")
    left = grant_for("田秋月", "800.00")
    log_in(page, staff.username, next_path="/staff/welfare/grants/approval/")
    expect(page.locator("main h1")).to_have_text("帮扶资金审批")
    row = page.locator("tr", has_text="冉春花")
    row.get_by_role("checkbox").check()
    page.get_by_role("button", name="审批所选").first.click()

    # The question: one entry, its total, its beneficiary; nothing has changed yet.
    expect(page.locator("main h1")).to_have_text("确认审批")
    expect(page.locator("main")).to_contain_text("即将审批通过 1 条记录，合计 1,500.00元")
    expect(page.locator("main table")).to_contain_text("冉春花")
    expect(page.locator("main table")).not_to_contain_text("田秋月")
    assert state_of(chosen) == GrantState.PROPOSED
    page.get_by_role("link", name="不，返回").click()
    expect(page.locator("main h1")).to_have_text("帮扶资金审批")
    assert state_of(chosen) == GrantState.PROPOSED

    page.locator("tr", has_text="冉春花").get_by_role("checkbox").check()
    page.get_by_role("button", name="审批所选").first.click()
    page.get_by_role("button", name="确定，审批通过").click()
    expect(page.locator(".messages")).to_contain_text("已审批 1 条记录")
    assert state_of(chosen) == GrantState.APPROVED
    assert state_of(left) == GrantState.PROPOSED

    # Paying is the same two steps, with the payment date in the question.
    page.locator("tr", has_text="冉春花").get_by_role("checkbox").check()
    page.get_by_role("button", name="将所选标记为已发放").click()
    expect(page.locator("main")).to_contain_text("即将把 1 条记录标记为于")
    assert state_of(chosen) == GrantState.APPROVED
    page.get_by_role("button", name="确定，标记为已发放").click()
    expect(page.locator(".messages")).to_contain_text("已将 1 条记录标记为已发放")
    assert state_of(chosen) == GrantState.PAID


def test_the_admin_action_asks_before_approving(page, make_staff, log_in):
    staff = make_staff(roles.WELFARE, username="bangfu_admin")
    grants = [grant_for("杨金凤", "1200.00"), grant_for("石银花", "300.00")]
    log_in(page, staff.username, next_path="/admin/welfare/grant/")
    for grant in grants:
        page.locator(f'input[name="_selected_action"][value="{grant.pk}"]').check()
    page.locator('select[name="action"]').select_option("approve_selected")
    page.locator('button[name="index"]').click()

    expect(page.locator("#content")).to_contain_text("即将审批通过 2 条记录，合计 1,500.00元")
    expect(page.locator("#content table")).to_contain_text("杨金凤")
    assert {state_of(g) for g in grants} == {GrantState.PROPOSED}
    page.get_by_role("button", name="确定，审批通过").click()
    expect(page.locator(".messagelist")).to_contain_text("已审批 2 条记录")
    assert {state_of(g) for g in grants} == {GrantState.APPROVED}

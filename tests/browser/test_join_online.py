"""入会申请 on a 375-px phone: a courier without a workplace union joins from the home page,
the township union's officer approves, and the courier reads the decision with the link to
activate their account. And an officer sees only their subtree's applications."""

from playwright.sync_api import expect

from members.models import Member
from tests.browser.accessibility import AccessibilityReport
from tests.browser.layout import sideways_overflow
from tests.members.factories import TownshipFactory, UnionFactory, make_join_application
from yuyang_union import roles
from yuyang_union.applications.models import Application

ID_NUMBER = "50024219960301123X"
PHONE = "13912345678"


def _township_unions():
    township = TownshipFactory(name="龙潭镇")
    town = UnionFactory(name="龙潭镇总工会", kind="township", township=township)
    joint = UnionFactory(
        name="龙潭镇快递行业联合工会", kind="joint", parent=town, township=township
    )
    return township, town, joint


def test_a_courier_joins_on_a_phone_and_the_township_officer_approves(
    phone_page, page, live_url, log_in, make_staff
):
    _township, town, joint = _township_unions()
    officer = make_staff(roles.GRASSROOTS_OFFICERS, union=town, username="jiceng_join")
    requests = []
    phone_page.on("request", lambda request: requests.append(request.url))

    # The courier, from the home page.
    phone_page.goto(live_url("/"))
    phone_page.get_by_role("link", name="申请入会").first.click()
    expect(phone_page.locator("main h1")).to_have_text("入会申请")
    form = phone_page.locator("main form.form")
    form.locator("input[name=name]").fill("向小勇")
    form.locator("input[name=id_number]").fill(ID_NUMBER)
    form.locator("input[name=phone]").fill(PHONE)
    form.locator("input[name=no_employer]").check()
    form.locator("input[name=platform_name]").fill("顺丰")
    form.locator("select[name=township]").select_option(label="龙潭镇")
    form.locator("input[name=occupation]").fill("快递员")
    form.locator("select[name=employment_group]").select_option("courier")
    form.locator("input[name=consent]").check()
    assert not sideways_overflow(phone_page)
    form.get_by_role("button", name="提交申请").click()
    # The separate consent is still needed: said at its box, nothing saved, nothing lost.
    report = AccessibilityReport()
    expect(form.locator(".has-error")).to_have_count(1)
    report.check(phone_page, "/apply/join/ (an error)")
    assert not Application.objects.exists()
    expect(form.locator("input[name=occupation]")).to_have_value("快递员")
    form.locator("input[name=id_number]").fill(ID_NUMBER)
    form.locator("input[name=sensitive_consent]").check()
    form.get_by_role("button", name="提交申请").click()

    expect(phone_page.locator("main h1")).to_have_text("申请已提交")
    application = Application.objects.get()
    expect(phone_page.locator("main")).to_contain_text(application.number)
    expect(phone_page.locator("main")).to_contain_text(joint.name)
    assert not sideways_overflow(phone_page)
    assert not any(ID_NUMBER in url or PHONE in url for url in requests)

    # The township union's officer approves, from the application's staff page.
    log_in(page, officer.username, next_path=f"/staff/applications/{application.pk}/")
    page.get_by_role("link", name="批准入会并登记会员").click()
    expect(page.locator("main")).to_contain_text("500242********123X")
    report.check(page, "the approval page")
    report.assert_clean()
    expect(page.locator("main")).not_to_contain_text(ID_NUMBER)
    page.get_by_role("button", name="批准入会并登记会员").click()
    expect(page.locator(".messages")).to_contain_text("已成为龙潭镇快递行业联合工会会员")
    member = Member.objects.with_id_number(ID_NUMBER).get()
    assert member.union == joint

    # The courier looks the application up and reads it approved, with the activation link.
    phone_page.goto(live_url("/apply/status/"))
    lookup = phone_page.locator("main form.form")
    lookup.locator("input[name=number]").fill(application.number)
    lookup.locator("input[name=phone]").fill(PHONE)
    lookup.locator("button[type=submit]").click()
    expect(phone_page.locator("main")).to_contain_text("已批准")
    activate = phone_page.locator("main a[href='/accounts/activate/']")
    expect(activate).to_be_visible()
    assert not sideways_overflow(phone_page)


def test_an_officer_sees_only_their_subtrees_applications(page, log_in, make_staff):
    township, town, _joint = _township_unions()
    other_township = TownshipFactory(name="麻旺镇")
    UnionFactory(name="麻旺镇总工会", kind="township", township=other_township)
    mine = make_join_application(township=township, name="向小勇")
    theirs = make_join_application(township=other_township, name="田晓红", ip_address="192.0.2.2")
    officer = make_staff(roles.GRASSROOTS_OFFICERS, union=town, username="jiceng_inbox")

    log_in(page, officer.username, next_path="/staff/applications/")
    inbox = page.locator("main table")
    expect(inbox).to_contain_text(mine.number)
    expect(inbox).to_contain_text("向小勇")
    expect(inbox).not_to_contain_text(theirs.number)
    expect(inbox).not_to_contain_text("田晓红")

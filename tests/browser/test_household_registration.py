"""A welfare officer registers a hardship household in a real browser: the head found with
the search picker by part of the name, the union preset from the head, causes ticked."""

from playwright.sync_api import expect

from tests.members.factories import MemberFactory, UnionFactory
from welfare.models import HardshipHousehold
from yuyang_union import roles


def test_register_a_household_with_the_picker(page, make_staff, log_in):
    staff = make_staff(roles.WELFARE, username="bangfu_household")
    union = UnionFactory(name="龙潭镇某厂工会")
    head = MemberFactory(name="冉小红", union=union)
    MemberFactory(name="田大红", union=UnionFactory(name="麻旺镇工会"))
    log_in(page, staff.username, next_path="/staff/welfare/households/new/")
    expect(page.locator("main h1")).to_have_text("困难职工建档")

    head_box = page.get_by_role("combobox", name="户主")
    head_box.fill("小红")
    found = page.locator("#id_head_list").get_by_role("option")
    expect(found).to_have_count(1)  # 田大红 does not hold 小红
    option = found.filter(has_text="冉小红")
    option.click()
    expect(head_box).to_have_value(f"冉小红（{head.id_number_masked}，龙潭镇某厂工会）")
    # The registering union is preset from the head, and stays changeable.
    union_box = page.get_by_role("combobox", name="建档工会")
    expect(union_box).to_have_value("龙潭镇某厂工会")
    expect(page.locator('input[type=hidden][name="union"]')).to_have_value(str(union.pk))

    page.get_by_label("困难类别").select_option(label="深度困难")
    page.get_by_role("checkbox", name="患病").check()
    page.get_by_role("checkbox", name="子女就学").check()
    page.get_by_label("家庭人口").fill("4")
    page.get_by_role("button", name="建档").click()

    expect(page.locator(".messages")).to_contain_text("困难职工档案已建立")
    household = HardshipHousehold.objects.get(head=head)
    assert household.union == union
    assert household.causes == ["illness", "schooling"]
    assert household.household_size == 4
    assert household.registered_by == staff


def test_the_keyboard_chooses_and_the_id_number_never_reaches_a_url(page, make_staff, log_in):
    staff = make_staff(roles.WELFARE, username="bangfu_keyboard")
    head = MemberFactory(name="白冬梅")
    requests = []
    page.on("request", lambda request: requests.append(request))
    log_in(page, staff.username, next_path="/staff/welfare/households/new/")
    head_box = page.get_by_role("combobox", name="户主")
    head_box.fill(head.id_number)
    expect(page.locator("#id_head_list").get_by_role("option")).to_have_count(1)
    head_box.press("ArrowDown")
    head_box.press("Enter")
    expect(head_box).to_have_value(f"白冬梅（{head.id_number_masked}，{head.union.name}）")
    expect(page.get_by_role("combobox", name="建档工会")).to_have_value(head.union.name)
    searches = [r for r in requests if "/staff/pick/" in r.url]
    assert searches
    assert all(r.method == "POST" for r in searches)
    assert not any(head.id_number in r.url for r in requests)

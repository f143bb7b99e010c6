"""Rights-protection staff register a group legal-aid case from a phone (375 px)."""

from playwright.sync_api import expect

from legal_aid.models import Case
from tests.members.factories import EmployerFactory, MemberFactory, make_id_number
from yuyang_union import roles


def test_legal_staff_register_a_group_case_on_a_phone(phone_page, make_staff, log_in):
    staff = make_staff(roles.LEGAL, username="falv_phone")
    employer = EmployerFactory(name="桃花源旅游开发有限公司")
    member = MemberFactory(name="冉小明")
    log_in(phone_page, staff.username, next_path="/staff/legal/cases/new/")
    expect(phone_page.locator("main h1")).to_have_text("登记案件")
    phone_page.select_option("#id_kind", "legal_aid")
    phone_page.fill("#id_employer_lookup", "桃花源旅")
    phone_page.select_option("#id_matter", "wages")
    phone_page.fill("#id_workers_involved", "5")
    for _n in range(2):
        phone_page.get_by_role("button", name="添加申请人").tap()
    assert phone_page.locator("#id_applicants-TOTAL_FORMS").input_value() == "5"
    ids = [member.id_number] + [make_id_number() for _n in range(4)]
    for index, number in enumerate(ids):
        phone_page.fill(f"#id_applicants-{index}-id_number", number)
        if index:
            phone_page.fill(f"#id_applicants-{index}-name", f"工人{index}")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    phone_page.get_by_role("button", name="登记案件").tap()
    expect(phone_page.locator("main h1")).to_contain_text("援〔")
    case = Case.objects.get()
    assert case.applicants.count() == 5
    assert case.respondent == employer

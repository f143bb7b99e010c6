"""Issue 18 on a 375-px phone: a member asks for legal aid with a photo attached, the legal
officer registers the case from it, the member follows it to the case (办理中), and, once the
case is closed, reads 已办结."""

import io
from decimal import Decimal

from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from legal_aid import services
from legal_aid.models import Case
from tests.members.factories import EmployerFactory, MemberFactory, UnionFactory, UserFactory
from yuyang_union import roles
from yuyang_union.applications.models import Application


def photo_file(tmp_path):
    path = tmp_path / "欠薪条.jpg"
    out = io.BytesIO()
    Image.new("RGB", (120, 90), "white").save(out, format="JPEG")
    path.write_bytes(out.getvalue())
    return path


def fits_the_phone(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_a_member_asks_for_legal_aid_and_follows_it_to_the_case(
    phone_page, page, make_staff, log_in, tmp_path, settings
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    union = UnionFactory(name="钟多街道联合工会")
    EmployerFactory(name="酉阳县顺达快递有限公司", union=union)
    member = MemberFactory(
        name="冉晓梅", union=union, user=UserFactory(username="huiyuan_phone"), employer=None
    )
    officer = make_staff(roles.LEGAL, username="falv_desk")

    # The member asks, on the phone.
    log_in(phone_page, member.user.username, next_path="/apply/")
    phone_page.get_by_role("link", name="法律援助申请").tap()
    expect(phone_page.locator("main h1")).to_have_text("申请法律援助")
    phone_page.select_option("#id_matter", "wages")
    phone_page.fill("#id_what_happened", "在快递站分拣两个月，工资一直没发。")
    phone_page.locator("#id_employer_lookup").press_sequentially("顺达快递")
    phone_page.get_by_role("option", name="酉阳县顺达快递有限公司").tap()
    phone_page.fill("#id_amount_owed", "7600")
    phone_page.fill("#id_workers_affected", "2")
    phone_page.set_input_files("#id_documents", str(photo_file(tmp_path)))
    phone_page.check("#id_consent")
    phone_page.check("#id_sensitive_consent")
    fits_the_phone(phone_page)
    phone_page.get_by_role("button", name="提交申请").tap()
    expect(phone_page.locator("main h1")).to_contain_text("法援申〔")
    application = Application.objects.get()
    assert application.documents.count() == 1
    assert application.legal_help.employer.name == "酉阳县顺达快递有限公司"
    fits_the_phone(phone_page)

    # The legal officer opens it and registers the case from it.
    log_in(page, officer.username, next_path=f"/staff/applications/{application.pk}/")
    expect(page.locator("main")).to_contain_text("在快递站分拣两个月")
    page.get_by_role("link", name="立案受理").click()
    expect(page.locator("main h1")).to_have_text("依申请立案")
    expect(page.locator("#id_amount_claimed")).to_have_value("7600.00")
    page.get_by_role("button", name="登记案件").click()
    expect(page.locator("main h1")).to_contain_text("援〔")
    case = Case.objects.get()

    # The member follows it on their page: in hand, with the case's reference.
    phone_page.goto("/me/applications/")
    expect(phone_page.locator("main")).to_contain_text("办理中")
    phone_page.get_by_role("link", name=application.number).tap()
    expect(phone_page.locator("main")).to_contain_text(case.reference)
    expect(phone_page.locator("main")).to_contain_text("已立案")
    fits_the_phone(phone_page)

    # The case is settled and closed: the member reads 已办结 and what was recovered.
    for status in ("accepted", "arbitration"):
        services.move_case(actor=officer, case=case, to_status=status)
    services.move_case(
        actor=officer,
        case=case,
        to_status="settled",
        amount_recovered=Decimal("7600.00"),
        on=timezone.localdate(),
    )
    services.move_case(actor=officer, case=case, to_status="closed")
    phone_page.goto("/me/applications/")
    expect(phone_page.locator("main")).to_contain_text("已办结")
    phone_page.get_by_role("link", name=application.number).tap()
    expect(phone_page.locator("main")).to_contain_text("追回劳动经济权益7,600.00元")
    fits_the_phone(phone_page)

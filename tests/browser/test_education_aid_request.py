"""金秋助学 from a phone (issue 18): a member applies for a child with the admission letter,
welfare staff propose the aid from the request and approve it, and the member reads the
decision, with the amount, on 我的申请."""

import io

from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from tests.browser.layout import sideways_overflow
from tests.members.factories import MemberFactory, UserFactory, make_id_number
from tests.welfare.factories import CampaignFactory
from welfare.models import CampaignKind, EducationAid
from yuyang_union import roles
from yuyang_union.applications.models import Application, ApplicationStatus


def admission_letter_png():
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), (178, 34, 34)).save(buffer, format="PNG")
    return {"name": "录取通知书.png", "mimeType": "image/png", "buffer": buffer.getvalue()}


def test_a_member_applies_for_education_aid_and_reads_the_decision(
    phone_page, page, make_staff, log_in
):
    member = MemberFactory(name="冉秀英", user=UserFactory(username="ranxiuying"))
    campaign = CampaignFactory(
        kind=CampaignKind.EDUCATION,
        year=timezone.localdate().year,
        name=f"{timezone.localdate().year}年金秋助学",
    )
    student_id = make_id_number(birth=timezone.localdate().replace(year=2008, day=1))

    # The member, on a phone.
    log_in(phone_page, member.user.username, next_path="/apply/education-aid/")
    expect(phone_page.locator("main h1")).to_have_text("申请金秋助学")
    assert sideways_overflow(phone_page) == 0
    phone_page.fill("input[name=student_name]", "冉小龙")
    phone_page.fill("input[name=student_id_number]", student_id)
    phone_page.fill("input[name=school]", "重庆大学")
    phone_page.select_option("select[name=level]", "university")
    phone_page.set_input_files("input[name=admission_letter]", admission_letter_png())
    phone_page.check("input[name=consent]")
    phone_page.check("input[name=sensitive_consent]")
    phone_page.get_by_role("button", name="提交申请").click()
    application = Application.objects.get(applicant=member)
    expect(phone_page.locator("main h1")).to_have_text(application.number)
    expect(phone_page.locator("main")).to_contain_text("冉小龙")
    expect(phone_page.locator("main")).not_to_contain_text(student_id)
    expect(phone_page.locator("main")).to_contain_text("录取通知书")

    # Welfare staff propose the aid from the request, then approve it.
    staff = make_staff(roles.WELFARE, username="bangfu_request")
    log_in(page, staff.username, next_path=f"/staff/applications/{application.pk}/")
    page.get_by_role("link", name="提出助学金建议").click()
    expect(page.locator("main h1")).to_have_text("提出助学金建议")
    page.select_option("select[name=campaign]", str(campaign.pk))
    page.fill("input[name=amount]", "4000")
    page.get_by_role("button", name="申报").click()
    expect(page.locator(".messages")).to_contain_text("助学金建议已提出")
    aid = EducationAid.objects.get(parent=member)
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.IN_PROGRESS

    page.goto(page.url.split("/staff/")[0] + "/staff/welfare/grants/approval/")
    page.locator(f'input[name="aid"][value="{aid.pk}"]').check()
    page.get_by_role("button", name="审批所选").first.click()
    page.get_by_role("button", name="确定，审批通过").click()
    expect(page.locator(".messages")).to_contain_text("已审批 1 条记录")

    # The member reads the decision and the amount.
    phone_page.goto(phone_page.url.split("/me/")[0] + "/me/applications/")
    phone_page.get_by_role("link", name=application.number).click()
    expect(phone_page.locator("main")).to_contain_text("已批准助学金 4,000.00 元")
    assert sideways_overflow(phone_page) == 0
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.CONCLUDED

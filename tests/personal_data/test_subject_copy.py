"""A person's own data (PIPL art. 45): a copy for staff with the right, a page for members."""

from io import BytesIO

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from openpyxl import load_workbook

from tests.events.factories import RegistrationFactory
from tests.members.factories import MemberFactory, UserFactory, make_id_number
from tests.welfare.factories import EducationAidFactory, GrantFactory, HouseholdFactory
from yuyang_union import roles
from yuyang_union.personal_data.models import IdentifierAccessLog

pytestmark = pytest.mark.django_db


def copy_url(record):
    meta = record._meta
    return reverse("personal_data:subject-copy", args=[meta.app_label, meta.model_name, record.pk])


def workbook_text(content):
    book = load_workbook(BytesIO(content))
    return {
        sheet.title: "\n".join(
            " ".join(str(c) for c in row if c is not None)
            for row in sheet.iter_rows(values_only=True)
        )
        for sheet in book.worksheets
    }


@pytest.fixture
def person():
    member = MemberFactory(name="冉小芳")
    RegistrationFactory(member=member, event__title="职工健步走")
    GrantFactory(household=HouseholdFactory(head=member), amount="2500.00")
    return member


def test_staff_with_the_right_produce_a_full_copy_and_it_is_logged(client, make_staff, person):
    staff = make_staff(roles.ORGANISATION)
    client.force_login(staff)
    change = client.get(reverse("admin:members_member_change", args=[person.pk])).content.decode()
    assert copy_url(person) in change
    preview = client.get(copy_url(person)).content.decode()
    assert "职工健步走" in preview
    assert person.id_number not in preview  # the preview is masked
    assert not IdentifierAccessLog.objects.exists()
    response = client.post(copy_url(person))
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    sheets = workbook_text(response.content)
    text = "\n".join(sheets.values())
    assert person.id_number in text  # the person's own copy holds their numbers
    assert person.phone in text
    assert "职工健步走" in text
    assert "2,500.00" in text
    assert "会员档案" in sheets  # sheets carry Chinese section titles
    logged = IdentifierAccessLog.objects.filter(user=staff, object_id=str(person.pk))
    assert set(logged.values_list("channel", "reason")) == {("subject", "subject")}


def test_others_may_not(client, make_staff, person):
    for role in (roles.WELFARE, roles.LEADERS, roles.GRASSROOTS_OFFICERS):
        client.force_login(make_staff(role))
        assert client.get(copy_url(person)).status_code == 403
        assert client.post(copy_url(person)).status_code == 403
    assert not IdentifierAccessLog.objects.exists()


def test_the_person_is_found_by_the_number_on_their_card_by_post(client, make_staff, person):
    client.force_login(make_staff(roles.ORGANISATION))
    lookup = reverse("personal_data:subject-lookup")
    response = client.post(lookup, {"id_number": person.id_number})
    assert response.status_code == 302
    assert response["Location"] == copy_url(person)
    assert person.id_number not in response["Location"]
    missing = client.post(lookup, {"id_number": make_id_number()})
    assert "Nobody" in missing.content.decode() or "没有" in missing.content.decode()


def test_a_student_s_copy_starts_from_the_education_aid(client, make_staff):
    aid = EducationAidFactory(student_name="田小明")
    # The welfare department, given the right to produce copies.
    staff = make_staff(roles.WELFARE)
    staff.user_permissions.add(Permission.objects.get(codename="export_personal_data"))
    client.force_login(staff)
    response = client.post(copy_url(aid))
    assert response.status_code == 200, response.status_code
    text = "\n".join(workbook_text(response.content).values())
    assert aid.student_id_number in text
    assert "田小明" in text


def test_a_member_sees_what_is_held_about_them_masked(client, person):
    user = UserFactory()
    person.user = user
    person.save()
    client.force_login(user)
    page = client.get(reverse("personal_data:my-data")).content.decode()
    assert "职工健步走" in page
    assert person.name in page
    assert person.id_number not in page
    assert person.phone not in page
    assert person.birth_date.strftime("%Y") + "年" not in page  # no birth date beside the mask
    # Someone without a member record is told so.
    client.force_login(UserFactory())
    assert client.get(reverse("personal_data:my-data")).status_code == 200


@pytest.mark.parametrize("records", [1, 12])
def test_the_member_s_page_costs_the_same_whatever_they_hold(
    client, django_assert_max_num_queries, records
):
    member = MemberFactory(user=UserFactory())
    household = HouseholdFactory(head=member)
    for _ in range(records):
        RegistrationFactory(member=member)
        GrantFactory(household=household)
    client.force_login(member.user)
    # One query a section: issue 18 added five (the online applications; the join, legal
    # help, hardship and 金秋助学 requests).
    with django_assert_max_num_queries(30):
        response = client.get(reverse("personal_data:my-data"))
    assert response.content.decode().count("<tr>") >= 2 * records

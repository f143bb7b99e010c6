"""Staff turn members' requests into records (issue 18): a hardship request into a household
file (concluded), a 金秋助学 request into an aid proposal (in progress), concluded with the
amount when the aid is approved; who may, and in which subtree."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from tests.members.factories import MemberFactory, UnionFactory, UserFactory
from welfare import services
from welfare.help_request_services import decline_requests_for_withdrawn_aid
from welfare.models import CampaignKind, EducationAid, GrantState, HardshipHousehold
from yuyang_union import roles
from yuyang_union.applications.models import ApplicationStatus
from yuyang_union.history.models import ActionEntry

from .factories import CampaignFactory, HouseholdFactory, education_request, hardship_request

pytestmark = pytest.mark.django_db


def household_url(application):
    return reverse("welfare:household-from-request", args=[application.pk])


def aid_url(application):
    return reverse("welfare:aid-from-request", args=[application.pk])


def entries_about(obj):
    return ActionEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    )


@pytest.fixture
def union():
    return UnionFactory()


@pytest.fixture
def officer(make_staff, union):
    return make_staff(roles.GRASSROOTS_OFFICERS, union=union)


@pytest.fixture
def campaign():
    return CampaignFactory(
        kind=CampaignKind.EDUCATION, year=timezone.localdate().year, name="今年金秋助学"
    )


def test_the_household_page_is_prefilled_from_the_request(client, officer, union):
    application = hardship_request(MemberFactory(union=union))
    client.force_login(officer)
    response = client.get(household_url(application))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["household_size"] == 4
    assert form.initial["causes"] == ["illness", "schooling"]
    assert form.initial["monthly_income_per_person"] == Decimal("650.00")
    assert form.initial["union"] == union
    assert application.applicant.name in response.content.decode()


def test_registering_the_household_concludes_the_request(
    client, officer, union, sms_outbox, django_capture_on_commit_callbacks
):
    member = MemberFactory(union=union)
    application = hardship_request(member)
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            household_url(application),
            {
                "version": application.version,
                "tier": "relative",
                "causes": ["illness"],
                "household_size": "5",
                "monthly_income_per_person": "600",
                "registered_on": "2026-12-01",
                "situation": "核实属实",
            },
        )
    household = HardshipHousehold.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("welfare:household-detail", args=[household.pk])
    assert household.head == member
    assert household.union == union
    assert household.household_size == 5
    assert household.monthly_income_per_person == Decimal("600")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CONCLUDED
    assert application.record == household
    assert application.outcome == "已建档：困难职工档案（相对困难），2026年12月1日登记"
    assert entries_about(household).count() == 1
    assert entries_about(application).count() == 2  # submitted, then concluded
    assert "已办结" in sms_outbox[-1].message


def test_a_member_already_in_file_is_told_and_offered_the_decline(client, officer, union):
    member = MemberFactory(union=union)
    existing = HouseholdFactory(head=member, union=union)
    application = hardship_request(member)
    client.force_login(officer)
    response = client.get(household_url(application))
    page = response.content.decode()
    assert "已是在档困难职工档案的户主" in page
    assert reverse("welfare:household-detail", args=[existing.pk]) in page
    assert response.context["decline_form"].initial["reason"] == "duplicate"
    assert reverse("applications:decline", args=[application.pk]) in page
    response = client.post(
        household_url(application),
        {"version": application.version, "tier": "deep", "causes": ["illness"],
         "household_size": "3", "registered_on": "2026-12-01"},
    )  # fmt: skip
    assert response.status_code == 200
    assert HardshipHousehold.objects.count() == 1
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_the_aid_page_is_prefilled_and_proposing_puts_the_request_in_progress(
    client, make_staff, campaign
):
    member = MemberFactory()
    application = education_request(member)
    staff = make_staff(roles.WELFARE)
    client.force_login(staff)
    response = client.get(aid_url(application))
    assert response.status_code == 200
    assert response.context["form"].initial["student_name"] == "田小雨"
    page = response.content.decode()
    request = application.education_aid_request
    assert request.student_id_number not in page
    assert request.student_id_number_masked in page
    response = client.post(
        aid_url(application),
        {"version": application.version, "campaign": campaign.pk, "amount": "4000",
         "student_name": "田小雨", "school": "西南大学", "level": "university"},
    )  # fmt: skip
    assert response.status_code == 302
    aid = EducationAid.objects.get()
    assert aid.parent == member
    assert aid.student_id_number == request.student_id_number
    assert aid.state == GrantState.PROPOSED
    assert aid.year == campaign.year
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_PROGRESS
    assert application.record == aid
    assert entries_about(aid).count() == 1
    assert entries_about(application).count() == 2
    # Being handled: the page sends staff back to the application.
    assert client.get(aid_url(application)).status_code == 302


def test_approving_the_aid_concludes_the_request_with_the_amount(
    client, make_staff, campaign, sms_outbox, django_capture_on_commit_callbacks
):
    member = MemberFactory(user=UserFactory())
    application = education_request(member)
    staff = make_staff(roles.WELFARE)
    from welfare.help_request_services import propose_aid_from_request

    aid = propose_aid_from_request(
        actor=staff, application=application, campaign=campaign, amount=Decimal("4500"),
        student_name="田小雨", school="西南大学", level="university",
    )  # fmt: skip
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("welfare:grant-approval"),
            {"action": "approve", "aid": [aid.pk], "confirmed": "1"},
        )
    aid.refresh_from_db()
    assert aid.state == GrantState.APPROVED
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CONCLUDED
    assert application.outcome == "已批准助学金 4,500.00 元"
    assert application.unseen_update
    assert "已办结" in sms_outbox[-1].message
    # The member reads the decision on their own pages.
    client.force_login(member.user)
    page = client.get(reverse("applications:my-detail", args=[application.pk])).content.decode()
    assert "已批准助学金 4,500.00 元" in page
    assert application.education_aid_request.student_id_number not in page


def test_approving_aid_of_no_request_concludes_nothing(make_staff):
    from .factories import EducationAidFactory

    aid = EducationAidFactory(state=GrantState.PROPOSED, approved_at=None, paid_on=None)
    application = education_request()
    services.approve_entries(
        actor=make_staff(roles.WELFARE), entries=EducationAid.objects.filter(pk=aid.pk)
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_a_proposal_withdrawn_before_payment_declines_the_request(make_staff, campaign):
    from welfare.help_request_services import propose_aid_from_request

    staff = make_staff(roles.WELFARE)
    application = education_request()
    aid = propose_aid_from_request(
        actor=staff, application=application, campaign=campaign, amount=Decimal("4000"),
        student_name="田小雨", school="西南大学", level="university",
    )  # fmt: skip
    assert decline_requests_for_withdrawn_aid(actor=staff, aids=[aid]) == 1
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECLINED
    assert application.decline_reason == "not_eligible"
    assert "未获批准" in application.decline_note


def test_the_admin_deleting_a_proposal_declines_its_request(admin_client, admin_user, campaign):
    from welfare.help_request_services import propose_aid_from_request

    application = education_request()
    aid = propose_aid_from_request(
        actor=admin_user, application=application, campaign=campaign, amount=Decimal("4000"),
        student_name="田小雨", school="西南大学", level="university",
    )  # fmt: skip
    response = admin_client.post(
        reverse("admin:welfare_educationaid_delete", args=[aid.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not EducationAid.objects.exists()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECLINED


# Who may ---------------------------------------------------------------------------------


def test_another_subtree_officer_gets_404(client, make_staff, union):
    application = hardship_request(MemberFactory(union=union))
    client.force_login(make_staff(roles.GRASSROOTS_OFFICERS, union=UnionFactory()))
    assert client.get(household_url(application)).status_code == 404
    assert client.post(household_url(application), {"tier": "deep"}).status_code == 404
    assert not HardshipHousehold.objects.exists()


def test_staff_without_the_permission_get_403(client, make_staff, member_user):
    application = education_request()
    for user in (make_staff(roles.EVENTS), make_staff(roles.LEADERS), member_user):
        client.force_login(user)
        assert client.get(aid_url(application)).status_code == 403
    client.logout()
    assert client.get(aid_url(application)).status_code == 302


def test_another_member_gets_404_on_a_members_request(client):
    application = education_request(MemberFactory(user=UserFactory()))
    other = MemberFactory(user=UserFactory())
    client.force_login(other.user)
    assert client.get(reverse("applications:my-detail", args=[application.pk])).status_code == 404


def test_a_request_of_the_other_kind_is_not_found(client, make_staff):
    application = hardship_request()
    client.force_login(make_staff(roles.WELFARE))
    assert client.get(aid_url(application)).status_code == 404


def test_the_staff_page_offers_the_kinds_actions(client, make_staff):
    hardship, education = hardship_request(), education_request()
    client.force_login(make_staff(roles.WELFARE))
    page = client.get(reverse("applications:staff-detail", args=[hardship.pk])).content.decode()
    assert household_url(hardship) in page
    assert "登记困难职工档案" in page
    assert "家庭人口" in page
    page = client.get(reverse("applications:staff-detail", args=[education.pk])).content.decode()
    assert aid_url(education) in page
    assert "提出助学金建议" in page
    assert education.education_aid_request.student_id_number not in page


# Queries ---------------------------------------------------------------------------------


@pytest.mark.parametrize("others", [1, 8])
def test_the_conversion_pages_queries_do_not_grow(
    client, make_staff, campaign, django_assert_max_num_queries, others
):
    for number in range(others):
        CampaignFactory(kind=CampaignKind.EDUCATION, year=campaign.year, name=f"助学{number}")
        hardship_request()
        education_request(student_id_number=_student(number))
    hardship, education = hardship_request(), education_request()
    client.force_login(make_staff(roles.WELFARE))
    client.get(aid_url(education))  # warm the session and permission caches
    with django_assert_max_num_queries(20):
        assert client.get(aid_url(education)).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(household_url(hardship)).status_code == 200


def _student(number):
    from tests.members.factories import make_id_number

    return make_id_number(birth=datetime.date(2007, 1, 1) + datetime.timedelta(days=number))

"""Staff pages: access, scope, the file story, bulk approval; public pages: masking."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from tests.members.factories import MemberFactory, UnionFactory, make_id_number
from welfare.models import FileStatus, Grant, GrantState, HardshipHousehold
from yuyang_union import roles
from yuyang_union.personal_data.models import IdentifierAccessLog

from .factories import (
    CampaignFactory,
    EducationAidFactory,
    GrantFactory,
    HouseholdFactory,
    ServiceSiteFactory,
)

pytestmark = pytest.mark.django_db

STAFF_PAGES = [
    ("welfare:household-list", {}),
    ("welfare:household-register", {}),
    ("welfare:grant-approval", {}),
    ("welfare:campaign-list", {}),
]


@pytest.mark.parametrize(("name", "kwargs"), STAFF_PAGES)
def test_staff_pages_need_login(client, name, kwargs):
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(("name", "kwargs"), STAFF_PAGES)
def test_staff_pages_refuse_members_and_other_roles(client, member_user, make_staff, name, kwargs):
    client.force_login(member_user)
    assert client.get(reverse(name, kwargs=kwargs)).status_code == 403
    client.force_login(make_staff(roles.EVENTS))
    assert client.get(reverse(name, kwargs=kwargs)).status_code == 403


@pytest.mark.parametrize(("name", "kwargs"), STAFF_PAGES)
def test_welfare_staff_reach_every_page(client, make_staff, name, kwargs):
    client.force_login(make_staff(roles.WELFARE))
    assert client.get(reverse(name, kwargs=kwargs)).status_code == 200


def test_household_page_tells_the_whole_story(client, make_staff):
    staff = make_staff(roles.WELFARE)
    old = HouseholdFactory(
        status=FileStatus.LIFTED_OUT,
        lifted_out_on=datetime.date(2020, 12, 1),
        lift_measure="employment",
    )
    household = HouseholdFactory(
        head=old.head, previous_file=old, registered_on=datetime.date(2023, 1, 1)
    )
    household.people.create(name="田小花", relation="child", birth_year=2010)
    household.reviews.create(reviewed_on=datetime.date(2024, 1, 5), outcome="continue")
    campaign = CampaignFactory(name="2024年送温暖活动", year=2024)
    GrantFactory(campaign=campaign, household=household, paid=True)
    client.force_login(staff)
    response = client.get(reverse("welfare:household-detail", args=[household.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert household.head.name in content
    assert "田小花" in content
    assert "2024年送温暖活动" in content
    assert "2024-01-05" in content
    assert reverse("welfare:household-detail", args=[old.pk]) in content
    # The ID number is masked for a user without the identifiers permission.
    assert household.head.id_number not in content
    assert household.head.id_number_masked in content


def test_officer_of_another_union_gets_404(client, make_staff):
    mine, other = UnionFactory(), UnionFactory()
    officer = make_staff(roles.WELFARE, union=mine)
    outside = HouseholdFactory(head=MemberFactory(union=other))
    inside = HouseholdFactory(head=MemberFactory(union=mine))
    client.force_login(officer)
    assert client.get(reverse("welfare:household-detail", args=[outside.pk])).status_code == 404
    assert client.get(reverse("welfare:household-detail", args=[inside.pk])).status_code == 200
    response = client.post(
        reverse("welfare:household-action", args=[outside.pk, "cancel"]),
        {"cancel-cancelled_on": "2024-01-01", "cancel-reason": "x"},
    )
    assert response.status_code == 404
    outside.refresh_from_db()
    assert outside.status == FileStatus.IN_FILE
    listing = client.get(reverse("welfare:household-list")).content.decode()
    assert inside.head.name in listing
    assert outside.head.name not in listing


def test_register_a_household_through_the_page(client, make_staff):
    staff = make_staff(roles.WELFARE)
    head = MemberFactory()
    client.force_login(staff)
    response = client.post(
        reverse("welfare:household-register"),
        {
            "head_text": head.id_number,  # typed: the picker's search finds the member
            "union": head.union.pk,
            "tier": "deep",
            "causes": ["illness"],
            "household_size": 3,
            "registered_on": "2024-05-01",
        },
    )
    household = HardshipHousehold.objects.get(head=head)
    assert response.status_code == 302
    assert household.registered_by == staff
    # A second open file is refused on the page with the model's message.
    response = client.post(
        reverse("welfare:household-register"),
        {
            "head_text": head.id_number,  # typed: the picker's search finds the member
            "union": head.union.pk,
            "tier": "deep",
            "causes": ["illness"],
            "household_size": 3,
            "registered_on": "2024-06-01",
        },
    )
    assert response.status_code == 200
    assert "该会员已有在档的困难职工档案" in response.content.decode()


def test_record_a_visit_and_lift_out_from_the_file_page(client, make_staff):
    staff = make_staff(roles.WELFARE)
    household = HouseholdFactory()
    campaign = CampaignFactory(year=timezone.localdate().year)
    client.force_login(staff)
    response = client.post(
        reverse("welfare:household-action", args=[household.pk, "grant"]),
        {
            "grant-campaign": campaign.pk,
            "grant-amount": "2500",
            "grant-form": "cash",
            "grant-granted_on": "2026-01-20",
            "grant-is_home_visit": "on",
        },
    )
    assert response.status_code == 302
    grant = Grant.objects.get(household=household)
    assert grant.is_home_visit
    assert grant.state == GrantState.PROPOSED
    response = client.post(
        reverse("welfare:household-action", args=[household.pk, "lift"]),
        {
            "lift-lifted_out_on": "2026-03-01",
            "lift-measure": "employment",
            "lift-version": household.version,
        },
    )
    assert response.status_code == 302
    household.refresh_from_db()
    assert household.status == FileStatus.LIFTED_OUT


def test_bulk_approval_page(client, make_staff):
    approver = make_staff(roles.WELFARE)
    grants = [GrantFactory() for _n in range(3)]
    client.force_login(approver)
    page = client.get(reverse("welfare:grant-approval")).content.decode()
    assert grants[0].household.head.name in page
    response = client.post(
        reverse("welfare:grant-approval"),
        {"action": "approve", "grant": [g.pk for g in grants[:2]], "confirmed": "1"},
    )
    assert response.status_code == 302
    states = dict(Grant.objects.values_list("pk", "state"))
    assert states[grants[0].pk] == GrantState.APPROVED
    assert states[grants[2].pk] == GrantState.PROPOSED
    client.post(
        reverse("welfare:grant-approval"),
        {"action": "pay", "grant": [grants[0].pk], "paid_on": "2026-01-30", "confirmed": "1"},
    )
    paid = Grant.objects.get(pk=grants[0].pk)
    assert paid.state == GrantState.PAID
    assert paid.paid_on == datetime.date(2026, 1, 30)


def test_leaders_may_not_approve_on_the_page(client, make_staff):
    grant = GrantFactory()
    client.force_login(make_staff(roles.LEADERS))
    response = client.post(
        reverse("welfare:grant-approval"), {"action": "approve", "grant": [grant.pk]}
    )
    assert response.status_code == 403
    grant.refresh_from_db()
    assert grant.state == GrantState.PROPOSED


def test_scoped_approver_cannot_approve_grants_outside_the_subtree(client, make_staff):
    mine, other = UnionFactory(), UnionFactory()
    approver = make_staff(roles.WELFARE, union=mine)
    outside = GrantFactory(household=HouseholdFactory(head=MemberFactory(union=other)))
    client.force_login(approver)
    client.post(
        reverse("welfare:grant-approval"),
        {"action": "approve", "grant": [outside.pk], "confirmed": "1"},
    )
    outside.refresh_from_db()
    assert outside.state == GrantState.PROPOSED


def test_campaign_page_shows_budget_used_and_remaining(client, make_staff):
    campaign = CampaignFactory(budget=Decimal("10000"))
    GrantFactory(campaign=campaign, amount=Decimal("3000"), paid=True)
    GrantFactory(campaign=campaign, amount=Decimal("1000"))
    client.force_login(make_staff(roles.LEADERS))
    content = client.get(reverse("welfare:campaign-detail", args=[campaign.pk])).content.decode()
    assert "3,000.00" in content  # used
    assert "7,000.00" in content  # remaining
    listing = client.get(reverse("welfare:campaign-list")).content.decode()
    assert "0.70" in listing  # 7,000 yuan remaining, in 万元


def test_public_notice_masks_names_and_shows_nothing_else(client):
    today = timezone.localdate()
    campaign = CampaignFactory(
        name="今年送温暖",
        notice_starts=today - datetime.timedelta(days=1),
        notice_ends=today + datetime.timedelta(days=7),
    )
    head = MemberFactory(name="张小明")
    grant = GrantFactory(campaign=campaign, household=HouseholdFactory(head=head), paid=True)
    hidden = GrantFactory(
        campaign=campaign, household=HouseholdFactory(head=MemberFactory(name="王未批"))
    )
    aid_campaign = CampaignFactory(
        kind="education",
        name="今年金秋助学",
        notice_starts=today - datetime.timedelta(days=1),
        notice_ends=today + datetime.timedelta(days=7),
    )
    student_id = make_id_number(birth=datetime.date(2007, 5, 5))
    EducationAidFactory(campaign=aid_campaign, student_name="李大山", student_id_number=student_id)
    old = CampaignFactory(
        name="去年送温暖",
        notice_starts=today - datetime.timedelta(days=400),
        notice_ends=today - datetime.timedelta(days=380),
    )
    GrantFactory(
        campaign=old, household=HouseholdFactory(head=MemberFactory(name="赵过期")), paid=True
    )

    # One campaign's entries at a time: the warmth campaign's, then the education aid's tab.
    content = client.get(reverse("welfare:notices")).content.decode()
    assert f"?campaign={aid_campaign.pk}" in content
    content += client.get(
        reverse("welfare:notices"), {"campaign": aid_campaign.pk}
    ).content.decode()
    assert "张*明" in content
    assert "李*山" in content
    assert "张小明" not in content
    assert "李大山" not in content
    assert head.id_number not in content
    assert head.id_number_masked not in content
    assert student_id[-4:] not in content
    assert head.union.name not in content
    assert "王*批" not in content  # proposed, not approved
    assert "赵*期" not in content  # notice period over
    assert f"{grant.amount:,}" in content  # the amount is public
    assert hidden.state == GrantState.PROPOSED


def test_service_sites_page_groups_by_township(client):
    site = ServiceSiteFactory(name="龙潭镇职工之家")
    ServiceSiteFactory(name="已关闭站点", active=False)
    response = client.get(reverse("welfare:service-sites"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "龙潭镇职工之家" in content
    assert site.township.name in content
    assert "已关闭站点" not in content
    assert 'name="viewport"' in content


def test_staff_home_panels(client, make_staff):
    GrantFactory()
    client.force_login(make_staff(roles.WELFARE))
    content = client.get(reverse("staff-home")).content.decode()
    assert reverse("welfare:grant-approval") in content


def test_the_head_s_number_is_masked_and_revealed_on_purpose(client, make_staff):
    staff = make_staff(roles.WELFARE)
    staff.user_permissions.add(Permission.objects.get(codename="view_personal_identifiers"))
    household = HouseholdFactory()
    client.force_login(staff)
    content = client.get(reverse("welfare:household-detail", args=[household.pk])).content.decode()
    assert household.head.id_number not in content
    reveal = reverse(
        "personal_data:reveal", args=["members", "member", household.head.pk, "id_number"]
    )
    assert reveal in content
    assert household.head.id_number in client.post(reveal, {"reason": "verify"}).content.decode()
    assert IdentifierAccessLog.objects.filter(user=staff, field="id_number").exists()


def test_file_list_filters(client, make_staff):
    today = timezone.localdate()
    long_ago = today - datetime.timedelta(days=800)
    HouseholdFactory(head=MemberFactory(name="甲未复核"), registered_on=long_ago)
    reviewed = HouseholdFactory(head=MemberFactory(name="乙已复核"), registered_on=long_ago)
    reviewed.reviews.create(reviewed_on=today - datetime.timedelta(days=30), outcome="continue")
    assisted = HouseholdFactory(
        head=MemberFactory(name="丙已帮扶"), registered_on=long_ago, tier="relative"
    )
    GrantFactory(household=assisted)
    client.force_login(make_staff(roles.WELFARE))
    url = reverse("welfare:household-list")

    content = client.get(url, {"stale": "on"}).content.decode()
    assert "甲未复核" in content
    assert "乙已复核" not in content
    content = client.get(url, {"never_assisted": "on"}).content.decode()
    assert "甲未复核" in content
    assert "丙已帮扶" not in content
    content = client.get(url, {"tier": "relative"}).content.decode()
    assert "丙已帮扶" in content
    assert "甲未复核" not in content
    content = client.get(url, {"head_name": "乙"}).content.decode()
    assert "乙已复核" in content
    assert "甲未复核" not in content
    assert client.get(url, {"status": "lifted_out"}).context["page"].paginator.count == 0

"""List pages and changelists run the same number of queries at 5 rows and at 30."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.members.factories import county_union
from welfare.models import GrantState
from yuyang_union import roles

from .factories import (
    CampaignFactory,
    EducationAidFactory,
    GrantFactory,
    HouseholdFactory,
    ServiceSiteFactory,
)

pytestmark = pytest.mark.django_db


def make_rows(count):
    today = timezone.localdate()
    campaign = CampaignFactory(
        notice_starts=today - datetime.timedelta(days=1),
        notice_ends=today + datetime.timedelta(days=1),
    )
    aid_campaign = CampaignFactory(kind="education", notice_starts=today, notice_ends=today)
    for index in range(count):
        household = HouseholdFactory()
        household.reviews.create(reviewed_on=datetime.date(2020, 6, 1), outcome="continue")
        GrantFactory(campaign=campaign, household=household, paid=index % 2 == 0)
        GrantFactory(household=household)  # proposed, in a campaign of its own
        EducationAidFactory(campaign=aid_campaign, state=GrantState.APPROVED, paid_on=None)
        # Proposed aid: listed for approval on the grant approval page.
        EducationAidFactory(
            campaign=aid_campaign, state=GrantState.PROPOSED, approved_at=None, paid_on=None
        )
        ServiceSiteFactory()
    return campaign


PAGES = [
    ("welfare:household-list", "", False),
    ("welfare:household-list", "?tier=deep&status=in_file&stale=on&never_assisted=on", False),
    ("welfare:grant-approval", "", False),
    ("welfare:campaign-list", "", False),
    ("welfare:campaign-detail", "", True),
    ("welfare:notices", "", False),
    ("welfare:service-sites", "", False),
    ("staff-home", "", False),
]
ADMIN_MODELS = [
    "hardshiphousehold",
    "grant",
    "educationaid",
    "reliefcampaign",
    "servicesite",
    "mutualaidenrolment",
    "healthcheckup",
    "checkupround",
    "employmentcampaign",
    "womenworkerservice",
    "householdreview",
    "householdperson",
]


def _url(name, query, needs_campaign, campaign):
    args = [campaign.pk] if needs_campaign else []
    return reverse(name, args=args) + query


@pytest.mark.parametrize(("name", "query", "needs_campaign"), PAGES)
def test_pages_keep_their_query_count(
    client, make_staff, django_assert_max_num_queries, name, query, needs_campaign
):
    # An officer limited to the county root: every row, through the scoping filter.
    staff = make_staff(roles.WELFARE, union=county_union())
    client.force_login(staff)
    campaign = make_rows(5)
    url = _url(name, query, needs_campaign, campaign)
    with django_assert_max_num_queries(15) as small:
        assert client.get(url).status_code == 200
    make_rows(25)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("model", ADMIN_MODELS)
def test_admin_changelists_keep_their_query_count(
    admin_client, django_assert_max_num_queries, model
):
    make_rows(5)
    url = reverse(f"admin:welfare_{model}_changelist")
    with django_assert_max_num_queries(21) as small:
        assert admin_client.get(url).status_code == 200
    make_rows(25)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert admin_client.get(url).status_code == 200

"""Mistake-proof money: nothing starts ticked, every approval, payment and reversal (staff
page and admin actions) first states how many entries and what total, and a repeated
confirmation changes nothing more."""

import datetime
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from tests.members.factories import MemberFactory
from welfare.models import EducationAid, Grant, GrantKind, GrantState
from yuyang_union import roles
from yuyang_union.history.models import ActionEntry

from .factories import CampaignFactory, EducationAidFactory, GrantFactory, HouseholdFactory

pytestmark = pytest.mark.django_db
PAGE = "welfare:grant-approval"


@pytest.fixture(autouse=True)
def _chinese(settings):
    settings.LANGUAGE_CODE = "zh-hans"


@pytest.fixture
def approver(client, make_staff):
    user = make_staff(roles.WELFARE)
    client.force_login(user)
    return user


class Checkboxes(HTMLParser):
    def __init__(self):
        super().__init__()
        self.boxes = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("type") == "checkbox" and attributes.get("name") in ("grant", "aid"):
            self.boxes.append(attributes)


def checkboxes(html):
    parser = Checkboxes()
    parser.feed(html)
    return parser.boxes


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def states(entries):
    return [type(e).objects.get(pk=e.pk).state for e in entries]


def test_nothing_on_the_approval_page_starts_ticked(client, approver):
    GrantFactory.create_batch(2)
    GrantFactory(state=GrantState.APPROVED, approved_at=timezone.now())
    EducationAidFactory(state=GrantState.PROPOSED, approved_at=None, paid_on=None)
    EducationAidFactory(state=GrantState.APPROVED, paid_on=None)
    boxes = checkboxes(client.get(reverse(PAGE)).content.decode())
    assert len(boxes) == 5  # every list has its boxes
    assert [box for box in boxes if "checked" in box] == []


def test_approving_asks_first_with_the_count_and_the_total(client, approver):
    grants = [GrantFactory(amount=Decimal("1200.50")), GrantFactory(amount=Decimal("800.00"))]
    untouched = GrantFactory(amount=Decimal("999.00"))
    data = {"action": "approve", "grant": [g.pk for g in grants]}

    response = client.post(reverse(PAGE), data)

    assert response.status_code == 200
    assert states([*grants, untouched]) == [GrantState.PROPOSED] * 3  # nothing yet
    assert not ActionEntry.objects.exists()
    content = response.content.decode()
    assert "即将审批通过 2 条记录，合计 2,000.50元" in content
    for grant in grants:
        assert grant.household.head.name in content
    assert untouched.household.head.name not in content

    response = client.post(reverse(PAGE), {**data, "confirmed": "1"})

    assert response.status_code == 302
    assert states([*grants, untouched]) == [GrantState.APPROVED] * 2 + [GrantState.PROPOSED]
    assert messages_of(response) == ["已审批 2 条记录。"]


def test_a_repeated_approval_changes_nothing_more_and_says_so(client, approver):
    grant = GrantFactory()
    data = {"action": "approve", "grant": [grant.pk], "confirmed": "1"}
    client.post(reverse(PAGE), data)
    approved_at = Grant.objects.get(pk=grant.pk).approved_at

    response = client.post(reverse(PAGE), data)  # the double click

    assert response.status_code == 302
    assert Grant.objects.get(pk=grant.pk).approved_at == approved_at
    assert ActionEntry.objects.count() == 1
    assert "1 条已不再等待此操作" in " ".join(messages_of(response))


def test_paying_asks_first_with_the_count_the_total_and_the_date(client, approver):
    grant = GrantFactory(
        amount=Decimal("3000.00"), state=GrantState.APPROVED, approved_at=timezone.now()
    )
    aid = EducationAidFactory(amount=Decimal("4000.00"), state=GrantState.APPROVED, paid_on=None)
    data = {"action": "pay", "grant": [grant.pk], "aid": [aid.pk], "paid_on": "2026-02-01"}

    response = client.post(reverse(PAGE), data)

    assert states([grant, aid]) == [GrantState.APPROVED] * 2
    assert "即将把 2 条记录标记为于 2026年2月1日 发放，合计 7,000.00元" in response.content.decode()

    client.post(reverse(PAGE), {**data, "confirmed": "1"})
    assert states([grant, aid]) == [GrantState.PAID] * 2
    assert EducationAid.objects.get(pk=aid.pk).paid_on == datetime.date(2026, 2, 1)


def test_a_confirmation_acts_only_on_the_entries_it_listed(client, approver):
    """An entry approved meanwhile is not paid by a confirmation that did not show it."""
    listed = GrantFactory(state=GrantState.APPROVED, approved_at=timezone.now())
    other = GrantFactory()
    response = client.post(
        reverse(PAGE), {"action": "pay", "grant": [listed.pk, other.pk], "paid_on": "2026-02-01"}
    )
    assert "即将把 1 条记录" in response.content.decode()
    shown = response.context["posted"]
    assert shown == [("grant", listed.pk)]


ADMIN_CASES = [
    ("approve_selected", {}, GrantState.APPROVED, "审批通过 2 条记录，合计 3,000.00元？"),
    (
        "pay_selected",
        {"state": GrantState.APPROVED, "approved_at": timezone.now()},
        GrantState.PAID,
        "发放，合计 3,000.00元？",
    ),
]


@pytest.mark.parametrize(("action", "fields", "after", "question"), ADMIN_CASES)
def test_admin_money_actions_ask_first_with_the_count_and_the_total(
    client, approver, action, fields, after, question
):
    grants = [
        GrantFactory(amount=Decimal("1000.00"), **fields),
        GrantFactory(amount=Decimal("2000.00"), **fields),
    ]
    changelist = reverse("admin:welfare_grant_changelist")
    data = {"action": action, "_selected_action": [g.pk for g in grants]}
    before = states(grants)

    response = client.post(changelist, data)

    assert response.status_code == 200
    assert states(grants) == before
    content = response.content.decode()
    assert question in content
    assert grants[1].household.head.name in content

    response = client.post(changelist, {**data, "post": "yes"})
    assert response.status_code == 302
    assert states(grants) == [after] * 2

    response = client.post(changelist, {**data, "post": "yes"})  # the double click
    assert response.status_code == 302
    assert "2 条已不再等待此操作" in " ".join(messages_of(response))


def test_admin_reversal_asks_first_and_a_repeat_reverses_nothing_more(client, approver):
    grant = GrantFactory(amount=Decimal("2500.00"), paid=True)
    changelist = reverse("admin:welfare_grant_changelist")
    data = {"action": "reverse_selected", "_selected_action": [grant.pk]}

    response = client.post(changelist, data)
    assert "全额冲正 1 条已发放记录，合计 2,500.00元？" in response.content.decode()
    assert not Grant.objects.filter(reverses=grant).exists()

    client.post(changelist, {**data, "post": "yes"})
    response = client.post(changelist, {**data, "post": "yes"})

    assert response.status_code == 302
    assert Grant.objects.filter(reverses=grant).get().amount == Decimal("-2500.00")
    assert "1 条已不再等待此操作" in " ".join(messages_of(response))


def test_the_notice_lists_only_what_is_really_approved(client):
    today = timezone.localdate()
    campaign = CampaignFactory(
        notice_starts=today - datetime.timedelta(days=1),
        notice_ends=today + datetime.timedelta(days=7),
    )

    def grant(name, **fields):
        head = MemberFactory(name=name)
        return GrantFactory(campaign=campaign, household=HouseholdFactory(head=head), **fields)

    grant("张批准", state=GrantState.APPROVED, approved_at=timezone.now())
    grant("李发放", paid=True)
    grant("王提议")
    corrected = grant("赵冲正", paid=True)
    Grant.objects.create(
        **{f: getattr(corrected, f) for f in ("campaign", "household", "union")},
        kind=GrantKind.REVERSAL,
        reverses=corrected,
        amount=-corrected.amount,
        state=GrantState.PAID,
        approved_at=timezone.now(),
        paid_on=today,
        granted_on=today,
    )

    content = client.get(reverse("welfare:notices")).content.decode()

    assert "张*准" in content
    assert "李*放" in content
    assert "王*议" not in content  # proposed, not approved
    assert "赵*正" not in content  # reversed: no longer a recipient

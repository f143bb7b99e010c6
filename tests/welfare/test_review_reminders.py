"""Files due for yearly review: the scoped list, the staff-home panel and the weekly email."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from tests.members.factories import MemberFactory, UnionFactory
from welfare import reminders, selectors
from yuyang_union import roles

from .factories import HouseholdFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 1)


def registered(days_ago, **fields):
    return HouseholdFactory(registered_on=TODAY - datetime.timedelta(days=days_ago), **fields)


def test_due_within_30_days_or_overdue_and_nothing_else(admin_user):
    overdue = registered(400, head=MemberFactory(name="甲逾期"))
    due_in_30 = registered(335, head=MemberFactory(name="乙将到期"))
    registered(334, head=MemberFactory(name="丙未到期"))  # due in 31 days
    reviewed = registered(800, head=MemberFactory(name="丁已复核"))
    reviewed.reviews.create(reviewed_on=TODAY - datetime.timedelta(days=100), outcome="continue")
    lifted = registered(800, status="lifted_out", lifted_out_on=TODAY, lift_measure="employment")
    due = list(selectors.households_review_due(admin_user, TODAY))
    assert due == [overdue, due_in_30]
    assert due[0].review_due_on == TODAY - datetime.timedelta(days=35)
    assert due[1].review_due_on == TODAY + datetime.timedelta(days=30)
    assert lifted not in due


def test_the_due_date_runs_from_the_last_review(admin_user):
    household = registered(800)
    household.reviews.create(reviewed_on=TODAY - datetime.timedelta(days=350), outcome="continue")
    (due,) = selectors.households_review_due(admin_user, TODAY)
    assert due.review_due_on == TODAY + datetime.timedelta(days=15)


def test_an_officer_s_list_holds_only_their_subtree(make_staff):
    mine, other = UnionFactory(), UnionFactory()
    inside = registered(400, head=MemberFactory(union=UnionFactory(parent=mine)))
    registered(400, head=MemberFactory(union=other))
    officer = make_staff(roles.WELFARE, union=mine)
    assert list(selectors.households_review_due(officer, TODAY)) == [inside]


def test_one_email_per_officer_with_their_files_and_no_identifier(make_staff):
    north, south = UnionFactory(), UnionFactory()
    head = MemberFactory(name="王秀英", union=north)
    household = registered(400, head=head)
    registered(400, head=MemberFactory(name="李明", union=south))
    make_staff(roles.WELFARE, union=north, email="north@example.cn", first_name="北")
    make_staff(roles.WELFARE, union=south, email="south@example.cn")
    make_staff(roles.WELFARE, union=north, email="")  # no address: nothing sent
    make_staff(roles.LEGAL, email="legal@example.cn")  # not a welfare officer
    assert reminders.send_review_reminders(today=TODAY) == 2
    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == ["north@example.cn", "south@example.cn"]
    north_mail = by_address["north@example.cn"]
    assert north_mail.subject == "困难职工档案年度复核提醒"
    assert "王秀英" in north_mail.body
    assert "李明" not in north_mail.body
    assert f"档案号 {household.pk}" in north_mail.body
    assert "2026年4月27日" in north_mail.body  # due on, in Chinese, and overdue
    assert "已超期" in north_mail.body
    for secret in (head.id_number, head.phone, head.id_number[-4:]):
        assert secret not in north_mail.body


def test_nothing_is_sent_when_nothing_is_due(make_staff):
    registered(10)
    make_staff(roles.WELFARE, email="officer@example.cn")
    assert reminders.send_review_reminders(today=TODAY) == 0
    assert mail.outbox == []


def test_the_panel_lists_at_most_50_with_a_link_to_the_full_list(client, make_staff, settings):
    union = UnionFactory()
    for _index in range(51):
        HouseholdFactory(head=MemberFactory(union=union), registered_on=datetime.date(2020, 1, 1))
    staff = make_staff(roles.WELFARE)
    client.force_login(staff)
    content = client.get(reverse("staff-home")).content.decode()
    assert content.count(reverse("welfare:household-list") + "?review_due=on") == 2  # + more
    assert "50+" in content
    listed = client.get(reverse("welfare:household-list"), {"review_due": "on"})
    assert listed.status_code == 200
    assert len(listed.context["households"]) == 50


def test_the_panel_is_not_shown_without_the_right(client, make_staff):
    registered(400)
    client.force_login(make_staff(roles.COMPETITIONS))
    content = client.get(reverse("staff-home")).content.decode()
    assert "?review_due=on" not in content

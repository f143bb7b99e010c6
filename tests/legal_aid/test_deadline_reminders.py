"""Mediation deadlines and contracts ending: scoped lists, the panel and the morning email."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from legal_aid import deadlines
from legal_aid.models import Case
from tests.members.factories import EmployerFactory, UnionFactory
from yuyang_union import roles

from .factories import CollectiveContractFactory, make_case, other_worker

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 1)


def mediation(due_in_days, *, status="mediating", union=None):
    employer = EmployerFactory(union=union) if union else EmployerFactory()
    case = make_case(kind="mediation", respondent=employer, applicants=[other_worker()])
    Case.objects.filter(pk=case.pk).update(
        status=status, due_on=TODAY + datetime.timedelta(days=due_in_days)
    )
    return Case.objects.get(pk=case.pk)


def contract(ends_in_days, union=None, **fields):
    return CollectiveContractFactory(
        union=union or UnionFactory(),
        signed_on=TODAY - datetime.timedelta(days=900),
        expires_on=TODAY + datetime.timedelta(days=ends_in_days),
        **fields,
    )


def test_mediations_due_within_7_days_or_overdue(admin_user):
    overdue, soon = mediation(-3), mediation(7)
    mediation(8)
    mediation(-3, status="settled")
    assert list(deadlines.mediation_deadlines(admin_user, TODAY)) == [overdue, soon]


def test_contracts_ending_within_60_days(admin_user):
    soon = contract(60)
    contract(61)
    contract(-1)
    assert list(deadlines.contracts_expiring(admin_user, TODAY)) == [soon]


def test_an_officer_sees_only_their_subtree(make_staff):
    mine = UnionFactory()
    inside_case, inside_contract = mediation(1, union=mine), contract(10, union=mine)
    mediation(1)
    contract(10)
    officer = make_staff(roles.LEGAL, union=mine)
    found = deadlines.deadlines_for(officer, TODAY)
    assert found["cases"] == [inside_case]
    assert found["contracts"] == [inside_contract]


def test_one_email_per_legal_officer_without_identifiers(make_staff):
    north, south = UnionFactory(), UnionFactory()
    case = mediation(-2, union=north)
    contract(20, union=south, title="南区餐饮行业集体合同")
    make_staff(roles.LEGAL, union=north, email="north@example.cn")
    make_staff(roles.LEGAL, union=south, email="south@example.cn")
    make_staff(roles.LEGAL, email="")
    make_staff(roles.WELFARE, email="welfare@example.cn")
    assert deadlines.send_deadline_reminders(today=TODAY) == 2
    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == ["north@example.cn", "south@example.cn"]
    north_mail, south_mail = by_address["north@example.cn"], by_address["south@example.cn"]
    assert north_mail.subject == "法律服务期限提醒"
    assert case.reference in north_mail.body
    assert "2026年5月30日" in north_mail.body
    assert "已超期" in north_mail.body
    assert "南区餐饮行业集体合同" in south_mail.body
    assert case.reference not in south_mail.body
    assert "2026年6月21日" in south_mail.body
    applicant = case.applicants.get()
    for secret in (applicant.name, applicant.id_number):
        assert secret not in north_mail.body


def test_nothing_is_sent_when_nothing_is_due(make_staff):
    mediation(30)
    contract(200)
    make_staff(roles.LEGAL, email="legal@example.cn")
    assert deadlines.send_deadline_reminders(today=TODAY) == 0
    assert mail.outbox == []


def test_the_panels_show_the_deadlines_and_link_to_the_lists(client, make_staff):
    case = mediation(3)
    Case.objects.filter(pk=case.pk).update(due_on=timezone.localdate() + datetime.timedelta(days=3))
    client.force_login(make_staff(roles.LEGAL))
    content = client.get(reverse("staff-home")).content.decode()
    assert case.reference in content
    assert reverse("legal_aid:case-overdue") in content
    listed = client.get(reverse("legal_aid:case-overdue")).content.decode()
    assert case.reference in listed


def test_no_case_panel_without_the_right_to_open_case_files(client, make_staff):
    case = mediation(-1)
    client.force_login(make_staff(roles.LEADERS))
    content = client.get(reverse("staff-home")).content.decode()
    assert case.reference not in content

"""Education aid (金秋助学) follows the grant's rule: paid is final, corrected by a reversal.

The rule is held by the same code for both models (`PaidLedgerEntry`, the admin's
`PaidEntryAdminMixin`, one declared trigger, `services.reverse_entry`); these tests show it
on education aid, from the model, the admin, the database, the services and the page.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from tests.members.factories import MemberFactory, UnionFactory, make_id_number
from welfare import services
from welfare.figures import figures
from welfare.models import EducationAid, Grant, GrantKind, GrantState, PaidGrantError
from welfare.selectors import notice_entries
from yuyang_union import roles

from .factories import CampaignFactory, EducationAidFactory

pytestmark = pytest.mark.django_db


def proposed_aid(**fields):
    return EducationAidFactory(state=GrantState.PROPOSED, approved_at=None, paid_on=None, **fields)


# The model ------------------------------------------------------------------------------


def test_paid_education_aid_cannot_be_edited_or_deleted_through_the_model():
    aid = EducationAid.objects.get(pk=EducationAidFactory().pk)
    aid.amount = Decimal("1")
    with pytest.raises(ValidationError) as error:
        aid.full_clean()
    assert "已发放的记录不能修改" in str(error.value)
    with pytest.raises(PaidGrantError):
        aid.save()
    with pytest.raises(PaidGrantError, match="已发放的记录不能删除"):
        aid.delete()
    assert EducationAid.objects.get(pk=aid.pk).amount == Decimal("4000.00")


def test_unpaid_education_aid_can_still_be_edited():
    aid = proposed_aid()
    aid.amount = Decimal("3000")
    aid.full_clean()
    aid.save()
    assert EducationAid.objects.get(pk=aid.pk).amount == Decimal("3000.00")


# The database ---------------------------------------------------------------------------


def test_the_database_trigger_refuses_to_change_or_delete_paid_education_aid():
    aid = EducationAidFactory()
    with (
        pytest.raises(IntegrityError, match=r"welfare_educationaid row \d+ is paid"),
        transaction.atomic(),
    ):
        EducationAid.objects.filter(pk=aid.pk).update(amount=Decimal("1"))
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM welfare_educationaid WHERE id = %s", [aid.pk])
    assert EducationAid.objects.get(pk=aid.pk).amount == Decimal("4000.00")
    # Unpaid rows are still free to change.
    unpaid = proposed_aid()
    assert EducationAid.objects.filter(pk=unpaid.pk).update(amount=Decimal("10")) == 1


def test_one_declared_trigger_guards_every_ledger_table():
    """The rule is declared once (`paid_is_final`) on each entry model, and the database holds
    exactly those paid-is-final triggers on the ledger tables (the hand-written ones are gone)."""
    declared = {
        (model._meta.db_table, trigger.get_pgid(model))
        for model in (Grant, EducationAid)
        for trigger in model._meta.triggers
        if trigger.name == "paid_entry_is_final"
    }
    assert len(declared) == 2
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.relname, t.tgname FROM pg_trigger t
            JOIN pg_class c ON c.oid = t.tgrelid
            WHERE NOT t.tgisinternal AND c.relname IN ('welfare_grant', 'welfare_educationaid')
              AND t.tgname LIKE 'pgtrigger_paid_entry_is_final_%'
            """
        )
        installed = set(cursor.fetchall())
    assert installed == declared


def test_the_database_refuses_a_negative_amount_that_is_not_a_reversal():
    aid = proposed_aid()
    with (
        pytest.raises(IntegrityError, match="eduaid_amount_positive_unless_reversal"),
        transaction.atomic(),
    ):
        EducationAid.objects.filter(pk=aid.pk).update(amount=Decimal("-10"))


# The admin ------------------------------------------------------------------------------


def test_admin_opens_paid_education_aid_read_only_and_refuses_to_save_or_delete(client, make_staff):
    client.force_login(make_staff(roles.WELFARE))
    aid = EducationAidFactory()
    change_url = reverse("admin:welfare_educationaid_change", args=[aid.pk])
    page = client.get(change_url)
    assert page.status_code == 200
    content = page.content.decode()
    assert 'name="amount"' not in content  # no input: read-only
    assert 'name="student_id_number_replacement"' not in content
    assert aid.student_id_number not in content  # still masked
    assert client.post(change_url, {"amount": "1.00"}).status_code == 403
    delete_url = reverse("admin:welfare_educationaid_delete", args=[aid.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert EducationAid.objects.get(pk=aid.pk).amount == Decimal("4000.00")


def test_paid_education_aid_page_opens_for_users_who_see_identifiers(admin_client):
    aid = EducationAidFactory()
    page = admin_client.get(reverse("admin:welfare_educationaid_change", args=[aid.pk]))
    assert page.status_code == 200
    assert 'name="amount"' not in page.content.decode()


def test_staff_home_counts_education_aid_awaiting_approval(client, make_staff):
    proposed_aid()
    proposed_aid()
    client.force_login(make_staff(roles.WELFARE))
    panels = client.get(reverse("staff-home")).context["staff_panels"]
    approval = next(p for p in panels if p.get("url_name") == "welfare:grant-approval")
    assert approval["count"] == 2


def test_admin_still_edits_unpaid_education_aid(client, make_staff):
    client.force_login(make_staff(roles.WELFARE))
    aid = proposed_aid()
    page = client.get(reverse("admin:welfare_educationaid_change", args=[aid.pk]))
    content = page.content.decode()
    assert 'name="amount"' in content
    assert 'name="state"' not in content  # the state changes only through the actions


def test_admin_actions_approve_pay_and_reverse_education_aid(client, make_staff):
    approver = make_staff(roles.WELFARE)
    aid = proposed_aid()
    changelist = reverse("admin:welfare_educationaid_changelist")
    client.force_login(make_staff(roles.GRASSROOTS_OFFICERS))  # may not approve
    client.post(
        changelist, {"action": "approve_selected", "_selected_action": [aid.pk], "post": "yes"}
    )
    assert EducationAid.objects.get(pk=aid.pk).state == GrantState.PROPOSED
    client.force_login(approver)
    for action in ["approve_selected", "pay_selected", "reverse_selected"]:
        client.post(changelist, {"action": action, "_selected_action": [aid.pk], "post": "yes"})
    aid = EducationAid.objects.get(pk=aid.pk)
    assert aid.state == GrantState.PAID
    assert aid.approved_by == approver
    reversal = EducationAid.objects.get(reverses=aid)
    assert reversal.amount == -aid.amount
    assert reversal.kind == GrantKind.REVERSAL


# The services: propose → approve → pay, and reversal ------------------------------------


def test_education_aid_is_proposed_approved_in_bulk_and_paid(make_staff):
    approver = make_staff(roles.WELFARE)
    campaign = CampaignFactory(kind="education")
    proposed = [
        services.propose_education_aid(
            campaign=campaign,
            year=2020,
            student_name=f"学生{n}",
            student_id_number=make_id_number(birth=datetime.date(2003, 3, n + 1)),
            school="酉阳第二中学",
            level="high_school",
            parent=MemberFactory(),
            amount=Decimal("4000"),
            actor=approver,
        )
        for n in range(3)
    ]
    assert proposed[0].proposed_by == approver
    assert proposed[0].union == proposed[0].parent.union
    chosen = EducationAid.objects.filter(pk__in=[aid.pk for aid in proposed])
    assert services.approve_entries(entries=chosen, actor=approver) == 3
    approved = EducationAid.objects.get(pk=proposed[0].pk)
    assert approved.state == GrantState.APPROVED
    assert approved.approved_by == approver
    assert approved.approved_at is not None
    paid_on = datetime.date(2020, 8, 28)
    assert services.pay_entries(entries=chosen, paid_on=paid_on, actor=approver) == 3
    assert set(chosen.values_list("state", "paid_on")) == {(GrantState.PAID, paid_on)}
    assert services.approve_entries(entries=chosen, actor=approver) == 0


@pytest.mark.parametrize(
    "role", [roles.LEADERS, roles.ORGANISATION, roles.LEGAL, roles.GRASSROOTS_OFFICERS]
)
def test_other_roles_may_not_approve_pay_or_reverse_education_aid(make_staff, role):
    user = make_staff(role)
    aid = proposed_aid()
    chosen = EducationAid.objects.filter(pk=aid.pk)
    with pytest.raises(PermissionDenied):
        services.approve_entries(entries=chosen, actor=user)
    with pytest.raises(PermissionDenied):
        services.pay_entries(entries=chosen, paid_on=datetime.date(2020, 9, 1), actor=user)
    with pytest.raises(PermissionDenied):
        services.reverse_entry(entry=EducationAidFactory(), reason="x", actor=user)
    assert EducationAid.objects.get(pk=aid.pk).state == GrantState.PROPOSED


def test_paid_education_aid_is_corrected_by_a_reversal(make_staff):
    approver = make_staff(roles.WELFARE)
    aid = EducationAidFactory(amount=Decimal("5000"))
    reversal = services.reverse_entry(
        entry=aid,
        amount=Decimal("1000"),
        reason="学段填错，应为4000元",
        reversed_on=datetime.date(2020, 9, 10),
        actor=approver,
    )
    assert reversal.kind == GrantKind.REVERSAL
    assert reversal.reverses == aid
    assert reversal.amount == Decimal("-1000")
    assert reversal.state == GrantState.PAID
    assert reversal.paid_on == datetime.date(2020, 9, 10)
    assert reversal.student_id_number_digest == aid.student_id_number_digest
    assert reversal.union == aid.union
    assert reversal.notes == "学段填错，应为4000元"
    # A correction is not a second grant to the student that year, and cannot take back
    # more than was paid.
    with pytest.raises(ValidationError, match="冲正金额不能超过已发放金额"):
        services.reverse_entry(entry=aid, amount=Decimal("4000.01"), reason="x", actor=approver)
    with pytest.raises(ValidationError):
        services.reverse_entry(entry=aid, reason=" ", actor=approver)
    # Only paid aid is reversed.
    with pytest.raises(ValidationError, match="只有已发放的记录才能冲正"):
        services.reverse_entry(entry=proposed_aid(), reason="x", actor=approver)
    # The original is untouched.
    assert EducationAid.objects.get(pk=aid.pk).amount == Decimal("5000.00")


def test_figures_count_education_aid_net_of_reversals_in_the_reversals_period(make_staff):
    approver = make_staff(roles.WELFARE)
    aid = EducationAidFactory(amount=Decimal("5000"), paid_on=datetime.date(2020, 8, 25))
    EducationAidFactory(amount=Decimal("4000"), paid_on=datetime.date(2020, 8, 26))
    services.reverse_entry(
        entry=aid, amount=Decimal("1000"), reason="多发", reversed_on=datetime.date(2020, 9, 1),
        actor=approver,
    )  # fmt: skip
    services.reverse_entry(
        entry=aid, amount=Decimal("500"), reason="再次更正", reversed_on=datetime.date(2021, 1, 5),
        actor=approver,
    )  # fmt: skip

    def values(start, end):
        return {figure.key: figure.value for figure in figures(start, end)}

    in_2020 = values(datetime.date(2020, 1, 1), datetime.date(2020, 12, 31))
    assert in_2020["welfare.education_aid_funds"] == Decimal("8000.00")
    assert in_2020["welfare.education_aid_students"] == 2
    in_2021 = values(datetime.date(2021, 1, 1), datetime.date(2021, 12, 31))
    assert in_2021["welfare.education_aid_funds"] == Decimal("-500.00")
    assert in_2021["welfare.education_aid_students"] == 0


def test_reversed_education_aid_leaves_the_public_notice(make_staff):
    today = timezone.localdate()
    campaign = CampaignFactory(
        kind="education",
        notice_starts=today - datetime.timedelta(days=1),
        notice_ends=today + datetime.timedelta(days=1),
    )
    kept = EducationAidFactory(campaign=campaign)
    corrected = EducationAidFactory(campaign=campaign)
    services.reverse_entry(entry=corrected, reason="不符合条件", actor=make_staff(roles.WELFARE))
    assert [entry["id"] for entry in notice_entries(campaign)] == [kept.pk]


# The approval page ----------------------------------------------------------------------


def test_the_approval_page_approves_and_pays_education_aid_in_bulk(client, make_staff):
    approver = make_staff(roles.WELFARE)
    aid = [proposed_aid(student_name=f"待批学生{n}") for n in range(3)]
    client.force_login(approver)
    url = reverse("welfare:grant-approval")
    page = client.get(url).content.decode()
    assert "待批学生0" in page
    response = client.post(
        url, {"action": "approve", "aid": [a.pk for a in aid[:2]], "confirmed": "1"}
    )
    assert response.status_code == 302
    states = dict(EducationAid.objects.values_list("pk", "state"))
    assert states[aid[0].pk] == GrantState.APPROVED
    assert states[aid[2].pk] == GrantState.PROPOSED
    assert EducationAid.objects.get(pk=aid[0].pk).approved_by == approver
    client.post(
        url, {"action": "pay", "aid": [aid[0].pk], "paid_on": "2026-09-01", "confirmed": "1"}
    )
    paid = EducationAid.objects.get(pk=aid[0].pk)
    assert paid.state == GrantState.PAID
    assert paid.paid_on == datetime.date(2026, 9, 1)
    # A bad date pays nothing.
    client.post(
        url, {"action": "pay", "aid": [aid[1].pk], "paid_on": "2026-13-45", "confirmed": "1"}
    )
    assert EducationAid.objects.get(pk=aid[1].pk).state == GrantState.APPROVED


@pytest.mark.parametrize("role", [roles.LEADERS, roles.ORGANISATION, roles.GRASSROOTS_OFFICERS])
def test_other_roles_get_403_on_the_approval_page(client, make_staff, role):
    aid = proposed_aid()
    client.force_login(make_staff(role))
    url = reverse("welfare:grant-approval")
    assert client.get(url).status_code == 403
    assert client.post(url, {"action": "approve", "aid": [aid.pk]}).status_code == 403
    assert EducationAid.objects.get(pk=aid.pk).state == GrantState.PROPOSED


def test_scoped_approver_sees_and_approves_only_aid_of_their_subtree(client, make_staff):
    mine, other = UnionFactory(), UnionFactory()
    inside = proposed_aid(parent=MemberFactory(union=mine), student_name="本会学生")
    outside = proposed_aid(parent=MemberFactory(union=other), student_name="外会学生")
    client.force_login(make_staff(roles.WELFARE, union=mine))
    url = reverse("welfare:grant-approval")
    page = client.get(url).content.decode()
    assert "本会学生" in page
    assert "外会学生" not in page
    client.post(url, {"action": "approve", "aid": [inside.pk, outside.pk], "confirmed": "1"})
    states = dict(EducationAid.objects.values_list("pk", "state"))
    assert states[inside.pk] == GrantState.APPROVED
    assert states[outside.pk] == GrantState.PROPOSED

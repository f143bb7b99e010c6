"""会籍转移: the sender releases, the receiver accepts or refuses; history stays."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from members import services
from members.models import MembershipTransfer
from members.models.transfers import TransferStatus
from yuyang_union import roles


@pytest.fixture
def officer_b(make_staff, tree):
    return make_staff(roles.GRASSROOTS_OFFICERS, union=tree["b"])


def test_union_changes_only_on_acceptance(officer_a, officer_b, member_a, tree):
    transfer = services.release_transfer(
        actor=officer_a, member=member_a, to_union=tree["b"], reason="工作调动"
    )
    member_a.refresh_from_db()
    assert member_a.union == tree["a1"]
    assert transfer.from_union == tree["a1"]
    assert transfer.status == TransferStatus.RELEASED

    services.accept_transfer(actor=officer_b, transfer=transfer)
    member_a.refresh_from_db()
    transfer.refresh_from_db()
    assert member_a.union == tree["b"]
    assert transfer.status == TransferStatus.ACCEPTED
    assert transfer.decided_by == officer_b
    # The history keeps both the transfer and the member's move, with who did it.
    member_log = LogEntry.objects.get_for_object(member_a).filter(actor=officer_b)
    assert member_log.exists()
    assert "union" in member_log.first().changes_dict


def test_release_runs_in_its_own_transaction(officer_a, member_a, tree, monkeypatch):
    """The member is locked (select_for_update) for the whole release, whoever calls it."""
    from django.db import connection

    depth_outside = len(connection.atomic_blocks)
    depths = []
    check = services.check_transfer_allowed

    def recording_check(**kwargs):
        depths.append(len(connection.atomic_blocks))
        return check(**kwargs)

    monkeypatch.setattr(services, "check_transfer_allowed", recording_check)
    services.release_transfer(actor=officer_a, member=member_a, to_union=tree["b"])
    assert depths == [depth_outside + 1]


def test_refusal_leaves_the_member_where_they_were(officer_a, officer_b, member_a, tree):
    transfer = services.release_transfer(actor=officer_a, member=member_a, to_union=tree["b"])
    with pytest.raises(ValidationError):
        services.refuse_transfer(actor=officer_b, transfer=transfer, note="")
    services.refuse_transfer(actor=officer_b, transfer=transfer, note="查无此人")
    member_a.refresh_from_db()
    assert member_a.union == tree["a1"]
    assert MembershipTransfer.objects.get().status == TransferStatus.REFUSED
    # A decided transfer cannot be decided again.
    with pytest.raises(ValidationError):
        services.accept_transfer(actor=officer_b, transfer=transfer)


def test_only_the_receiving_union_accepts(officer_a, member_a, tree):
    transfer = services.release_transfer(actor=officer_a, member=member_a, to_union=tree["b"])
    with pytest.raises(PermissionDenied):
        services.accept_transfer(actor=officer_a, transfer=transfer)
    member_a.refresh_from_db()
    assert member_a.union == tree["a1"]


def test_only_the_sending_union_releases(officer_b, member_a, tree):
    with pytest.raises(PermissionDenied):
        services.release_transfer(actor=officer_b, member=member_a, to_union=tree["b"])
    assert not MembershipTransfer.objects.exists()


def test_one_pending_transfer_per_member(officer_a, member_a, tree):
    services.release_transfer(actor=officer_a, member=member_a, to_union=tree["b"])
    with pytest.raises(ValidationError):
        services.release_transfer(actor=officer_a, member=member_a, to_union=tree["b"])


def test_leader_cannot_release(leader, member_a, tree):
    with pytest.raises(PermissionDenied):
        services.release_transfer(actor=leader, member=member_a, to_union=tree["b"])


def test_release_and_accept_through_the_admin(client, officer_a, officer_b, member_a, tree):
    client.force_login(officer_a)
    response = client.post(
        reverse("admin:members_membershiptransfer_add"),
        {"member": member_a.pk, "to_union": tree["b"].pk, "reason": "工作调动"},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    transfer = MembershipTransfer.objects.get()
    assert transfer.released_by == officer_a

    # The sender may not accept its own release.
    client.post(
        reverse("admin:members_membershiptransfer_changelist"),
        {"action": "accept", "_selected_action": [transfer.pk]},
    )
    member_a.refresh_from_db()
    assert member_a.union == tree["a1"]

    client.force_login(officer_b)
    listing = client.get(reverse("admin:members_membershiptransfer_changelist"))
    assert member_a.name in listing.content.decode()
    client.post(
        reverse("admin:members_membershiptransfer_changelist"),
        {"action": "accept", "_selected_action": [transfer.pk]},
    )
    member_a.refresh_from_db()
    assert member_a.union == tree["b"]


def test_admin_release_form_refuses_by_the_service_rules(client, officer_a, member_a, tree):
    """The release form shows services.check_transfer_allowed's refusals at their fields."""
    client.force_login(officer_a)
    url = reverse("admin:members_membershiptransfer_add")
    response = client.post(url, {"member": member_a.pk, "to_union": tree["a1"].pk})
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["to_union"]
    services.release_transfer(actor=officer_a, member=member_a, to_union=tree["b"])
    response = client.post(url, {"member": member_a.pk, "to_union": tree["b"].pk})
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["member"]
    assert MembershipTransfer.objects.count() == 1


def test_transfer_outside_both_unions_is_hidden(client, make_staff, member_a, tree, officer_a):
    from tests.members.factories import UnionFactory

    outsider = make_staff(roles.GRASSROOTS_OFFICERS, union=UnionFactory(name="其他镇工会"))
    transfer = services.release_transfer(actor=officer_a, member=member_a, to_union=tree["b"])
    client.force_login(outsider)
    response = client.get(reverse("admin:members_membershiptransfer_change", args=[transfer.pk]))
    assert response.status_code == 404


def test_release_form_offers_unions_outside_the_senders_subtree(client, officer_a, tree):
    client.force_login(officer_a)
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "members",
            "model_name": "membershiptransfer",
            "field_name": "to_union",
            "term": "麻旺",
        },
    )
    assert [r["id"] for r in response.json()["results"]] == [str(tree["b"].pk)]


def test_transfers_are_found_by_the_members_id_number(client, organisation, member_a, tree):
    services.release_transfer(actor=organisation, member=member_a, to_union=tree["b"])
    client.force_login(organisation)
    url = reverse("admin:members_membershiptransfer_changelist")
    assert member_a.name in client.get(url, {"q": member_a.id_number}).content.decode()
    assert member_a.name not in client.get(url, {"q": "11010519491231002X"}).content.decode()


def test_staff_home_shows_transfers_waiting(client, officer_a, officer_b, member_a, tree):
    services.release_transfer(actor=officer_a, member=member_a, to_union=tree["b"])
    client.force_login(officer_b)
    content = client.get(reverse("staff-home")).content.decode()
    assert "Waiting for your union to accept: 1" in content or "等待本工会接收：1" in content


def test_member_list_action_opens_the_transfer_form(client, officer_a, leader, member_a):
    url = reverse("admin:members_member_changelist")
    client.force_login(officer_a)
    response = client.post(url, {"action": "release_to_union", "_selected_action": [member_a.pk]})
    assert response.status_code == 302
    assert response["Location"].endswith(f"?member={member_a.pk}")
    client.force_login(leader)
    assert "release_to_union" not in client.get(url).content.decode()

"""Writes of the members app: small keyword-only functions, atomic, checked, with history.

Each takes the acting user (`actor`), checks it may act on the unions involved, and runs under
auditlog's `set_actor` so the history names who did it.
"""

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yuyang_union.scoping import union_in_scope

from .models import Member, MembershipTransfer
from .models.members import MemberStatus
from .models.transfers import TransferStatus


def _require(actor, permission):
    if not actor.has_perm(permission):
        raise PermissionDenied


def check_transfer_allowed(*, member, to_union):
    """The rules a release must pass; a ValidationError names the field at fault.

    The admin's release form asks this before saving; `release_transfer` asks again with the
    member locked.
    """
    if member.status != MemberStatus.ACTIVE:
        raise ValidationError({"member": _("Only an active member can be transferred.")})
    if to_union.pk == member.union_id:
        raise ValidationError({"to_union": _("The member already belongs to this union.")})
    if MembershipTransfer.objects.filter(member=member, status=TransferStatus.RELEASED).exists():
        raise ValidationError(
            {"member": _("This member already has a transfer waiting for an answer.")}
        )


@transaction.atomic
def release_transfer(*, actor, member, to_union, reason=""):
    """The sending union releases a member to another union; nothing moves yet."""
    _require(actor, "members.add_membershiptransfer")
    member = Member.objects.select_for_update().select_related("union").get(pk=member.pk)
    if not union_in_scope(actor, member.union):
        raise PermissionDenied
    check_transfer_allowed(member=member, to_union=to_union)
    transfer = MembershipTransfer(
        member=member,
        from_union=member.union,
        to_union=to_union,
        reason=reason,
        released_by=actor,
    )
    transfer.full_clean()
    with set_actor(actor):
        transfer.save()
    return transfer


def _pending_for_decision(actor, transfer):
    transfer = (
        MembershipTransfer.objects.select_for_update()
        .select_related("member", "to_union", "from_union")
        .get(pk=transfer.pk)
    )
    if transfer.status != TransferStatus.RELEASED:
        raise ValidationError(_("This transfer has already been decided."))
    return transfer


def _record_decision(actor, transfer, status, note):
    transfer.status = status
    transfer.decided_by = actor
    transfer.decided_at = timezone.now()
    transfer.decision_note = note
    transfer.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])


@transaction.atomic
def accept_transfer(*, actor, transfer, note=""):
    """The receiving union accepts: only now does the member's union change."""
    _require(actor, "members.change_membershiptransfer")
    transfer = _pending_for_decision(actor, transfer)
    if not union_in_scope(actor, transfer.to_union):
        raise PermissionDenied
    member = Member.objects.select_for_update().get(pk=transfer.member_id)
    with set_actor(actor):
        _record_decision(actor, transfer, TransferStatus.ACCEPTED, note)
        member.union = transfer.to_union
        member.save(update_fields=["union", "updated_at"])
    return transfer


@transaction.atomic
def refuse_transfer(*, actor, transfer, note=""):
    """The receiving union refuses: the member stays where they were."""
    _require(actor, "members.change_membershiptransfer")
    transfer = _pending_for_decision(actor, transfer)
    if not union_in_scope(actor, transfer.to_union):
        raise PermissionDenied
    if not note:
        raise ValidationError(_("Give a reason for refusing the transfer."))
    with set_actor(actor):
        _record_decision(actor, transfer, TransferStatus.REFUSED, note)
    return transfer


@transaction.atomic
def cancel_transfer(*, actor, transfer, note=""):
    """The sending union withdraws a release that has not been answered."""
    _require(actor, "members.change_membershiptransfer")
    transfer = _pending_for_decision(actor, transfer)
    if not union_in_scope(actor, transfer.from_union):
        raise PermissionDenied
    transfer.status = TransferStatus.CANCELLED
    transfer.decided_by = actor
    transfer.decided_at = timezone.now()
    transfer.decision_note = note
    with set_actor(actor):
        transfer.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    return transfer

"""Writes of the members app: small keyword-only functions, atomic, checked, with history.

Each takes the acting user (`actor`), checks it may act on the unions involved, runs under
auditlog's `set_actor` so the field history names who did it, and writes one action entry.
"""

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yuyang_union.history.actions import log_action
from yuyang_union.history.actors import require_permission
from yuyang_union.history.verbs import Verb
from yuyang_union.scoping import union_in_scope
from yuyang_union.users import Actor

from . import verbs
from .models import Member, MembershipTransfer, UnionOrganisation
from .models.members import MemberStatus
from .models.transfers import TransferStatus


def check_transfer_allowed(*, member: Member, to_union: UnionOrganisation) -> None:
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
def release_transfer(
    *, actor: Actor, member: Member, to_union: UnionOrganisation, reason: str = ""
) -> MembershipTransfer:
    """The sending union releases a member to another union; nothing moves yet."""
    require_permission(actor, "members.add_membershiptransfer")
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
    log_action(
        actor=actor,
        verb=verbs.TRANSFER_RELEASED,
        obj=transfer,
        data={"to_union": to_union, "reason": reason},
    )
    return transfer


def _pending_for_decision(transfer: MembershipTransfer) -> MembershipTransfer:
    transfer = (
        MembershipTransfer.objects.select_for_update()
        .select_related("member", "to_union", "from_union")
        .get(pk=transfer.pk)
    )
    if transfer.status != TransferStatus.RELEASED:
        raise ValidationError(_("This transfer has already been decided."))
    return transfer


def _record_decision(
    actor: Actor, transfer: MembershipTransfer, status: str, note: str, verb: Verb
) -> None:
    transfer.status = status
    transfer.decided_by = actor
    transfer.decided_at = timezone.now()
    transfer.decision_note = note
    with set_actor(actor):
        transfer.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    log_action(actor=actor, verb=verb, obj=transfer, data={"note": note})


@transaction.atomic
def accept_transfer(
    *, actor: Actor, transfer: MembershipTransfer, note: str = ""
) -> MembershipTransfer:
    """The receiving union accepts: only now does the member's union change."""
    require_permission(actor, "members.change_membershiptransfer")
    transfer = _pending_for_decision(transfer)
    if not union_in_scope(actor, transfer.to_union):
        raise PermissionDenied
    member = Member.objects.select_for_update().get(pk=transfer.member_id)
    _record_decision(actor, transfer, TransferStatus.ACCEPTED, note, verbs.TRANSFER_ACCEPTED)
    with set_actor(actor):
        member.union = transfer.to_union
        member.save(update_fields=["union", "updated_at"])
    return transfer


@transaction.atomic
def refuse_transfer(
    *, actor: Actor, transfer: MembershipTransfer, note: str = ""
) -> MembershipTransfer:
    """The receiving union refuses: the member stays where they were."""
    require_permission(actor, "members.change_membershiptransfer")
    transfer = _pending_for_decision(transfer)
    if not union_in_scope(actor, transfer.to_union):
        raise PermissionDenied
    if not note:
        raise ValidationError(_("Give a reason for refusing the transfer."))
    _record_decision(actor, transfer, TransferStatus.REFUSED, note, verbs.TRANSFER_REFUSED)
    return transfer


@transaction.atomic
def cancel_transfer(
    *, actor: Actor, transfer: MembershipTransfer, note: str = ""
) -> MembershipTransfer:
    """The sending union withdraws a release that has not been answered."""
    require_permission(actor, "members.change_membershiptransfer")
    transfer = _pending_for_decision(transfer)
    if not union_in_scope(actor, transfer.from_union):
        raise PermissionDenied
    _record_decision(actor, transfer, TransferStatus.CANCELLED, note, verbs.TRANSFER_CANCELLED)
    return transfer

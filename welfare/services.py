"""Writes of the welfare app: small keyword-only functions, each atomic and audited.

Every function takes the acting user as `actor`, validates with `full_clean()` (model rules
and database constraints give their messages before the database is asked), runs in one
transaction, names the actor in the field history (auditlog's `set_actor`) and writes one
action entry per record it changes.
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Member, UnionOrganisation
from yuyang_union.history.actions import log_action, log_actions
from yuyang_union.history.actors import require_permission
from yuyang_union.scoping import check_union_in_scope
from yuyang_union.users import Actor
from yuyang_union.versions.conflicts import require_version

from . import verbs
from .models import (
    EducationAid,
    FileStatus,
    Grant,
    GrantState,
    HardshipHousehold,
    HouseholdReview,
    LiftMeasure,
    ReliefCampaign,
    ReviewOutcome,
)
from .models.ledger import EntryQuerySet, PaidLedgerEntry

APPROVE_PERMISSION = "welfare.approve_grant"


def _require_open(household: HardshipHousehold) -> None:
    if household.status != FileStatus.IN_FILE:
        raise ValidationError(_("This file is no longer in file."), code="file_closed")


# Household files ------------------------------------------------------------------------


def _locked_as_read(household: HardshipHousehold, read_version: int | None) -> HardshipHousehold:
    """The file's row locked; refused if it moved past the version the caller's page read."""
    locked = HardshipHousehold.objects.select_for_update().get(pk=household.pk)
    require_version(locked, read_version)
    _require_open(locked)
    return locked


def register_household(
    *,
    actor: Actor,
    head: Member,
    union: UnionOrganisation | None,
    tier: str,
    registered_on: datetime.date,
    household_size: int = 1,
    causes: list[str] | tuple[str, ...] = (),
    situation: str = "",
    monthly_income_per_person: Decimal | None = None,
    previous_file: HardshipHousehold | None = None,
) -> HardshipHousehold:
    """Open a hardship file for `head`; refused while another file of theirs is in file.

    The registering union is the head's own unless another is given (in the actor's scope).
    """
    if union is None:
        union = head.union
    check_union_in_scope(actor, union)
    household = HardshipHousehold(
        head=head,
        union=union,
        tier=tier,
        registered_on=registered_on,
        household_size=household_size,
        causes=list(causes),
        situation=situation,
        monthly_income_per_person=monthly_income_per_person,
        previous_file=previous_file,
        registered_by=actor,
    )
    household.full_clean()
    with transaction.atomic(), set_actor(actor):
        household.save()
        log_action(
            actor=actor,
            verb=verbs.HOUSEHOLD_REGISTERED,
            obj=household,
            data={
                "tier": tier,
                "registered_on": registered_on,
                "previous_file": previous_file,
            },
        )
    return household


def register_relapse(
    *,
    actor: Actor,
    previous_file: HardshipHousehold,
    registered_on: datetime.date,
    tier: str,
    **fields: Any,
) -> HardshipHousehold:
    """A household that fell back into hardship: a new file that links the old one."""
    if previous_file.status == FileStatus.IN_FILE:
        raise ValidationError(
            _("The earlier file is still in file; review it instead of opening a new one."),
            code="still_open",
        )
    return register_household(
        actor=actor,
        head=previous_file.head,
        union=fields.pop("union", previous_file.union),
        tier=tier,
        registered_on=registered_on,
        household_size=fields.pop("household_size", previous_file.household_size),
        previous_file=previous_file,
        **fields,
    )


def review_household(
    *,
    actor: Actor,
    household: HardshipHousehold,
    reviewed_on: datetime.date,
    outcome: str,
    notes: str = "",
    new_tier: str | None = None,
    read_version: int | None = None,
) -> HouseholdReview:
    """Record the yearly review; a review that changes the tier changes the file too."""
    _require_open(household)
    review = HouseholdReview(
        household=household,
        reviewed_on=reviewed_on,
        outcome=outcome,
        notes=notes,
        reviewer=actor,
    )
    review.full_clean()
    with transaction.atomic(), set_actor(actor):
        household = _locked_as_read(household, read_version)
        review.household = household
        review.save()
        tier_change = new_tier if new_tier and new_tier != household.tier else None
        if tier_change:
            household.tier = tier_change
            household.full_clean()
            household.save(update_fields=["tier", "updated_at"])
        log_action(
            actor=actor,
            verb=verbs.HOUSEHOLD_REVIEWED,
            obj=household,
            data={
                "outcome": outcome,
                "reviewed_on": reviewed_on,
                "new_tier": tier_change,
            },
        )
    return review


def lift_out(
    *,
    actor: Actor,
    household: HardshipHousehold,
    lifted_out_on: datetime.date,
    measure: str,
    read_version: int | None = None,
) -> HardshipHousehold:
    """The household is out of hardship, by one of the four measures (四个一批)."""
    _require_open(household)
    if measure not in LiftMeasure.values:
        raise ValidationError({"lift_measure": _("Choose one of the four measures.")})
    with transaction.atomic(), set_actor(actor):
        household = _locked_as_read(household, read_version)
        household.status = FileStatus.LIFTED_OUT
        household.lifted_out_on = lifted_out_on
        household.lift_measure = measure
        household.full_clean()
        household.save(update_fields=["status", "lifted_out_on", "lift_measure", "updated_at"])
        HouseholdReview.objects.create(
            household=household,
            reviewed_on=lifted_out_on,
            reviewer=actor,
            outcome=ReviewOutcome.LIFT_OUT,
            notes=str(LiftMeasure(measure).label),
        )
        log_action(
            actor=actor,
            verb=verbs.HOUSEHOLD_LIFTED_OUT,
            obj=household,
            data={"measure": measure, "lifted_out_on": lifted_out_on},
        )
    return household


def cancel_household(
    *,
    actor: Actor,
    household: HardshipHousehold,
    cancelled_on: datetime.date,
    reason: str,
    read_version: int | None = None,
) -> HardshipHousehold:
    """Take a file off the register (e.g. registered in error, moved away), with the reason."""
    _require_open(household)
    if not reason or not reason.strip():
        raise ValidationError({"cancel_reason": _("Give the reason for cancelling.")})
    with transaction.atomic(), set_actor(actor):
        household = _locked_as_read(household, read_version)
        household.status = FileStatus.CANCELLED
        household.cancelled_on = cancelled_on
        household.cancel_reason = reason.strip()
        household.full_clean()
        household.save(update_fields=["status", "cancelled_on", "cancel_reason", "updated_at"])
        log_action(
            actor=actor,
            verb=verbs.HOUSEHOLD_CANCELLED,
            obj=household,
            data={"cancelled_on": cancelled_on, "reason": household.cancel_reason},
        )
    return household


# Grants ---------------------------------------------------------------------------------


def propose_grant(
    *,
    actor: Actor,
    campaign: ReliefCampaign,
    amount: Decimal,
    granted_on: datetime.date,
    household: HardshipHousehold | None = None,
    member: Member | None = None,
    form: str = "cash",
    is_home_visit: bool = False,
    notes: str = "",
) -> Grant:
    grant = Grant(
        campaign=campaign,
        household=household,
        member=member,
        amount=amount,
        form=form,
        granted_on=granted_on,
        is_home_visit=is_home_visit,
        notes=notes,
        proposed_by=actor,
    )
    grant.union = grant.recipient_union
    if grant.union is not None:
        check_union_in_scope(actor, grant.union)
    grant.full_clean()
    with transaction.atomic(), set_actor(actor):
        grant.save()
        log_action(
            actor=actor,
            verb=verbs.ENTRY_PROPOSED,
            obj=grant,
            data={"amount": grant.amount, "campaign": campaign},
        )
    return grant


def _check_may_approve(actor: Actor) -> None:
    require_permission(actor, APPROVE_PERMISSION, _("You may not approve or pay grants."))


def approve_entries(*, actor: Actor, entries: EntryQuerySet) -> int:
    """Approve many proposed entries (grants or education aid) at once; return how many.

    `entries` is a queryset (already scoped to the user by the caller); rows that are no
    longer proposed, and reversals, are skipped. Each row is saved on its own so that its
    history names the approver.
    """
    _check_may_approve(actor)
    now = timezone.now()
    approved = []
    with transaction.atomic(), set_actor(actor):
        for entry in _locked(entries.awaiting_approval()):
            entry.state = GrantState.APPROVED
            entry.approved_by = actor
            entry.approved_at = now
            entry.save(update_fields=["state", "approved_by", "approved_at"])
            approved.append(entry)
        log_actions(actor=actor, verb=verbs.ENTRY_APPROVED, objects=approved)
        if approved and entries.model is EducationAid:
            # A member's 金秋助学 request that became this aid now has its decision.
            # (Imported here: those services build on this module's.)
            from .help_request_services import conclude_requests_for_aid

            conclude_requests_for_aid(actor=actor, aids=approved)
    return len(approved)


def pay_entries(*, actor: Actor, entries: EntryQuerySet, paid_on: datetime.date) -> int:
    """Mark approved entries paid; from then on they are final."""
    _check_may_approve(actor)
    paid = []
    with transaction.atomic(), set_actor(actor):
        for entry in _locked(entries.approved_unpaid()):
            entry.state = GrantState.PAID
            entry.paid_on = paid_on
            entry.save(update_fields=["state", "paid_on"])
            paid.append(entry)
        log_actions(actor=actor, verb=verbs.ENTRY_PAID, objects=paid, data={"paid_on": paid_on})
    return len(paid)


def _locked(entries: EntryQuerySet) -> EntryQuerySet:
    """The entries' rows locked, read with what their names need for the action log.

    In id order: two officers acting on overlapping selections take the locks in the same
    order, so one waits for the other instead of both failing on a deadlock. The state
    filter is checked again on each row once it is locked, so an entry the other officer
    approved or paid meanwhile is skipped, and counted by neither twice.
    """
    return (
        entries.select_for_update(of=("self",))
        .select_related(*entries.model.repr_related)
        .order_by("pk")
    )


@transaction.atomic
def approve_entry_sets(*, actor: Actor, entry_sets: Iterable[EntryQuerySet]) -> int:
    """`approve_entries` over several querysets (grants and education aid) all or nothing."""
    return sum(approve_entries(actor=actor, entries=entries) for entries in entry_sets)


@transaction.atomic
def pay_entry_sets(
    *, actor: Actor, entry_sets: Iterable[EntryQuerySet], paid_on: datetime.date
) -> int:
    """`pay_entries` over several querysets (grants and education aid) all or nothing."""
    return sum(pay_entries(actor=actor, entries=entries, paid_on=paid_on) for entries in entry_sets)


@transaction.atomic
def reverse_entries_in_full(*, actor: Actor, entries: EntryQuerySet, reason: str) -> int:
    """Reverse in full the paid grants among `entries` not reversed yet; return how many.

    Entries already (partly) reversed are left alone: the rest is reversed by hand. Two
    officers reversing the same entries at once (or one clicking twice) reverse each once:
    the rows are locked first, in id order, and only then is "not reversed yet" read again,
    so the second finds the first's reversals and skips those entries.
    """
    _check_may_approve(actor)
    model = entries.model
    candidates = list(entries.select_related(None).reversible().values_list("pk", flat=True))
    locked = model.objects.select_for_update().filter(pk__in=candidates).order_by("pk")
    list(locked.values_list("pk", flat=True))
    count = 0
    for entry in model.objects.filter(pk__in=candidates).reversible().order_by("pk"):
        reverse_entry(actor=actor, entry=entry, reason=reason)
        count += 1
    return count


def reverse_entry(
    *,
    actor: Actor,
    entry: PaidLedgerEntry,
    reason: str,
    reversed_on: datetime.date | None = None,
    amount: Decimal | None = None,
) -> PaidLedgerEntry:
    """Correct a paid entry with a new negative entry linked to it (all or part of it)."""
    _check_may_approve(actor)
    if not reason or not reason.strip():
        raise ValidationError({"notes": _("Give the reason for the reversal.")})
    amount = Decimal(amount) if amount is not None else entry.amount
    reversal = entry.make_reversal(
        amount=amount, on=reversed_on or timezone.localdate(), reason=reason.strip(), actor=actor
    )
    with transaction.atomic(), set_actor(actor):
        # One reversal of an entry at a time, so two cannot together take back too much.
        # `objects` of the concrete entry model (the stubs see the abstract base's type).
        type(entry).objects.select_for_update().get(pk=entry.pk)  # type: ignore[attr-defined]
        reversal.full_clean()
        reversal.save()
        log_action(
            actor=actor,
            verb=verbs.ENTRY_REVERSED,
            obj=entry,
            data={"amount": reversal.amount, "reason": reversal.notes},
        )
    return reversal


# Education aid --------------------------------------------------------------------------


def propose_education_aid(*, actor: Actor, **fields: Any) -> EducationAid:
    """Put a student forward for 金秋助学; the union is the parent's (or the household's)."""
    aid = EducationAid(**fields, proposed_by=actor)
    if aid.union_id is None:
        aid.union = aid.parent.union if aid.parent_id else aid.household.union
    check_union_in_scope(actor, aid.union)
    aid.full_clean()
    with transaction.atomic(), set_actor(actor):
        aid.save()
        log_action(
            actor=actor,
            verb=verbs.ENTRY_PROPOSED,
            obj=aid,
            data={"amount": aid.amount, "campaign": aid.campaign},
        )
    return aid

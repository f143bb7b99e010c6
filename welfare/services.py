"""Writes of the welfare app: small keyword-only functions, each atomic and audited.

Every function validates with `full_clean()` (model rules and database constraints give
their messages before the database is asked), runs in one transaction, and sets the
auditlog actor so that each history entry names who made the change.
"""

import contextlib
import datetime
from decimal import Decimal

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yuyang_union.scoping import check_union_in_scope

from .models import (
    EducationAid,
    FileStatus,
    Grant,
    GrantKind,
    GrantState,
    HardshipHousehold,
    HouseholdReview,
    LiftMeasure,
    ReviewOutcome,
)

APPROVE_PERMISSION = "welfare.approve_grant"


def _as_actor(user):
    return set_actor(user) if user is not None else contextlib.nullcontext()


def _require_open(household):
    if household.status != FileStatus.IN_FILE:
        raise ValidationError(_("This file is no longer in file."), code="file_closed")


# Household files ------------------------------------------------------------------------


def register_household(
    *,
    head,
    union,
    tier,
    registered_on,
    household_size=1,
    causes=(),
    situation="",
    monthly_income_per_person=None,
    previous_file=None,
    by=None,
):
    """Open a hardship file for `head`; refused while another file of theirs is in file."""
    if by is not None:
        check_union_in_scope(by, union)
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
        registered_by=by,
    )
    household.full_clean()
    with transaction.atomic(), _as_actor(by):
        household.save()
    return household


def register_relapse(*, previous_file, registered_on, tier, by=None, **fields):
    """A household that fell back into hardship: a new file that links the old one."""
    if previous_file.status == FileStatus.IN_FILE:
        raise ValidationError(
            _("The earlier file is still in file; review it instead of opening a new one."),
            code="still_open",
        )
    return register_household(
        head=previous_file.head,
        union=fields.pop("union", previous_file.union),
        tier=tier,
        registered_on=registered_on,
        household_size=fields.pop("household_size", previous_file.household_size),
        previous_file=previous_file,
        by=by,
        **fields,
    )


def review_household(
    *, household, reviewed_on, outcome, notes="", new_tier=None, by=None
) -> HouseholdReview:
    """Record the yearly review; a review that changes the tier changes the file too."""
    _require_open(household)
    review = HouseholdReview(
        household=household, reviewed_on=reviewed_on, outcome=outcome, notes=notes, reviewer=by
    )
    review.full_clean()
    with transaction.atomic(), _as_actor(by):
        review.save()
        if new_tier and new_tier != household.tier:
            household.tier = new_tier
            household.full_clean()
            household.save(update_fields=["tier", "updated_at"])
    return review


def lift_out(*, household, lifted_out_on, measure, by=None):
    """The household is out of hardship, by one of the four measures (四个一批)."""
    _require_open(household)
    if measure not in LiftMeasure.values:
        raise ValidationError({"lift_measure": _("Choose one of the four measures.")})
    with transaction.atomic(), _as_actor(by):
        household = HardshipHousehold.objects.select_for_update().get(pk=household.pk)
        _require_open(household)
        household.status = FileStatus.LIFTED_OUT
        household.lifted_out_on = lifted_out_on
        household.lift_measure = measure
        household.full_clean()
        household.save(update_fields=["status", "lifted_out_on", "lift_measure", "updated_at"])
        HouseholdReview.objects.create(
            household=household,
            reviewed_on=lifted_out_on,
            reviewer=by,
            outcome=ReviewOutcome.LIFT_OUT,
            notes=LiftMeasure(measure).label,
        )
    return household


def cancel_household(*, household, cancelled_on, reason, by=None):
    """Take a file off the register (e.g. registered in error, moved away), with the reason."""
    _require_open(household)
    if not reason or not reason.strip():
        raise ValidationError({"cancel_reason": _("Give the reason for cancelling.")})
    with transaction.atomic(), _as_actor(by):
        household = HardshipHousehold.objects.select_for_update().get(pk=household.pk)
        _require_open(household)
        household.status = FileStatus.CANCELLED
        household.cancelled_on = cancelled_on
        household.cancel_reason = reason.strip()
        household.full_clean()
        household.save(update_fields=["status", "cancelled_on", "cancel_reason", "updated_at"])
    return household


# Grants ---------------------------------------------------------------------------------


def propose_grant(
    *,
    campaign,
    amount,
    granted_on,
    household=None,
    member=None,
    form="cash",
    is_home_visit=False,
    notes="",
    by=None,
):
    grant = Grant(
        campaign=campaign,
        household=household,
        member=member,
        amount=amount,
        form=form,
        granted_on=granted_on,
        is_home_visit=is_home_visit,
        notes=notes,
        proposed_by=by,
    )
    grant.union = grant.recipient_union
    if by is not None and grant.union is not None:
        check_union_in_scope(by, grant.union)
    grant.full_clean()
    with transaction.atomic(), _as_actor(by):
        grant.save()
    return grant


def _check_may_approve(user):
    if user is None or not user.has_perm(APPROVE_PERMISSION):
        raise PermissionDenied(_("You may not approve or pay grants."))


def approve_entries(*, entries, by):
    """Approve many proposed entries (grants or education aid) at once; return how many.

    `entries` is a queryset (already scoped to the user by the caller); rows that are no
    longer proposed, and reversals, are skipped. Each row is saved on its own so that its
    history names the approver.
    """
    _check_may_approve(by)
    now = timezone.now()
    approved = 0
    with transaction.atomic(), set_actor(by):
        for entry in entries.select_for_update(of=("self",)).awaiting_approval():
            entry.state = GrantState.APPROVED
            entry.approved_by = by
            entry.approved_at = now
            entry.save(update_fields=["state", "approved_by", "approved_at"])
            approved += 1
    return approved


def pay_entries(*, entries, paid_on: datetime.date, by):
    """Mark approved entries paid; from then on they are final."""
    _check_may_approve(by)
    paid = 0
    with transaction.atomic(), set_actor(by):
        for entry in entries.select_for_update(of=("self",)).approved_unpaid():
            entry.state = GrantState.PAID
            entry.paid_on = paid_on
            entry.save(update_fields=["state", "paid_on"])
            paid += 1
    return paid


@transaction.atomic
def approve_entry_sets(*, entry_sets, by):
    """`approve_entries` over several querysets (grants and education aid) all or nothing."""
    return sum(approve_entries(entries=entries, by=by) for entries in entry_sets)


@transaction.atomic
def pay_entry_sets(*, entry_sets, paid_on: datetime.date, by):
    """`pay_entries` over several querysets (grants and education aid) all or nothing."""
    return sum(pay_entries(entries=entries, paid_on=paid_on, by=by) for entries in entry_sets)


def reverse_entries_in_full(*, entries, reason, by):
    """Reverse in full the paid grants among `entries` not reversed yet; return how many.

    Entries already (partly) reversed are left alone: the rest is reversed by hand.
    """
    count = 0
    for entry in (
        entries.select_related(None)
        .filter(state=GrantState.PAID, kind=GrantKind.GRANT)
        .without_reversal()
    ):
        reverse_entry(entry=entry, reason=reason, by=by)
        count += 1
    return count


def reverse_entry(*, entry, reason, reversed_on=None, amount=None, by):
    """Correct a paid entry with a new negative entry linked to it (all or part of it)."""
    _check_may_approve(by)
    if not reason or not reason.strip():
        raise ValidationError({"notes": _("Give the reason for the reversal.")})
    amount = Decimal(amount) if amount is not None else entry.amount
    reversal = entry.make_reversal(
        amount=amount, on=reversed_on or timezone.localdate(), reason=reason.strip(), by=by
    )
    with transaction.atomic(), set_actor(by):
        # One reversal of an entry at a time, so two cannot together take back too much.
        type(entry).objects.select_for_update().get(pk=entry.pk)
        reversal.full_clean()
        reversal.save()
    return reversal


# Education aid --------------------------------------------------------------------------


def propose_education_aid(*, by=None, **fields):
    """Put a student forward for 金秋助学; the union is the parent's (or the household's)."""
    aid = EducationAid(**fields, proposed_by=by)
    if aid.union_id is None:
        aid.union = aid.parent.union if aid.parent_id else aid.household.union
    if by is not None:
        check_union_in_scope(by, aid.union)
    aid.full_clean()
    with transaction.atomic(), _as_actor(by):
        aid.save()
    return aid

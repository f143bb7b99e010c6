"""What the welfare services record in the action log (yuyang_union.history)."""

from django.utils.translation import gettext_lazy as _

from yuyang_union.history.verbs import Detail, Verb

from .models import HardshipTier, LiftMeasure, ReviewOutcome

HOUSEHOLD_REGISTERED = Verb(
    "welfare.household.registered",
    _("Registered the hardship file"),
    details={
        "tier": Detail(_("tier"), choices=HardshipTier),
        "registered_on": Detail(_("registered on"), "date"),
        "previous_file": Detail(_("earlier file")),
    },
)
HOUSEHOLD_REVIEWED = Verb(
    "welfare.household.reviewed",
    _("Reviewed the household"),
    details={
        "outcome": Detail(_("outcome"), choices=ReviewOutcome),
        "reviewed_on": Detail(_("reviewed on"), "date"),
        "new_tier": Detail(_("new tier"), choices=HardshipTier),
    },
)
HOUSEHOLD_LIFTED_OUT = Verb(
    "welfare.household.lifted_out",
    _("Lifted the household out of hardship"),
    details={
        "measure": Detail(_("measure"), choices=LiftMeasure),
        "lifted_out_on": Detail(_("lifted out on"), "date"),
    },
)
HOUSEHOLD_CANCELLED = Verb(
    "welfare.household.cancelled",
    _("Took the file off the register"),
    details={
        "cancelled_on": Detail(_("cancelled on"), "date"),
        "reason": Detail(_("reason")),
    },
)
ENTRY_PROPOSED = Verb(
    "welfare.entry.proposed",
    _("Proposed the payment"),
    details={"amount": Detail(_("amount"), "money"), "campaign": Detail(_("campaign"))},
)
ENTRY_APPROVED = Verb("welfare.entry.approved", _("Approved the payment"))
ENTRY_PAID = Verb(
    "welfare.entry.paid",
    _("Marked the payment as paid"),
    details={"paid_on": Detail(_("paid on"), "date")},
)
ENTRY_REVERSED = Verb(
    "welfare.entry.reversed",
    _("Reversed the payment"),
    details={
        "amount": Detail(_("amount"), "money"),
        "reason": Detail(_("reason")),
    },
)

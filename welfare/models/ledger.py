"""What every kind of welfare payment shares: proposed → approved → paid, then final.

`Grant` (送温暖 and the other campaigns) and `EducationAid` (金秋助学) are both ledger
entries built on `PaidLedgerEntry`. The rule of issue 4, "a paid grant cannot be edited,
only reversed by a correcting entry", lives here once and is held in four places, each
written once for every entry model:

- the model: `save()`, `delete()` and `clean()` refuse to change a paid row;
- the admin: `welfare.admin.PaidEntryAdminMixin` opens a paid row read-only (403 on POST);
- the database: the trigger `paid_is_final()` below, declared in each entry model's
  `Meta.triggers` (django-pgtrigger writes its migrations). The site's database role owns
  no table, so it cannot drop or disable it, and cannot switch it off with
  `pgtrigger.ignore` either (`yuyang_union.database.triggers`);
- the services: `welfare.services.reverse_entry()` writes the correcting entry, built by
  `PaidLedgerEntry.make_reversal()`.
"""

import pgtrigger
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yuyang_union.bounds import MoneyCeiling, not_before_1949
from yuyang_union.database.triggers import OwnerOnlyIgnoreTrigger
from yuyang_union.versions.models import VersionedModel


class GrantState(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("grant state", "Proposed")
    APPROVED = "approved", pgettext_lazy("grant state", "Approved")
    PAID = "paid", pgettext_lazy("grant state", "Paid")


class GrantKind(models.TextChoices):
    GRANT = "grant", _("Grant")
    REVERSAL = "reversal", _("Reversal (correcting entry)")


class PaidGrantError(ValidationError):
    """Raised on any attempt to change or delete a paid entry."""


def entry_constraints(prefix):
    """The database rules every entry table holds, named `<prefix>_...`.

    Amounts are positive except on a reversal, which is negative and names the entry it
    corrects; an approved entry records its approval, a paid one its payment date.
    """
    return [
        models.CheckConstraint(
            condition=(
                models.Q(kind="grant", amount__gt=0, reverses__isnull=True)
                | models.Q(kind="reversal", amount__lt=0, reverses__isnull=False)
            ),
            name=f"{prefix}_amount_positive_unless_reversal",
            violation_error_code=f"{prefix}_amount_positive_unless_reversal",
            violation_error_message=_(
                "The amount must be more than zero; only a reversal of a paid grant may "
                "be negative."
            ),
        ),
        models.CheckConstraint(
            condition=(
                models.Q(state="proposed", paid_on__isnull=True)
                | models.Q(state="approved", approved_at__isnull=False, paid_on__isnull=True)
                | models.Q(state="paid", approved_at__isnull=False, paid_on__isnull=False)
            ),
            name=f"{prefix}_state_dates",
            violation_error_code=f"{prefix}_state_dates",
            violation_error_message=_(
                "An approved grant needs its approval; a paid grant its payment date."
            ),
        ),
    ]


def paid_is_final() -> OwnerOnlyIgnoreTrigger:
    """The database's own refusal to change or delete a paid entry, for `Meta.triggers`.

    It covers what the model cannot see: bulk `QuerySet.update()`, raw SQL, any future code
    path that forgets the rule. Corrections are new rows (reversals), which it lets through.
    The error is an integrity violation naming the table and the row. Only the tables'
    owner may skip it with `pgtrigger.ignore` (the site role may not).
    """
    return OwnerOnlyIgnoreTrigger(
        name="paid_entry_is_final",
        when=pgtrigger.Before,
        operation=pgtrigger.Update | pgtrigger.Delete,
        condition=pgtrigger.Q(old__state="paid"),
        func=(
            "RAISE EXCEPTION '% row % is paid and cannot be changed or deleted; "
            "record a reversal', TG_TABLE_NAME, OLD.id "
            "USING ERRCODE = 'integrity_constraint_violation';"
        ),
    )


class EntryQuerySet(models.QuerySet):
    def paid(self):
        return self.filter(state=GrantState.PAID)

    def awaiting_approval(self):
        return self.filter(state=GrantState.PROPOSED, kind=GrantKind.GRANT)

    def approved_unpaid(self):
        return self.filter(state=GrantState.APPROVED)

    def without_reversal(self):
        """Entries that no reversal corrects (an indexed EXISTS on `reverses`)."""
        reversals = self.model.objects.filter(reverses=models.OuterRef("pk"))
        return self.exclude(models.Exists(reversals))

    def reversible(self):
        """Paid grants no reversal corrects yet (one partly reversed is corrected by hand)."""
        return self.paid().filter(kind=GrantKind.GRANT).without_reversal()


class PaidLedgerEntry(VersionedModel):
    """Abstract base of a payment: its amount, its state and the paid-is-final rule.

    A subclass names the fields a reversal copies from the original in
    `reversal_copied_fields`, and may add `reversal_extra_fields(on)` for fields that take
    the reversal's date.
    """

    kind = models.CharField(
        _("entry type"), max_length=20, choices=GrantKind.choices, default=GrantKind.GRANT
    )
    reverses = models.ForeignKey(
        "self",
        verbose_name=_("reverses"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversals",
    )
    amount = models.DecimalField(_("amount (yuan)"), max_digits=14, decimal_places=2)
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=GrantState.choices,
        default=GrantState.PROPOSED,
        db_index=True,
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    paid_on = models.DateField(
        _("paid on"), null=True, blank=True, db_index=True, validators=[not_before_1949]
    )
    notes = models.CharField(_("notes"), max_length=200, blank=True)

    reversal_copied_fields = ()
    # Which ceiling of settings.MONEY_CEILINGS one entry's amount is held to.
    money_kind = "grant"
    # What str() of an entry reads, for lists that name many entries (the action log).
    repr_related: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        """The field checks, and the amount under its kind's ceiling (a likely typo above)."""
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if "amount" not in (exclude or ()) and "amount" not in errors:
            try:
                MoneyCeiling(self.money_kind)(self.amount)
            except ValidationError as error:
                errors["amount"] = error.error_list
        if errors:
            raise ValidationError(errors)

    # The paid lock ----------------------------------------------------------------------

    def save(self, *args, **kwargs):
        # The model refuses too, so that code paths that skip full_clean cannot change a
        # paid entry (the database trigger is the last line).
        self.refuse_if_paid()
        super().save(*args, **kwargs)
        self._stored_state = self.state

    def delete(self, *args, **kwargs):
        self.refuse_if_paid(_("A paid grant cannot be deleted; record a reversal to correct it."))
        return super().delete(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # The state as loaded, so that save() knows a paid row without asking again.
        instance._stored_state = instance.__dict__.get("state")
        return instance

    def stored_state(self):
        """The state in the database (the loaded one, or read when unknown)."""
        if self.pk is None:
            return None
        known = getattr(self, "_stored_state", None)
        if known is not None:
            return known
        return type(self).objects.filter(pk=self.pk).values_list("state", flat=True).first()

    def refuse_if_paid(self, message=None):
        if self.stored_state() == GrantState.PAID:
            raise PaidGrantError(
                message or _("A paid grant cannot be changed; record a reversal to correct it."),
                code="paid_grant_locked",
            )

    @property
    def is_paid(self):
        return self.state == GrantState.PAID

    def clean(self):
        self.refuse_if_paid()
        if self.kind == GrantKind.REVERSAL and self.reverses_id:
            self._clean_reversal()

    def _clean_reversal(self):
        original = self.reverses
        if original.state != GrantState.PAID or original.kind != GrantKind.GRANT:
            raise ValidationError(_("Only a paid grant can be reversed."))
        if self.amount is not None:
            already = (
                original.reversals.exclude(pk=self.pk).aggregate(total=models.Sum("amount"))[
                    "total"
                ]
                or 0
            )
            if original.amount + already + self.amount < 0:
                raise ValidationError(
                    {"amount": _("A reversal cannot take back more than was paid.")}
                )

    # Corrections ------------------------------------------------------------------------

    def reversal_extra_fields(self, on):
        return {}

    def make_reversal(self, *, amount, on, reason, actor):
        """The unsaved correcting entry: paid at once, negative, linked to this entry."""
        attnames = [self._meta.get_field(name).attname for name in self.reversal_copied_fields]
        copied = {attname: getattr(self, attname) for attname in attnames}
        return type(self)(
            **copied,
            **self.reversal_extra_fields(on),
            kind=GrantKind.REVERSAL,
            reverses=self,
            amount=-abs(amount),
            state=GrantState.PAID,
            proposed_by=actor,
            approved_by=actor,
            approved_at=timezone.now(),
            paid_on=on,
            notes=reason[:200],
        )

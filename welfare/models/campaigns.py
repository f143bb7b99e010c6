"""Relief campaigns (送温暖, 金秋助学, 炎夏送清凉, ...) and the grants paid out of them."""

from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.models import Member, UnionOrganisation

from .households import HardshipHousehold


class CampaignKind(models.TextChoices):
    WARMTH = "warmth", _("Send warmth")
    EDUCATION = "education", _("Golden-autumn education aid")
    SUMMER = "summer", _("Summer cooling relief")
    MEDICAL = "medical", _("Medical relief")
    OTHER = "other", pgettext_lazy("campaign kind", "Other")


class FundSource(models.TextChoices):
    UNION_FUNDS = "union_funds", _("Union funds")
    DONATIONS = "donations", _("Donations")
    MUNICIPAL = "municipal", _("Municipal federation")


class CampaignQuerySet(models.QuerySet):
    def with_spending(self):
        """Budget used (paid grants net of reversals, and paid education aid) in SQL."""
        paid_grants = (
            Grant.objects.filter(campaign=models.OuterRef("pk"), state=GrantState.PAID)
            .order_by()
            .values("campaign")
            .annotate(total=models.Sum("amount"))
            .values("total")
        )
        from .education import EducationAid

        paid_aid = (
            EducationAid.objects.filter(campaign=models.OuterRef("pk"), state=GrantState.PAID)
            .order_by()
            .values("campaign")
            .annotate(total=models.Sum("amount"))
            .values("total")
        )
        committed = (
            Grant.objects.filter(
                campaign=models.OuterRef("pk"),
                state__in=[GrantState.PROPOSED, GrantState.APPROVED],
            )
            .order_by()
            .values("campaign")
            .annotate(total=models.Sum("amount"))
            .values("total")
        )
        zero = models.Value(
            Decimal("0.00"), output_field=models.DecimalField(max_digits=14, decimal_places=2)
        )
        used = models.functions.Coalesce(
            models.Subquery(
                paid_grants, output_field=models.DecimalField(max_digits=14, decimal_places=2)
            ),
            zero,
        ) + models.functions.Coalesce(
            models.Subquery(
                paid_aid, output_field=models.DecimalField(max_digits=14, decimal_places=2)
            ),
            zero,
        )
        return self.annotate(
            budget_used=used,
            budget_committed=models.functions.Coalesce(
                models.Subquery(
                    committed, output_field=models.DecimalField(max_digits=14, decimal_places=2)
                ),
                zero,
            ),
        ).annotate(budget_remaining=models.F("budget") - models.F("budget_used"))


class ReliefCampaign(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=CampaignKind.choices, db_index=True)
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    name = models.CharField(pgettext_lazy("of a thing", "name"), max_length=120)
    budget = models.DecimalField(_("budget (yuan)"), max_digits=14, decimal_places=2)
    fund_sources = ArrayField(
        models.CharField(max_length=20, choices=FundSource.choices),
        verbose_name=_("fund sources"),
        default=list,
        blank=True,
    )
    notice_starts = models.DateField(
        _("public notice from"),
        null=True,
        blank=True,
        help_text=_("Approved recipients are shown on the public notice page in this period."),
    )
    notice_ends = models.DateField(_("public notice until"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("relief campaign")
        verbose_name_plural = _("relief campaigns")
        ordering = ["-year", "kind", "name"]
        indexes = [models.Index(fields=["notice_starts", "notice_ends"], name="campaign_notice")]
        constraints = [
            models.UniqueConstraint(fields=["year", "name"], name="campaign_unique_year_name"),
            models.CheckConstraint(
                condition=models.Q(budget__gte=0),
                name="campaign_budget_not_negative",
                violation_error_message=_("The budget cannot be negative."),
            ),
            models.CheckConstraint(
                condition=models.Q(notice_starts__isnull=True)
                | models.Q(notice_ends__isnull=True)
                | models.Q(notice_ends__gte=models.F("notice_starts")),
                name="campaign_notice_period_order",
                violation_error_message=_("The notice period ends before it starts."),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if bool(self.notice_starts) != bool(self.notice_ends):
            raise ValidationError(_("Give both the first and the last day of the notice period."))


class GrantState(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("grant state", "Proposed")
    APPROVED = "approved", pgettext_lazy("grant state", "Approved")
    PAID = "paid", pgettext_lazy("grant state", "Paid")


class GrantForm(models.TextChoices):
    CASH = "cash", _("Cash")
    GOODS = "goods", _("Goods (valued in yuan)")


class GrantKind(models.TextChoices):
    GRANT = "grant", _("Grant")
    REVERSAL = "reversal", _("Reversal (correcting entry)")


class GrantQuerySet(models.QuerySet):
    def paid(self):
        return self.filter(state=GrantState.PAID)

    def awaiting_approval(self):
        return self.filter(state=GrantState.PROPOSED, kind=GrantKind.GRANT)

    def with_recipient(self):
        return self.select_related("campaign", "household__head", "member", "union")


class PaidGrantError(ValidationError):
    pass


class Grant(models.Model):
    """Money or goods given to a household (or, in campaigns not based on hardship, a member).

    Proposed → approved → paid. A paid grant is a ledger entry: it is never edited or
    deleted (the model refuses, and a database trigger refuses too); a mistake is corrected
    by a reversal, a new negative entry linked to the original.
    """

    campaign = models.ForeignKey(
        ReliefCampaign,
        verbose_name=_("campaign"),
        on_delete=models.PROTECT,
        related_name="grants",
    )
    household = models.ForeignKey(
        HardshipHousehold,
        verbose_name=_("household file"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grants",
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="welfare_grants",
        help_text=_("For campaigns that are not based on a hardship file."),
    )
    union = models.ForeignKey(
        UnionOrganisation,
        verbose_name=_("union"),
        on_delete=models.PROTECT,
        related_name="welfare_grants",
        help_text=_("The recipient's union, which decides who may see the grant."),
    )
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
    form = models.CharField(
        _("cash or goods"), max_length=10, choices=GrantForm.choices, default=GrantForm.CASH
    )
    granted_on = models.DateField(_("date"), db_index=True)
    is_home_visit = models.BooleanField(
        _("home visit"), default=False, help_text=_("Handed over on a home visit (走访慰问).")
    )
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
    paid_on = models.DateField(_("paid on"), null=True, blank=True, db_index=True)
    notes = models.CharField(_("notes"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = GrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        ordering = ["-granted_on", "-id"]
        permissions = [
            ("approve_grant", _("Can approve and pay grants")),
            ("import_grant", _("Can import grants")),
        ]
        indexes = [
            models.Index(fields=["campaign", "state"], name="grant_campaign_state"),
            models.Index(fields=["state", "paid_on"], name="grant_state_paid_on"),
            models.Index(fields=["union", "state"], name="grant_union_state"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "household"],
                condition=models.Q(kind="grant", household__isnull=False),
                name="grant_one_per_household_per_campaign",
                violation_error_message=_(
                    "This household already has a grant in this campaign; one grant per "
                    "household per campaign."
                ),
            ),
            models.UniqueConstraint(
                fields=["campaign", "member"],
                condition=models.Q(kind="grant", member__isnull=False),
                name="grant_one_per_member_per_campaign",
                violation_error_message=_("This member already has a grant in this campaign."),
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(kind="grant", amount__gt=0, reverses__isnull=True)
                    | models.Q(kind="reversal", amount__lt=0, reverses__isnull=False)
                ),
                name="grant_amount_positive_unless_reversal",
                violation_error_message=_(
                    "The amount must be more than zero; only a reversal of a paid grant may "
                    "be negative."
                ),
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(household__isnull=False, member__isnull=True)
                    | models.Q(household__isnull=True, member__isnull=False)
                ),
                name="grant_one_recipient",
                violation_error_message=_("Give either a household file or a member, not both."),
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(state="proposed", paid_on__isnull=True)
                    | models.Q(state="approved", approved_at__isnull=False, paid_on__isnull=True)
                    | models.Q(state="paid", approved_at__isnull=False, paid_on__isnull=False)
                ),
                name="grant_state_dates",
                violation_error_message=_(
                    "An approved grant needs its approval; a paid grant its payment date."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.campaign} · {self.recipient_name} · {self.amount}"

    def save(self, *args, **kwargs):
        # The model refuses too, so that code paths that skip full_clean cannot change a
        # paid entry (the database trigger is the last line).
        if self.stored_state() == GrantState.PAID:
            raise PaidGrantError(
                _("A paid grant cannot be changed; record a reversal to correct it."),
                code="paid_grant_locked",
            )
        super().save(*args, **kwargs)
        self._stored_state = self.state

    def delete(self, *args, **kwargs):
        if self.stored_state() == GrantState.PAID:
            raise PaidGrantError(
                _("A paid grant cannot be deleted; record a reversal to correct it."),
                code="paid_grant_locked",
            )
        return super().delete(*args, **kwargs)

    @property
    def recipient_name(self):
        if self.household_id:
            return self.household.head.name
        return self.member.name if self.member_id else ""

    @property
    def is_paid(self):
        return self.state == GrantState.PAID

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

    def clean(self):
        if self.stored_state() == GrantState.PAID:
            raise PaidGrantError(
                _("A paid grant cannot be changed; record a reversal to correct it."),
                code="paid_grant_locked",
            )
        if (
            self.pk is None
            and self.household_id
            and self.kind == GrantKind.GRANT
            and self.household.status != "in_file"
        ):
            raise ValidationError(
                {"household": _("Only a household that is in file can receive a grant.")}
            )
        if self.kind == GrantKind.REVERSAL and self.reverses_id:
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

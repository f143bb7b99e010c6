"""Relief campaigns (送温暖, 金秋助学, 炎夏送清凉, ...) and the grants paid out of them."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.models import Member, UnionOrganisation
from yuyang_union.bounds import MoneyCeiling, not_before_1949, plausible_year
from yuyang_union.choice_array import ChoiceArrayField
from yuyang_union.page_cache.models import PageArea, bumps_page_version
from yuyang_union.versions.models import VersionedModel, version_trigger

from .households import HardshipHousehold
from .ledger import (
    EntryQuerySet,
    GrantKind,
    GrantState,
    PaidLedgerEntry,
    entry_constraints,
    paid_is_final,
)


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
        """Budget used (paid entries net of reversals) and committed (proposed or approved),
        over grants and education aid alike, in SQL."""
        from .education import EducationAid

        unpaid = [GrantState.PROPOSED, GrantState.APPROVED]
        used = _campaign_sum(Grant, state=GrantState.PAID) + _campaign_sum(
            EducationAid, state=GrantState.PAID
        )
        committed = _campaign_sum(Grant, state__in=unpaid) + _campaign_sum(
            EducationAid, state__in=unpaid
        )
        return self.annotate(budget_used=used, budget_committed=committed).annotate(
            budget_remaining=models.F("budget") - models.F("budget_used")
        )


def _campaign_sum(model, **filters):
    """The sum of `amount` of the campaign's entries of `model`, 0 when there are none."""
    money = models.DecimalField(max_digits=14, decimal_places=2)
    total = (
        model.objects.filter(campaign=models.OuterRef("pk"), **filters)
        .order_by()
        .values("campaign")
        .annotate(total=models.Sum("amount"))
        .values("total")
    )
    return models.functions.Coalesce(
        models.Subquery(total, output_field=money), models.Value(Decimal("0.00"), money)
    )


class ReliefCampaign(VersionedModel):
    kind = models.CharField(_("kind"), max_length=20, choices=CampaignKind.choices, db_index=True)
    year = models.PositiveSmallIntegerField(_("year"), db_index=True, validators=[plausible_year])
    name = models.CharField(pgettext_lazy("of a thing", "name"), max_length=120)
    budget = models.DecimalField(
        _("budget (yuan)"),
        max_digits=14,
        decimal_places=2,
        validators=[MoneyCeiling("campaign_budget")],
    )
    fund_sources = ChoiceArrayField(
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
        validators=[not_before_1949],
    )
    notice_ends = models.DateField(
        _("public notice until"), null=True, blank=True, validators=[not_before_1949]
    )
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        triggers = [bumps_page_version(PageArea.NOTICES), version_trigger()]
        verbose_name = _("relief campaign")
        verbose_name_plural = _("relief campaigns")
        ordering = ["-year", "kind", "name"]
        indexes = [models.Index(fields=["notice_starts", "notice_ends"], name="campaign_notice")]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "name"],
                name="campaign_unique_year_name",
                violation_error_code="campaign_unique_year_name",
                violation_error_message=_("A campaign of this name already exists for this year."),
            ),
            models.CheckConstraint(
                condition=models.Q(budget__gte=0),
                name="campaign_budget_not_negative",
                violation_error_code="campaign_budget_not_negative",
                violation_error_message=_("The budget cannot be negative."),
            ),
            models.CheckConstraint(
                condition=models.Q(notice_starts__isnull=True)
                | models.Q(notice_ends__isnull=True)
                | models.Q(notice_ends__gte=models.F("notice_starts")),
                name="campaign_notice_period_order",
                violation_error_code="campaign_notice_period_order",
                violation_error_message=_("The notice period ends before it starts."),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if bool(self.notice_starts) != bool(self.notice_ends):
            raise ValidationError(_("Give both the first and the last day of the notice period."))


class GrantForm(models.TextChoices):
    CASH = "cash", _("Cash")
    GOODS = "goods", _("Goods (valued in yuan)")


class GrantQuerySet(EntryQuerySet):
    def with_recipient(self):
        return self.select_related("campaign", "household__head", "member", "union")


class Grant(PaidLedgerEntry):
    """Money or goods given to a household (or, in campaigns not based on hardship, a member).

    Proposed → approved → paid. A paid grant is a ledger entry (`PaidLedgerEntry`): it is
    never edited or deleted (the model, the admin and a database trigger refuse); a mistake
    is corrected by a reversal, a new negative entry linked to the original.
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
    form = models.CharField(
        _("cash or goods"), max_length=10, choices=GrantForm.choices, default=GrantForm.CASH
    )
    granted_on = models.DateField(_("date"), db_index=True, validators=[not_before_1949])
    is_home_visit = models.BooleanField(
        _("home visit"), default=False, help_text=_("Handed over on a home visit (走访慰问).")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = GrantQuerySet.as_manager()

    reversal_copied_fields = ("campaign", "household", "member", "union", "form")
    repr_related = ("campaign", "household__head", "member")

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
                violation_error_code="grant_one_per_household_per_campaign",
                violation_error_message=_(
                    "This household already has a grant in this campaign; one grant per "
                    "household per campaign."
                ),
            ),
            models.UniqueConstraint(
                fields=["campaign", "member"],
                condition=models.Q(kind="grant", member__isnull=False),
                name="grant_one_per_member_per_campaign",
                violation_error_code="grant_one_per_member_per_campaign",
                violation_error_message=_("This member already has a grant in this campaign."),
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(household__isnull=False, member__isnull=True)
                    | models.Q(household__isnull=True, member__isnull=False)
                ),
                name="grant_one_recipient",
                violation_error_code="grant_one_recipient",
                violation_error_message=_("Give either a household file or a member, not both."),
            ),
            *entry_constraints("grant"),
        ]
        triggers = [bumps_page_version(PageArea.NOTICES), paid_is_final(), version_trigger()]

    def __str__(self):
        return f"{self.campaign} · {self.recipient_name} · {self.amount}"

    def reversal_extra_fields(self, on):
        return {"granted_on": on}

    @property
    def recipient_union(self):
        """The union the grant belongs to: its household's, else its member's (or None)."""
        if self.household_id:
            return self.household.union
        return self.member.union if self.member_id else None

    @property
    def recipient_name(self):
        if self.household_id:
            return self.household.head.name
        return self.member.name if self.member_id else ""

    def clean(self):
        super().clean()
        if (
            self.pk is None
            and self.household_id
            and self.kind == GrantKind.GRANT
            and self.household.status != "in_file"
        ):
            raise ValidationError(
                {"household": _("Only a household that is in file can receive a grant.")}
            )

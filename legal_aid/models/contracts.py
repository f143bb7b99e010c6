import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.models import Employer, UnionOrganisation
from yuyang_union.bounds import at_most, not_before_1949
from yuyang_union.versions.models import VersionedModel, version_trigger

# Contracts ending within this many days show on the staff home and in the morning email.
EXPIRY_WARNING_DAYS = 60


class ContractKind(models.TextChoices):
    COMPREHENSIVE = "comprehensive", _("Comprehensive")
    WAGES = "wages", _("Wages (special)")
    WOMEN = "women", _("Women workers' rights (special)")
    SAFETY = "safety", _("Work safety (special)")


class ContractScope(models.TextChoices):
    EMPLOYER = "employer", _("One employer")
    REGIONAL = "regional", _("Regional")
    INDUSTRY = "industry", _("Industry")


class CollectiveContractQuerySet(models.QuerySet):
    def signed_between(self, start, end):
        return self.filter(signed_on__gte=start, signed_on__lte=end)

    def expiring(self, today=None, days=EXPIRY_WARNING_DAYS):
        """In force today and ending within `days`."""
        today = today or timezone.localdate()
        return self.filter(
            expires_on__gte=today, expires_on__lte=today + datetime.timedelta(days=days)
        )


class CollectiveContract(VersionedModel):
    """集体合同: may cover one employer or many (regional or industry contracts)."""

    union = models.ForeignKey(
        UnionOrganisation,
        verbose_name=_("union"),
        on_delete=models.PROTECT,
        related_name="collective_contracts",
        help_text=_("The union that signed for the workers."),
    )
    title = models.CharField(pgettext_lazy("contract", "title"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=ContractKind.choices, db_index=True)
    scope = models.CharField(
        _("scope"), max_length=20, choices=ContractScope.choices, db_index=True
    )
    employers = models.ManyToManyField(
        Employer,
        verbose_name=_("employers covered"),
        related_name="collective_contracts",
    )
    workers_covered = models.PositiveIntegerField(
        _("workers covered"), default=0, validators=[at_most(1_000_000)]
    )
    signed_on = models.DateField(_("signed on"), db_index=True, validators=[not_before_1949])
    expires_on = models.DateField(_("expires on"), db_index=True, validators=[not_before_1949])
    filed_with_hrss = models.BooleanField(
        _("filed with the human-resources bureau"), default=False, db_index=True
    )
    filed_on = models.DateField(_("filed on"), null=True, blank=True, validators=[not_before_1949])
    notes = models.TextField(_("notes"), blank=True)

    objects = CollectiveContractQuerySet.as_manager()

    class Meta:
        triggers = [version_trigger()]
        verbose_name = _("collective contract")
        verbose_name_plural = _("collective contracts")
        ordering = ["-signed_on", "-id"]
        indexes = [models.Index(fields=["-signed_on", "-id"], name="contract_signed_id")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_on__gt=models.F("signed_on")),
                name="contract_expires_after_signing",
                violation_error_code="contract_expires_after_signing",
                violation_error_message=_("A contract must expire after the day it was signed."),
            ),
            models.CheckConstraint(
                condition=models.Q(filed_on__isnull=True) | models.Q(filed_with_hrss=True),
                name="contract_filed_date_when_filed",
                violation_error_code="contract_filed_date_when_filed",
                violation_error_message=_(
                    "A filing date is given only when the contract was filed with the human "
                    "resources and social security bureau."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.signed_on and self.expires_on and self.expires_on <= self.signed_on:
            raise ValidationError({"expires_on": _("The contract must expire after signing.")})
        if self.filed_on and not self.filed_with_hrss:
            self.filed_with_hrss = True


class RatingLevel(models.TextChoices):
    AAA = "3A", _("3A")
    AA = "2A", _("2A")
    A = "A", _("A")


class AwardingLevel(models.TextChoices):
    MUNICIPAL = "municipal", _("Municipal (Chongqing)")
    COUNTY = "county", _("County")


class HarmonyRating(models.Model):
    """和谐劳动关系企业: an employer's rating for a year; the municipal 3A is the highest."""

    employer = models.ForeignKey(
        Employer,
        verbose_name=pgettext_lazy("labour law", "employer"),
        on_delete=models.PROTECT,
        related_name="harmony_ratings",
    )
    level = models.CharField(_("level"), max_length=2, choices=RatingLevel.choices)
    awarding_level = models.CharField(_("awarded by"), max_length=20, choices=AwardingLevel.choices)
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)

    class Meta:
        verbose_name = _("harmonious-enterprise rating")
        verbose_name_plural = _("harmonious-enterprise ratings")
        ordering = ["-year", "employer__name"]
        indexes = [
            models.Index(fields=["awarding_level", "level", "year"], name="rating_level_year")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["employer", "awarding_level", "year"],
                name="rating_once_per_employer_level_year",
                violation_error_code="rating_once_per_employer_level_year",
                violation_error_message=_(
                    "This employer already has a rating at this level for this year."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=2000, year__lte=2100),
                name="rating_plausible_year",
                violation_error_code="rating_plausible_year",
                violation_error_message=_("Enter a year between 2000 and 2100."),
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.employer} {self.get_awarding_level_display()}{self.level}"

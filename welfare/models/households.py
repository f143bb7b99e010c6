"""Hardship household files (困难职工档案): registration, yearly reviews, lifting out."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.models import Member, UnionOrganisation
from yuyang_union.bounds import MoneyCeiling, at_most, not_before_1949
from yuyang_union.choice_array import ChoiceArrayField
from yuyang_union.versions.models import VersionedModel, version_trigger

# A hardship file is reviewed every year.
REVIEW_INTERVAL = datetime.timedelta(days=365)


class HardshipCause(models.TextChoices):
    ILLNESS = "illness", _("Illness")
    DISABILITY = "disability", _("Disability")
    SCHOOLING = "schooling", _("Children's schooling")
    DISASTER = "disaster", _("Disaster or accident")
    UNEMPLOYMENT = "unemployment", _("Unemployment")
    LOW_INCOME = "low_income", _("Low income")
    OTHER = "other", pgettext_lazy("hardship cause", "Other")


class HardshipTier(models.TextChoices):
    DEEP = "deep", _("Deep hardship")
    RELATIVE = "relative", _("Relative hardship")
    ACCIDENT = "accident", _("Hardship caused by an accident")


class FileStatus(models.TextChoices):
    IN_FILE = "in_file", _("In file")
    LIFTED_OUT = "lifted_out", _("Lifted out of hardship")
    CANCELLED = "cancelled", pgettext_lazy("file status", "Cancelled")


class LiftMeasure(models.TextChoices):
    """四个一批: the four ways a household is helped out of hardship."""

    EMPLOYMENT = "employment", _("Employment assistance")
    SOCIAL_SECURITY = "social_security", _("Social security cover")
    MEDICAL_AID = "medical_aid", _("Medical aid")
    EDUCATION_AID = "education_aid", _("Education aid")


class HouseholdQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=FileStatus.IN_FILE)

    def with_story(self):
        return self.select_related("head", "head__union", "union", "union__township")

    def not_reviewed_since(self, cutoff):
        """Open files with no review on or after `cutoff` (and registered before it)."""
        recent = HouseholdReview.objects.filter(
            household=models.OuterRef("pk"), reviewed_on__gte=cutoff
        )
        return self.open().filter(registered_on__lt=cutoff).exclude(models.Exists(recent))

    def review_due_by(self, day):
        """Open files whose yearly review falls due on or before `day`: a year after the
        last review (or the registration), so nothing on or after `day + 1 - a year`."""
        return self.not_reviewed_since(day + datetime.timedelta(days=1) - REVIEW_INTERVAL)

    def never_assisted(self):
        from .campaigns import Grant

        return self.exclude(models.Exists(Grant.objects.filter(household=models.OuterRef("pk"))))


class HardshipHousehold(VersionedModel):
    """One file of a hardship household, from registration until it is lifted out.

    A household that falls back into hardship gets a new file pointing at the old one, so
    each file's story stays as it was.
    """

    head = models.ForeignKey(
        Member,
        verbose_name=_("head of household"),
        on_delete=models.PROTECT,
        related_name="hardship_files",
    )
    household_size = models.PositiveSmallIntegerField(
        _("household size"),
        default=1,
        help_text=_("People living in the household."),
        validators=[at_most(50)],
    )
    causes = ChoiceArrayField(
        models.CharField(max_length=20, choices=HardshipCause.choices),
        verbose_name=_("causes of hardship"),
        default=list,
        blank=True,
    )
    tier = models.CharField(_("tier"), max_length=20, choices=HardshipTier.choices, db_index=True)
    monthly_income_per_person = models.DecimalField(
        _("monthly income per person (yuan)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MoneyCeiling("income")],
    )
    situation = models.TextField(_("situation"), blank=True)
    registered_on = models.DateField(
        _("registered on"), db_index=True, validators=[not_before_1949]
    )
    union = models.ForeignKey(
        UnionOrganisation,
        verbose_name=_("registering union"),
        on_delete=models.PROTECT,
        related_name="hardship_files",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=FileStatus.choices,
        default=FileStatus.IN_FILE,
        db_index=True,
    )
    lifted_out_on = models.DateField(
        _("lifted out on"), null=True, blank=True, db_index=True, validators=[not_before_1949]
    )
    lift_measure = models.CharField(
        _("measure that lifted it out"),
        max_length=20,
        choices=LiftMeasure.choices,
        blank=True,
    )
    cancelled_on = models.DateField(
        _("cancelled on"), null=True, blank=True, validators=[not_before_1949]
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=200, blank=True)
    previous_file = models.OneToOneField(
        "self",
        verbose_name=_("earlier file"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="relapse_file",
        help_text=_("The earlier file of this household, when it fell back into hardship."),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        triggers = [version_trigger()]
        verbose_name = _("hardship household file")
        verbose_name_plural = _("hardship household files")
        ordering = ["-registered_on", "-id"]
        permissions = [("import_hardshiphousehold", _("Can import hardship household files"))]
        indexes = [
            models.Index(fields=["status", "tier"], name="household_status_tier"),
            models.Index(fields=["union", "status"], name="household_union_status"),
            models.Index(fields=["-registered_on", "-id"], name="household_registered_id"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["head"],
                condition=models.Q(status="in_file"),
                name="household_one_open_file_per_head",
                violation_error_code="household_one_open_file_per_head",
                violation_error_message=_(
                    "This member already heads a household file that is in file; "
                    "lift it out or cancel it before opening another."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(household_size__gte=1),
                name="household_size_positive",
                violation_error_code="household_size_positive",
                violation_error_message=_("A household has at least one person."),
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(
                        status="in_file", lifted_out_on__isnull=True, cancelled_on__isnull=True
                    )
                    | (
                        models.Q(status="lifted_out", lifted_out_on__isnull=False)
                        & ~models.Q(lift_measure="")
                    )
                    | (
                        models.Q(status="cancelled", cancelled_on__isnull=False)
                        & ~models.Q(cancel_reason="")
                    )
                ),
                name="household_status_dates",
                violation_error_code="household_status_dates",
                violation_error_message=_(
                    "A lifted-out file needs its date and measure; a cancelled file needs its "
                    "date and reason."
                ),
            ),
        ]

    def __str__(self):
        return _("%(name)s's household (%(date)s)") % {
            "name": self.head.name,
            "date": self.registered_on,
        }

    def clean(self):
        if self.lifted_out_on and self.registered_on and self.lifted_out_on < self.registered_on:
            raise ValidationError(
                {"lifted_out_on": _("A file cannot be lifted out before it was registered.")}
            )
        if self.previous_file_id and self.previous_file.head_id != self.head_id:
            raise ValidationError(
                {"previous_file": _("The earlier file must be of the same head of household.")}
            )

    @property
    def is_open(self):
        return self.status == FileStatus.IN_FILE


class Relation(models.TextChoices):
    SPOUSE = "spouse", _("Spouse")
    CHILD = "child", _("Child")
    PARENT = "parent", _("Parent")
    OTHER = "other", pgettext_lazy("relation", "Other")


class HouseholdPerson(models.Model):
    """Someone living in the household besides its head; a member or not."""

    household = models.ForeignKey(
        HardshipHousehold,
        verbose_name=_("household file"),
        on_delete=models.CASCADE,
        related_name="people",
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=50)
    relation = models.CharField(_("relation to the head"), max_length=20, choices=Relation.choices)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    member = models.ForeignKey(
        Member,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    notes = models.CharField(_("health, schooling or work"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("person in the household")
        verbose_name_plural = _("people in the household")
        ordering = ["id"]

    def __str__(self):
        return self.name


class ReviewOutcome(models.TextChoices):
    CONTINUE = "continue", _("Stays in file")
    RETIER = "retier", _("Tier changed")
    LIFT_OUT = "lift_out", _("Ready to be lifted out")
    CANCEL = "cancel", _("To be cancelled")


class HouseholdReview(models.Model):
    """The yearly review of a file: still in hardship, and at which tier?"""

    household = models.ForeignKey(
        HardshipHousehold,
        verbose_name=_("household file"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    reviewed_on = models.DateField(_("reviewed on"), validators=[not_before_1949])
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    outcome = models.CharField(
        pgettext_lazy("review", "outcome"), max_length=20, choices=ReviewOutcome.choices
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("yearly review")
        verbose_name_plural = _("yearly reviews")
        ordering = ["-reviewed_on"]
        indexes = [
            models.Index(fields=["household", "reviewed_on"], name="review_household_date"),
            # The admin list: its order and its date hierarchy.
            models.Index(fields=["-reviewed_on", "-id"], name="review_reviewed_id"),
        ]

    def __str__(self):
        return f"{self.household_id} {self.reviewed_on}"

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.models import Employer, Member
from yuyang_union.bounds import not_before_1949
from yuyang_union.personal_data.fields import DigestField, ResidentIDNumberField
from yuyang_union.versions.models import VersionedModel, version_trigger


class AppraisalKind(models.TextChoices):
    WORK_INJURY = "injury", _("Work-injury grade appraisal")
    EARLY_RETIREMENT = "early_retirement", _("Early-retirement appraisal")


class AppraisalQuerySet(models.QuerySet):
    def between(self, start, end):
        return self.filter(appraised_on__gte=start, appraised_on__lte=end)


class Appraisal(VersionedModel):
    """工伤等级鉴定 (grade 1–10, or none) or 提前退休鉴定 (approved or not) of one person."""

    kind = models.CharField(_("kind"), max_length=20, choices=AppraisalKind.choices, db_index=True)
    member = models.ForeignKey(
        Member,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appraisals",
    )
    name = models.CharField(
        pgettext_lazy("person", "name"),
        max_length=50,
        blank=True,
        help_text=_("For a worker who is not a member."),
    )
    id_number = ResidentIDNumberField(_("ID number"), blank=True)
    id_number_digest = DigestField(source="id_number", db_index=True)
    employer = models.ForeignKey(
        Employer,
        verbose_name=pgettext_lazy("labour law", "employer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appraisals",
    )
    applied_on = models.DateField(
        _("applied on"), null=True, blank=True, validators=[not_before_1949]
    )
    appraised_on = models.DateField(_("appraised on"), db_index=True, validators=[not_before_1949])
    injury_grade = models.PositiveSmallIntegerField(
        _("injury grade"),
        null=True,
        blank=True,
        choices=[(grade, format_lazy(_("Grade {}"), grade)) for grade in range(1, 11)],
        help_text=_("Work injuries only; leave empty when no grade was reached."),
    )
    approved = models.BooleanField(
        _("early retirement approved"),
        null=True,
        blank=True,
        help_text=_("Early-retirement appraisals only."),
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = AppraisalQuerySet.as_manager()

    class Meta:
        triggers = [version_trigger()]
        verbose_name = _("appraisal")
        verbose_name_plural = _("appraisals")
        ordering = ["-appraised_on", "-id"]
        permissions = [("import_appraisal", _("Can import appraisals from Excel"))]
        indexes = [models.Index(fields=["kind", "appraised_on"], name="appraisal_kind_date")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(member__isnull=False) | ~models.Q(name=""),
                name="appraisal_named",
                violation_error_code="appraisal_named",
                violation_error_message=_("Choose the member, or type the worker's name."),
            ),
            models.CheckConstraint(
                condition=models.Q(injury_grade__isnull=True)
                | models.Q(kind="injury", injury_grade__gte=1, injury_grade__lte=10),
                name="appraisal_grade_for_injury_1_10",
                violation_error_code="appraisal_grade_for_injury_1_10",
                violation_error_message=_(
                    "An injury grade (1 to 10) is given only for a work-injury appraisal."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(approved__isnull=True) | models.Q(kind="early_retirement"),
                name="appraisal_approval_for_retirement",
                violation_error_code="appraisal_approval_for_retirement",
                violation_error_message=_(
                    "Approval is recorded only for an early-retirement appraisal."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(applied_on__isnull=True)
                | models.Q(applied_on__lte=models.F("appraised_on")),
                name="appraisal_applied_before_appraised",
                violation_error_code="appraisal_applied_before_appraised",
                violation_error_message=_(
                    "The application date cannot be after the appraisal date."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.display_name}"

    def clean(self):
        errors = {}
        if self.member_id:
            self.name = ""
            self.id_number = ""
        elif not self.name:
            errors["name"] = _("Choose a member or give the worker's name.")
        if self.kind == AppraisalKind.WORK_INJURY and self.approved is not None:
            errors["approved"] = _("Only early-retirement appraisals are approved or not.")
        if self.kind == AppraisalKind.EARLY_RETIREMENT and self.injury_grade is not None:
            errors["injury_grade"] = _("Only work-injury appraisals have a grade.")
        if self.applied_on and self.appraised_on and self.applied_on > self.appraised_on:
            errors["applied_on"] = _("The application cannot come after the appraisal.")
        if errors:
            raise ValidationError(errors)

    @property
    def display_name(self):
        return self.member.name if self.member_id else self.name

    @property
    def result_display(self):
        if self.kind == AppraisalKind.WORK_INJURY:
            return self.get_injury_grade_display() if self.injury_grade else _("No grade")
        if self.approved is None:
            return _("Pending")
        return _("Approved") if self.approved else _("Not approved")

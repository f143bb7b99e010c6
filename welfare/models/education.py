"""Education aid (金秋助学): grants to hardship workers' children entering school."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.models import Member, UnionOrganisation
from yuyang_union.bounds import plausible_year
from yuyang_union.page_cache.models import PageArea, bumps_page_version
from yuyang_union.personal_data.fields import DigestField, ResidentIDNumberField, fill_digests
from yuyang_union.personal_data.masking import mask_id_number
from yuyang_union.versions.models import version_trigger

from .campaigns import ReliefCampaign
from .households import HardshipHousehold
from .ledger import EntryQuerySet, PaidLedgerEntry, entry_constraints, paid_is_final


class SchoolLevel(models.TextChoices):
    HIGH_SCHOOL = "high_school", _("High school")
    VOCATIONAL = "vocational", _("Vocational school")
    COLLEGE = "college", _("College (junior)")
    UNIVERSITY = "university", _("University")


class EducationAidQuerySet(EntryQuerySet):
    def with_related(self):
        return self.select_related("campaign", "parent", "household__head", "union")


class EducationAid(PaidLedgerEntry):
    """A 金秋助学 grant to one student: proposed → approved → paid, then final.

    The same ledger entry as a `Grant` (`PaidLedgerEntry`): once paid it is never edited or
    deleted; a mistake is corrected by a reversal, a negative entry linked to the original.
    """

    campaign = models.ForeignKey(
        ReliefCampaign,
        verbose_name=_("campaign"),
        on_delete=models.PROTECT,
        related_name="education_aid",
    )
    year = models.PositiveSmallIntegerField(_("year"), db_index=True, validators=[plausible_year])
    student_name = models.CharField(_("student's name"), max_length=50)
    student_id_number = ResidentIDNumberField(_("student's ID number"))
    student_id_number_digest = DigestField(source="student_id_number")
    school = models.CharField(_("school"), max_length=100)
    level = models.CharField(
        pgettext_lazy("school", "level"), max_length=20, choices=SchoolLevel.choices
    )
    parent = models.ForeignKey(
        Member,
        verbose_name=_("parent (member)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children_aided",
    )
    household = models.ForeignKey(
        HardshipHousehold,
        verbose_name=_("household file"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="education_aid",
    )
    union = models.ForeignKey(
        UnionOrganisation,
        verbose_name=_("union"),
        on_delete=models.PROTECT,
        related_name="education_aid",
        help_text=_("The parent's union, which decides who may see the record."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = EducationAidQuerySet.as_manager()

    money_kind = "education_aid"
    reversal_copied_fields = (
        "campaign", "year", "student_name", "student_id_number", "school", "level",
        "parent", "household", "union",
    )  # fmt: skip

    class Meta:
        verbose_name = _("education aid grant")
        verbose_name_plural = _("education aid grants")
        ordering = ["-year", "student_name"]
        permissions = [("import_educationaid", _("Can import education aid rosters"))]
        indexes = [
            models.Index(fields=["state", "paid_on"], name="eduaid_state_paid_on"),
            models.Index(fields=["union", "year"], name="eduaid_union_year"),
            # The approval screen: proposed / approved aid of a campaign or a union.
            models.Index(fields=["campaign", "state"], name="eduaid_campaign_state"),
            models.Index(fields=["union", "state"], name="eduaid_union_state"),
            # The admin list's order (the admin adds the id to make it total).
            models.Index(fields=["-year", "student_name", "-id"], name="eduaid_year_student"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["student_id_number_digest", "year"],
                condition=models.Q(kind="grant"),
                name="eduaid_one_per_student_per_year",
                violation_error_code="eduaid_one_per_student_per_year",
                violation_error_message=_("This student already has education aid this year."),
            ),
            models.CheckConstraint(
                condition=models.Q(parent__isnull=False) | models.Q(household__isnull=False),
                name="eduaid_parent_or_household",
                violation_error_code="eduaid_parent_or_household",
                violation_error_message=_("Give the parent member or the household file."),
            ),
            models.CheckConstraint(
                condition=models.Q(student_id_number_digest__isnull=False),
                name="eduaid_student_id_required",
                violation_error_code="eduaid_student_id_required",
                violation_error_message=_("Enter the student's ID number."),
            ),
            *entry_constraints("eduaid"),
        ]
        triggers = [bumps_page_version(PageArea.NOTICES), paid_is_final(), version_trigger()]

    def __str__(self):
        return f"{self.year} {self.student_name}"

    @property
    def student_id_number_masked(self):
        return mask_id_number(self.student_id_number)

    def clean(self):
        super().clean()
        fill_digests(self)  # the uniqueness check needs the digest before the save
        if not self.parent_id and not self.household_id:
            raise ValidationError(_("Give the parent member or the household file."))
        if self.campaign_id and self.campaign.kind != "education":
            raise ValidationError({"campaign": _("Choose a golden-autumn education aid campaign.")})

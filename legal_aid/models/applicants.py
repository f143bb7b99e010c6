"""The workers who bring a case: members, or other workers by name and ID number."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.models import Member
from yuyang_union.personal_data.fields import DigestField, ResidentIDNumberField
from yuyang_union.personal_data.masking import mask_id_number

from .cases import Case


class CaseApplicant(models.Model):
    """A worker who brought the case: a member, or another worker (name and ID number)."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="applicants"
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legal_cases",
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=50, blank=True)
    id_number = ResidentIDNumberField(_("ID number"), blank=True)
    id_number_digest = DigestField(source="id_number", db_index=True)

    class Meta:
        verbose_name = _("applicant")
        verbose_name_plural = _("applicants")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "member"],
                name="applicant_member_once_per_case",
                violation_error_code="applicant_member_once_per_case",
                violation_error_message=_("This member is already an applicant in this case."),
            ),
            models.UniqueConstraint(
                fields=["case", "id_number_digest"],
                name="applicant_id_once_per_case",
                violation_error_code="applicant_id_once_per_case",
                violation_error_message=_(
                    "A person with this ID number is already an applicant in this case."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(member__isnull=False) | ~models.Q(name=""),
                name="applicant_named",
                violation_error_code="applicant_named",
                violation_error_message=_("Choose the member, or type the applicant's name."),
            ),
        ]

    def __str__(self):
        return self.display_name

    def clean(self):
        if self.member_id:
            # A member's name and ID number are kept in one place: the member record.
            self.name = ""
            self.id_number = ""
        elif not self.name:
            raise ValidationError(_("Choose a member or give the worker's name."))

    @property
    def display_name(self):
        return self.member.name if self.member_id else self.name

    @property
    def id_number_plain(self):
        return self.member.id_number if self.member_id else self.id_number

    @property
    def id_number_masked(self):
        return mask_id_number(self.id_number_plain)

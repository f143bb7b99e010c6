"""What a member asks for online (issue 18), one-to-one with the toolkit's `Application`:
hardship help (困难帮扶申请) and 金秋助学 for a child (助学申请).

The application itself (number, union, status, consent, documents) is the toolkit's
(`yuyang_union.applications`); these rows keep only what the kind asks. Staff turn an
application into a household file or an education-aid proposal (`help_request_services`).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yuyang_union.applications.models import Application, ApplicationStatus
from yuyang_union.bounds import MoneyCeiling, at_most, plausible_year
from yuyang_union.choice_array import ChoiceArrayField
from yuyang_union.personal_data.crypto import id_number_digests
from yuyang_union.personal_data.fields import DigestField, ResidentIDNumberField, fill_digests
from yuyang_union.personal_data.masking import mask_id_number

from .education import EducationAid, SchoolLevel
from .households import HardshipCause
from .ledger import GrantKind

OPEN_STATUSES = [
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.ACCEPTED,
    ApplicationStatus.IN_PROGRESS,
]


def this_year() -> int:
    return timezone.localdate().year


class HardshipHelpRequest(models.Model):
    """困难帮扶申请: the household as the member describes it."""

    application = models.OneToOneField(
        Application,
        verbose_name=_("online application"),
        on_delete=models.CASCADE,
        related_name="hardship_help",
    )
    household_size = models.PositiveSmallIntegerField(
        _("household size"),
        help_text=_("People living in the household."),
        validators=[MinValueValidator(1), at_most(50)],
    )
    monthly_income_per_person = models.DecimalField(
        _("monthly income per person (yuan)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0), MoneyCeiling("income")],
    )
    causes = ChoiceArrayField(
        models.CharField(max_length=20, choices=HardshipCause.choices),
        verbose_name=_("causes of hardship"),
        default=list,
    )
    situation = models.TextField(_("situation"), max_length=2000)

    class Meta:
        verbose_name = _("hardship help request")
        verbose_name_plural = _("hardship help requests")
        # One permission for both kinds: the welfare department's handling of requests.
        permissions = [
            ("handle_helprequest", _("Can handle members' hardship and education-aid requests"))
        ]

    def __str__(self) -> str:
        return str(self.application)


class EducationAidRequest(models.Model):
    """金秋助学申请: a member asks for a child; the student's ID number is encrypted, with
    its digest, as on `EducationAid`, and masked wherever it is shown."""

    application = models.OneToOneField(
        Application,
        verbose_name=_("online application"),
        on_delete=models.CASCADE,
        related_name="education_aid_request",
    )
    # The school year asked for: the year the request comes in.
    year = models.PositiveSmallIntegerField(
        _("year"), default=this_year, validators=[plausible_year]
    )
    student_name = models.CharField(_("student's name"), max_length=50)
    student_id_number = ResidentIDNumberField(_("student's ID number"))
    student_id_number_digest = DigestField(source="student_id_number", db_index=True)
    school = models.CharField(_("school"), max_length=100)
    level = models.CharField(
        pgettext_lazy("school", "level"), max_length=20, choices=SchoolLevel.choices
    )

    class Meta:
        verbose_name = _("education aid request")
        verbose_name_plural = _("education aid requests")
        indexes = [
            models.Index(fields=["student_id_number_digest", "year"], name="eduaid_request_student")
        ]

    def __str__(self) -> str:
        return str(self.application)

    @property
    def student_id_number_masked(self) -> str:
        return mask_id_number(self.student_id_number)

    def clean(self) -> None:
        fill_digests(self)
        if self.student_id_number and self.student_already_asked():
            # The same words for aid and for a request, and nothing about either.
            raise ValidationError(
                {
                    "student_id_number": _(
                        "This student already has education aid this year or an application "
                        "being handled."
                    )
                },
                code="student_already_asked",
            )

    def student_already_asked(self) -> bool:
        """Aid this year (not a correction), or another open request for the same student."""
        digests = id_number_digests(self.student_id_number)
        aided = EducationAid.objects.filter(
            student_id_number_digest__in=digests, year=self.year, kind=GrantKind.GRANT
        )
        asked = EducationAidRequest.objects.filter(
            student_id_number_digest__in=digests, application__status__in=OPEN_STATUSES
        ).exclude(pk=self.pk)
        return aided.exists() or asked.exists()

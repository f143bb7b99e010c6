"""A member's online request for legal help (法律援助申请): the kind's own fields, one-to-one
with the shared `Application` (number, union, status, documents: yuyang_union.applications)."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.models import Employer
from yuyang_union.bounds import MoneyCeiling, at_most

from .cases import Case
from .choices import Matter


class LegalHelpRequest(models.Model):
    """What the member asks help with. Staff turn it into a consultation or a case
    (`legal_aid.help_requests`); the application's `record` then names that record."""

    application = models.OneToOneField(
        "applications.Application",
        verbose_name=_("online application"),
        on_delete=models.CASCADE,
        related_name="legal_help",
    )
    matter = models.CharField(_("what it is about"), max_length=20, choices=Matter.choices)
    what_happened = models.TextField(
        _("what happened"),
        max_length=2000,
        help_text=_("When and where, what the employer did or owes, what you have tried."),
    )
    employer = models.ForeignKey(
        Employer,
        verbose_name=pgettext_lazy("labour law", "employer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legal_help_requests",
    )
    # An employer not in the register (a small shop, a platform), by the name the member gave.
    employer_name = models.CharField(
        _("employer not registered"),
        max_length=150,
        blank=True,
        help_text=_("The employer's name as given, when it is not in the register."),
    )
    amount_owed = models.DecimalField(
        _("amount owed (yuan)"),
        max_digits=14,
        decimal_places=2,
        default=0,
        validators=[MoneyCeiling("case"), MinValueValidator(0)],
        help_text=_("Wages or compensation owed, in yuan; 0 if none."),
    )
    workers_affected = models.PositiveIntegerField(
        _("workers affected"),
        default=1,
        validators=[at_most(100_000), MinValueValidator(1)],
        help_text=_("You included."),
    )

    class Meta:
        verbose_name = _("legal help request")
        verbose_name_plural = _("legal help requests")
        ordering = ["-application__submitted_at", "-id"]
        permissions = [
            ("handle_legalhelprequest", _("Can handle members' legal help requests")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(employer__isnull=False) | ~models.Q(employer_name=""),
                name="legal_help_has_employer",
                violation_error_code="legal_help_has_employer",
                violation_error_message=_("Choose the employer, or type its name."),
            ),
            models.CheckConstraint(
                condition=models.Q(amount_owed__gte=0),
                name="legal_help_amount_not_negative",
                violation_error_code="legal_help_amount_not_negative",
                violation_error_message=_("The amount owed cannot be negative."),
            ),
            models.CheckConstraint(
                condition=models.Q(workers_affected__gte=1),
                name="legal_help_workers_gte_1",
                violation_error_code="legal_help_workers_gte_1",
                violation_error_message=_("At least one worker is affected."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.application)

    def clean(self) -> None:
        if not self.employer_id and not self.employer_name.strip():
            raise ValidationError({"employer": _("Choose the employer, or type its name.")})

    @property
    def employer_display(self) -> str:
        return self.employer.name if self.employer is not None else self.employer_name

    @cached_property
    def case(self) -> Case | None:
        """The case the request became (its reference and status), once there is one."""
        application = self.application
        if not application.record_id:
            return None
        if application.record_type_id != ContentType.objects.get_for_model(Case).pk:
            return None
        return (
            Case.objects.only("id", "reference", "status").filter(pk=application.record_id).first()
        )

"""入会申请: what a worker fills in to join the union online, one-to-one with the shared
`Application` (yuyang_union.applications), which holds the name, the phone, the routing union
and the status. The member is made only when the union's officer approves (members.joining).
"""

from django.core.exceptions import ValidationError
from django.db import connection, models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yuyang_union.applications.models import OPEN_STATUSES, ApplicationKind
from yuyang_union.personal_data.crypto import id_number_digests
from yuyang_union.personal_data.fields import DigestField, ResidentIDNumberField, fill_digests
from yuyang_union.personal_data.masking import mask_id_number
from yuyang_union.validators import normalize_id_number, validate_id_number

from ..reference import ETHNICITY_CHOICES, EmploymentGroup
from .employers import Employer
from .organisations import Township

# One answer for an ID number already on the roster and for one already waiting: it says
# nothing of the other record (not whose, not which union, not which of the two).
DUPLICATE_MESSAGE = _(
    "An application cannot be made with this ID number. If you think this is a mistake, "
    "ask your township's union or call 12351."
)


def is_taken(id_number: str) -> bool:
    """A member with this ID number, or an open join application: one query for both, so
    the two answers cost the same."""
    from .members import Member

    digests = id_number_digests(id_number)
    members = Member.objects.filter(id_number_digest__in=digests).values("pk")
    pending = JoinApplication.objects.filter(
        id_number_digest__in=digests, application__status__in=OPEN_STATUSES
    ).values("pk")
    return members.union(pending, all=True).exists()


class JoinApplication(models.Model):
    """The join form's own fields; the name and mobile are the Application's."""

    application = models.OneToOneField(
        "applications.Application",
        verbose_name=_("online application"),
        on_delete=models.CASCADE,
        related_name="join_details",
        limit_choices_to={"kind": ApplicationKind.JOIN},
    )
    id_number = ResidentIDNumberField(_("ID number"))
    id_number_digest = DigestField(source="id_number", db_index=True)
    ethnicity = models.CharField(
        _("ethnicity"), max_length=10, choices=ETHNICITY_CHOICES, default="土家族"
    )
    employer = models.ForeignKey(
        Employer,
        verbose_name=pgettext_lazy("member", "employer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="join_applications",
    )
    no_employer = models.BooleanField(_("no employer, or platform work"), default=False)
    platform_name = models.CharField(
        _("platform"),
        max_length=50,
        blank=True,
        help_text=_("The platform worked through, e.g. 美团, 顺丰."),
    )
    township = models.ForeignKey(
        Township,
        verbose_name=_("township"),
        on_delete=models.PROTECT,
        related_name="join_applications",
    )
    occupation = models.CharField(_("occupation"), max_length=50)
    employment_group = models.CharField(
        _("new-employment-form group"),
        max_length=20,
        choices=EmploymentGroup.choices,
        blank=True,
    )

    class Meta:
        verbose_name = _("join application")
        verbose_name_plural = _("join applications")
        permissions = [("handle_joinapplication", _("Can handle join applications"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(no_employer=True) | models.Q(employer__isnull=False),
                name="join_application_employer_or_none",
                violation_error_code="join_application_employer_or_none",
                violation_error_message=_(
                    "Choose the employer, or tick “no employer, or platform work”."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.application.number if self.application_id else ""

    @property
    def id_number_masked(self) -> str:
        return mask_id_number(self.id_number)

    def clean(self) -> None:
        """Refuse an ID number already on the roster or waiting, with the one message.

        Within the submission's transaction an advisory lock on the number's digest makes a
        second identical submission wait and then see the first (the toolkit's numbering
        also serialises submissions today; this does not depend on it)."""
        super().clean()
        try:
            validate_id_number(self.id_number or "")
        except ValidationError:
            return  # reported on the field by clean_fields
        self.id_number = normalize_id_number(self.id_number)
        fill_digests(self)
        if self.employer_id is not None:
            self.no_employer = False
            self.platform_name = ""
        if self.pk is not None:
            return
        if connection.in_atomic_block:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_advisory_xact_lock(hashtextextended(%s, 18))",
                    [f"join:{self.id_number_digest}"],
                )
        if is_taken(self.id_number):
            raise ValidationError({"id_number": DUPLICATE_MESSAGE}, code="join_duplicate")

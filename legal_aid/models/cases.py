"""Mediation and legal-aid cases: one model for both kinds, with applicants, a status flow,
documents and a log of who opened the file."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.models import Employer
from yuyang_union.bounds import MoneyCeiling, at_most, not_before_1949
from yuyang_union.versions.models import VersionedModel, version_trigger

from .choices import Matter
from .lawyers import Lawyer

# Labour Dispute Mediation and Arbitration Law, art. 14: a mediation not concluded within
# 15 days of acceptance counts as failed, and the parties may go to arbitration.
MEDIATION_DAYS = 15


class CaseKind(models.TextChoices):
    MEDIATION = "mediation", _("Labour dispute mediation")
    LEGAL_AID = "legal_aid", _("Legal aid")


# The character that opens a reference number: 调〔2022〕第3号, 援〔2022〕第12号.
REFERENCE_PREFIX = {CaseKind.MEDIATION: "调", CaseKind.LEGAL_AID: "援"}


class CaseStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACCEPTED = "accepted", pgettext_lazy("case status", "Accepted")
    DECLINED = "declined", _("Declined")
    MEDIATING = "mediating", _("Mediating")
    ARBITRATION = "arbitration", _("In arbitration")
    LITIGATION = "litigation", _("In court")
    SETTLED = "settled", _("Settled")
    FAILED = "failed", pgettext_lazy("case outcome", "Failed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CLOSED = "closed", _("Closed")


S = CaseStatus
# The only moves a case can make. A mediation that fails may go on to arbitration, and an
# arbitration award may be taken to court.
ALLOWED_MOVES = {
    S.RECEIVED: (S.ACCEPTED, S.DECLINED),
    S.ACCEPTED: (S.MEDIATING, S.ARBITRATION, S.LITIGATION, S.WITHDRAWN),
    S.MEDIATING: (S.SETTLED, S.FAILED, S.WITHDRAWN, S.ARBITRATION),
    S.ARBITRATION: (S.SETTLED, S.FAILED, S.WITHDRAWN, S.LITIGATION),
    S.LITIGATION: (S.SETTLED, S.FAILED, S.WITHDRAWN),
    S.SETTLED: (S.CLOSED,),
    S.FAILED: (S.CLOSED,),
    S.WITHDRAWN: (S.CLOSED,),
    S.DECLINED: (S.CLOSED,),
    S.CLOSED: (),
}
# While a mediation is in one of these, its 15-day deadline runs.
MEDIATION_RUNNING = (S.ACCEPTED, S.MEDIATING)
OPEN_STATUSES = (S.RECEIVED, S.ACCEPTED, S.MEDIATING, S.ARBITRATION, S.LITIGATION)


class CaseNumberCounter(models.Model):
    """The last sequence number given per kind and year; incremented under a row lock."""

    kind = models.CharField(_("kind"), max_length=20, choices=CaseKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("case number counter")
        verbose_name_plural = _("case number counters")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year"],
                name="case_counter_kind_year",
                violation_error_code="case_counter_kind_year",
                violation_error_message=_(
                    "There is already a case number counter for this kind and year."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.year}：{self.last_number}"


class CaseQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("respondent", "lawyer", "assigned_staff")

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def running_mediations(self):
        """Mediations whose 15-day deadline is running (`Case.is_running_mediation` in SQL)."""
        return self.filter(kind=CaseKind.MEDIATION, status__in=MEDIATION_RUNNING)

    def overdue(self, today=None):
        """Mediations still running after their 15 days (`Case.is_overdue` in SQL)."""
        today = today or timezone.localdate()
        return self.running_mediations().filter(due_on__lt=today)

    def accepted_between(self, start, end):
        return self.filter(accepted_on__gte=start, accepted_on__lte=end)


class Case(VersionedModel):
    """A mediation (劳动争议调解) or a legal-aid case (法律援助).

    Create one with `legal_aid.services.register_case` (it gives the reference number) and
    move it only with `legal_aid.services.move_case`.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=CaseKind.choices, db_index=True)
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    sequence = models.PositiveIntegerField(_("sequence number"), editable=False)
    reference = models.CharField(_("reference number"), max_length=30, unique=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CaseStatus.choices,
        default=CaseStatus.RECEIVED,
        editable=False,
    )
    received_on = models.DateField(
        _("received on"), default=timezone.localdate, validators=[not_before_1949]
    )
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True, editable=False)
    due_on = models.DateField(
        _("due on"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "Mediations: 15 days after acceptance (Labour Dispute Mediation Law, art. 14)."
        ),
    )
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True, editable=False)
    closed_on = models.DateField(_("closed on"), null=True, blank=True, editable=False)
    respondent = models.ForeignKey(
        Employer,
        verbose_name=_("respondent employer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legal_cases",
    )
    respondent_name = models.CharField(
        _("respondent (not registered)"),
        max_length=150,
        blank=True,
        help_text=_("When the employer is not in the register."),
    )
    matter = models.CharField(_("matter"), max_length=20, choices=Matter.choices, db_index=True)
    workers_involved = models.PositiveIntegerField(
        _("workers involved"), default=1, validators=[at_most(100_000), MinValueValidator(1)]
    )
    amount_claimed = models.DecimalField(
        _("amount claimed (yuan)"),
        max_digits=14,
        decimal_places=2,
        default=0,
        validators=[MoneyCeiling("case"), MinValueValidator(0)],
    )
    amount_recovered = models.DecimalField(
        _("amount recovered (yuan)"),
        max_digits=14,
        decimal_places=2,
        default=0,
        validators=[MoneyCeiling("case"), MinValueValidator(0)],
    )
    assigned_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned staff"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legal_cases",
    )
    lawyer = models.ForeignKey(
        Lawyer,
        verbose_name=_("lawyer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    facts = models.TextField(_("facts and claims"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        triggers = [version_trigger()]
        verbose_name = _("case")
        verbose_name_plural = pgettext_lazy("legal case", "cases")
        ordering = ["-received_on", "-id"]
        permissions = [
            ("view_case_file", _("Can open case files and their documents")),
        ]
        indexes = [
            models.Index(fields=["-received_on", "-id"], name="case_received_id"),
            models.Index(fields=["kind", "accepted_on"], name="case_kind_accepted"),
            models.Index(fields=["status", "due_on"], name="case_status_due"),
            models.Index(fields=["year", "kind"], name="case_year_kind"),
            models.Index(fields=["accepted_on"], name="case_accepted_on"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year", "sequence"],
                name="case_unique_number_per_kind_year",
                violation_error_code="case_unique_number_per_kind_year",
                violation_error_message=_(
                    "This case number is already taken for this kind and year."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(workers_involved__gte=1),
                name="case_workers_gte_1",
                violation_error_code="case_workers_gte_1",
                violation_error_message=_("A case involves at least one worker."),
            ),
            models.CheckConstraint(
                condition=models.Q(amount_claimed__gte=0, amount_recovered__gte=0),
                name="case_amounts_not_negative",
                violation_error_code="case_amounts_not_negative",
                violation_error_message=_("Amounts claimed and recovered cannot be negative."),
            ),
            models.CheckConstraint(
                condition=models.Q(respondent__isnull=False) | ~models.Q(respondent_name=""),
                name="case_has_respondent",
                violation_error_code="case_has_respondent",
                violation_error_message=_(
                    "Choose the employer the case is against, or type its name."
                ),
            ),
        ]

    def __str__(self):
        return self.reference or str(_("New case"))

    def get_absolute_url(self):
        return reverse("legal_aid:case-detail", args=[self.pk])

    def clean(self):
        if not self.respondent_id and not self.respondent_name.strip():
            raise ValidationError(
                {"respondent": _("Choose the respondent employer or type its name.")}
            )

    @property
    def respondent_display(self):
        return self.respondent.name if self.respondent_id else self.respondent_name

    @property
    def allowed_moves(self):
        return ALLOWED_MOVES[CaseStatus(self.status)]

    @property
    def is_running_mediation(self):
        """A mediation whose 15-day deadline runs (`CaseQuerySet.running_mediations` in SQL)."""
        return self.kind == CaseKind.MEDIATION and self.status in MEDIATION_RUNNING

    def is_overdue(self, today=None):
        """`CaseQuerySet.overdue` for one case already loaded (no query)."""
        today = today or timezone.localdate()
        return self.is_running_mediation and self.due_on is not None and self.due_on < today

    @staticmethod
    def format_reference(kind, year, sequence):
        return f"{REFERENCE_PREFIX[CaseKind(kind)]}〔{year}〕第{sequence}号"

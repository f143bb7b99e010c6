"""An application, its status history, its documents, the attempts the rate limits count, the
counters that number applications, and the calendar of working days."""

import datetime
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import Storage
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yuyang_union.personal_data.fields import DigestField, MobilePhoneField
from yuyang_union.personal_data.masking import mask_phone
from yuyang_union.storage.named import NamedStorage
from yuyang_union.versions.models import VersionedModel, version_trigger


class ApplicationKind(models.TextChoices):
    """The kinds members may apply for; each is handled by its app (`kinds.register`)."""

    JOIN = "join", pgettext_lazy("application kind", "Joining the union")
    LEGAL_HELP = "legal_help", pgettext_lazy("application kind", "Legal help")
    HARDSHIP_HELP = "hardship_help", pgettext_lazy("application kind", "Hardship help")
    EDUCATION_AID = (
        "education_aid",
        pgettext_lazy("application kind", "Golden-autumn education aid"),
    )


# The character that opens a number: 入会申〔2026〕第12号.
NUMBER_PREFIX = {
    ApplicationKind.JOIN: "入会申",
    ApplicationKind.LEGAL_HELP: "法援申",
    ApplicationKind.HARDSHIP_HELP: "帮扶申",
    ApplicationKind.EDUCATION_AID: "助学申",
}


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("application", "Submitted")  # 提交
    ACCEPTED = "accepted", pgettext_lazy("application", "Accepted")  # 受理
    IN_PROGRESS = "in_progress", pgettext_lazy("application", "In progress")  # 办理中
    CONCLUDED = "concluded", pgettext_lazy("application", "Concluded")  # 已办结
    DECLINED = "declined", pgettext_lazy("application", "Not approved")  # 未通过


OPEN_STATUSES = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.ACCEPTED,
    ApplicationStatus.IN_PROGRESS,
)
CLOSED_STATUSES = (ApplicationStatus.CONCLUDED, ApplicationStatus.DECLINED)


class DeclineReason(models.TextChoices):
    """Why an application is not taken up: the applicant reads the reason and the note."""

    INCOMPLETE = "incomplete", _("The information is incomplete or unclear")
    NOT_ELIGIBLE = "not_eligible", _("The conditions are not met")
    DUPLICATE = "duplicate", _("Already applied for or already handled")
    OTHER_BODY = "other_body", _("Belongs to another union or department")
    UNREACHABLE = "unreachable", _("The applicant could not be reached")
    OTHER = "other", _("Other reason")


class ApplicationQuerySet(models.QuerySet["Application"]):
    def open(self) -> "ApplicationQuerySet":
        return self.filter(status__in=OPEN_STATUSES)

    def unanswered(self) -> "ApplicationQuerySet":
        return self.filter(status=ApplicationStatus.SUBMITTED)

    def overdue(self, now: datetime.datetime | None = None) -> "ApplicationQuerySet":
        """Still waiting for a first answer past their deadline."""
        return self.unanswered().filter(due_at__lt=now or timezone.now())


class Application(VersionedModel):
    """One application: who asked, for what, routed to which union, and where it stands.

    The kind's own fields are in the app's model, one-to-one with this row. The applicant is
    the member who applied (help), or, for a join application, the member made on approval.
    `contact_phone` is where notices go (encrypted; its digest counts the rate limits).
    """

    kind = models.CharField(_("kind"), max_length=20, choices=ApplicationKind.choices)
    number = models.CharField(_("application number"), max_length=40, unique=True)
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    sequence = models.PositiveIntegerField(_("sequence"), editable=False)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
    )
    union = models.ForeignKey(
        "members.UnionOrganisation",
        verbose_name=_("handling union"),
        on_delete=models.PROTECT,
        related_name="applications",
        help_text=_("The union the application was routed to; its officers handle it."),
    )
    applicant = models.ForeignKey(
        "members.Member",
        verbose_name=_("applicant (member)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
    )
    applicant_name = models.CharField(pgettext_lazy("person", "applicant"), max_length=50)
    contact_phone = MobilePhoneField(_("mobile phone"))
    contact_phone_digest = DigestField(source="contact_phone", db_index=True)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    due_at = models.DateTimeField(
        _("first answer due"),
        help_text=_("The end of the last working day for a first answer."),
    )
    answered_at = models.DateTimeField(_("first answered at"), null=True, blank=True)
    accepted_at = models.DateTimeField(
        pgettext_lazy("application", "accepted at"), null=True, blank=True
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    decline_reason = models.CharField(
        _("reason"), max_length=20, choices=DeclineReason.choices, blank=True
    )
    decline_note = models.CharField(_("note to the applicant"), max_length=300, blank=True)
    outcome = models.CharField(
        _("outcome"),
        max_length=300,
        blank=True,
        help_text=_("What came of it, as the applicant reads it."),
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The record the application became (a case, a consultation, a household file, an aid
    # proposal, a member): the kind's handler names it.
    record_type = models.ForeignKey(
        ContentType,
        verbose_name=_("record type"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    record_id = models.CharField(_("record"), max_length=40, blank=True)
    record = GenericForeignKey("record_type", "record_id")
    consent_version = models.CharField(_("consent text version"), max_length=20)
    consented_at = models.DateTimeField(_("consented at"))
    sensitive_consent = models.BooleanField(
        _("separate consent to sensitive information"), default=False
    )
    unseen_update = models.BooleanField(
        _("news for the applicant"),
        default=False,
        help_text=_("A decision the applicant has not yet opened on their page."),
    )

    objects = ApplicationQuerySet.as_manager()
    # The path to its union, for scoped choices (yuyang_union.scoping).
    scope_field = "union"

    class Meta:
        verbose_name = _("online application")
        verbose_name_plural = _("online applications")
        ordering = ["-submitted_at", "-id"]
        triggers = [version_trigger()]
        indexes = [
            # The staff inbox: a union subtree's applications by status, newest first.
            models.Index(fields=["union", "status", "submitted_at"], name="application_inbox"),
            models.Index(fields=["kind", "status", "submitted_at"], name="application_kind"),
            # Overdue first answers (the staff home panel).
            models.Index(
                fields=["due_at"],
                condition=Q(status="submitted"),
                name="application_due_unanswered",
            ),
            # The figures: by the day submitted.
            models.Index(fields=["submitted_at", "kind"], name="application_submitted"),
            models.Index(fields=["applicant", "submitted_at"], name="application_applicant"),
            # The applications a record came from (a case closed, an aid approved).
            models.Index(fields=["record_type", "record_id"], name="application_record"),
            models.Index(fields=["-submitted_at", "-id"], name="application_newest"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year", "sequence"],
                name="application_number_unique",
                violation_error_code="application_number_unique",
                violation_error_message=_("This application number is taken."),
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="application_declined_has_reason",
                violation_error_code="application_declined_has_reason",
                violation_error_message=_("Choose the reason the application is not approved."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["submitted", "accepted", "in_progress"])
                | Q(closed_at__isnull=False),
                name="application_closed_has_time",
                violation_error_code="application_closed_has_time",
                violation_error_message=_("A closed application needs the time it was closed."),
            ),
            models.CheckConstraint(
                condition=Q(status="submitted") | Q(answered_at__isnull=False),
                name="application_answered_has_time",
                violation_error_code="application_answered_has_time",
                violation_error_message=_("An answered application needs the time of its answer."),
            ),
            models.CheckConstraint(
                condition=Q(due_at__gte=models.F("submitted_at")),
                name="application_due_after_submitted",
                violation_error_code="application_due_after_submitted",
                violation_error_message=_("The deadline cannot come before the submission."),
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def contact_phone_masked(self) -> str:
        return mask_phone(self.contact_phone)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.status == ApplicationStatus.SUBMITTED and self.due_at < timezone.now()

    @property
    def answered_on_time(self) -> bool | None:
        if self.answered_at is None:
            return None
        return self.answered_at <= self.due_at

    @staticmethod
    def format_number(kind: str, year: int, sequence: int) -> str:
        return f"{NUMBER_PREFIX[ApplicationKind(kind)]}〔{year}〕第{sequence}号"


class ApplicationCounter(models.Model):
    """The last number given to each kind in each year (numbers restart every year)."""

    kind = models.CharField(_("kind"), max_length=20, choices=ApplicationKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("application number counter")
        verbose_name_plural = _("application number counters")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year"],
                name="application_counter_kind_year",
                violation_error_code="application_counter_kind_year",
                violation_error_message=_("This kind already has a counter for the year."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}"


class ApplicationStep(models.Model):
    """One move of an application, as the applicant and the staff read its history."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("online application"),
        on_delete=models.CASCADE,
        related_name="steps",
    )
    status = models.CharField(_("status"), max_length=20, choices=ApplicationStatus.choices)
    at = models.DateTimeField(_("time"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("application step")
        verbose_name_plural = _("application steps")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["application", "at"], name="application_step_at")]

    def __str__(self) -> str:
        return f"{self.get_status_display()} {timezone.localtime(self.at):%Y-%m-%d %H:%M}"


class PrivateApplicationStorage(NamedStorage):
    """Documents attached to applications: private like case documents; the only way to read
    one is the view that checks who may see its application and logs the opening."""

    def url(self, name: str | None) -> str:
        return reverse("applications:document-file", kwargs={"name": name})


application_storage = PrivateApplicationStorage("application_documents")


def get_application_storage() -> Storage:
    return application_storage  # type: ignore[return-value]  # a lazy Storage


def application_document_path(instance: models.Model, filename: str) -> str:
    """A random name: the original file name (often a person's name) stays out of paths."""
    suffix = Path(filename).suffix.lower()[:10]
    return f"applications/{timezone.localdate():%Y}/{uuid.uuid4().hex}{suffix}"


class ApplicationDocument(models.Model):
    application = models.ForeignKey(
        Application,
        verbose_name=_("online application"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    file = models.FileField(
        _("file"),
        upload_to=application_document_path,
        storage=get_application_storage,
        max_length=200,
    )
    original_name = models.CharField(_("original file name"), max_length=200)
    content_type = models.CharField(_("file type"), max_length=50)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("application document")
        verbose_name_plural = _("application documents")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class SubmissionAttempt(models.Model):
    """One application sent (valid or refused by a limit), kept so that every worker counts
    the same attempts for the rate limits. Only keyed hashes of the phone and ID number."""

    # Blank for a visitor's status look-up.
    kind = models.CharField(_("kind"), max_length=20, choices=ApplicationKind.choices, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"))
    phone_digest = models.CharField(_("phone digest"), max_length=64, blank=True)
    person_digest = models.CharField(_("person digest"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("application attempt")
        verbose_name_plural = _("application attempts")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["ip_address", "created_at"], name="app_attempt_ip_time"),
            models.Index(fields=["phone_digest", "created_at"], name="app_attempt_phone_time"),
            models.Index(fields=["person_digest", "created_at"], name="app_attempt_person_time"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {timezone.localtime(self.created_at):%Y-%m-%d %H:%M}"


class CalendarDay(models.Model):
    """A day that breaks the Monday-to-Friday rule: a public holiday on a weekday, or a
    weekend day worked in exchange (调休上班), as the State Council publishes each year."""

    date = models.DateField(_("date"), unique=True)
    is_working_day = models.BooleanField(
        _("working day"),
        default=False,
        help_text=_("Tick for a weekend day that is worked; leave blank for a holiday."),
    )
    name = models.CharField(_("name"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("holiday or exchanged working day")
        verbose_name_plural = _("holidays and exchanged working days")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"

"""Services counted in sessions and person-times: consultations and outreach events."""

from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.models import Employer
from yuyang_union.bounds import at_most, not_before_1949
from yuyang_union.choice_array import ChoiceArrayField
from yuyang_union.versions.models import VersionedModel, version_trigger

from .choices import Matter
from .lawyers import Lawyer


class Channel(models.TextChoices):
    WALK_IN = "walk_in", _("Walk-in")
    HOTLINE = "hotline", _("12351 hotline")
    ONLINE = "online", _("Online")
    AT_EMPLOYER = "employer", _("At an employer")


class DatedQuerySet(models.QuerySet):
    def between(self, start, end):
        return self.filter(date__gte=start, date__lte=end)


class Consultation(VersionedModel):
    """A legal consultation (法律咨询): one session, serving one or several workers."""

    date = models.DateField(_("date"), db_index=True, validators=[not_before_1949])
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, db_index=True)
    topics = ChoiceArrayField(
        models.CharField(max_length=20, choices=Matter.choices),
        verbose_name=_("topics"),
        help_text=_("Tick every topic raised."),
    )
    workers_served = models.PositiveIntegerField(
        _("workers served"), default=1, validators=[at_most(100_000), MinValueValidator(1)]
    )
    employer = models.ForeignKey(
        Employer,
        verbose_name=pgettext_lazy("labour law", "employer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legal_consultations",
    )
    # A worker's employer that is not in the register (a small shop, a platform) is kept by
    # the name the worker gave; a registered one is the `employer` above.
    employer_name = models.CharField(
        _("employer not registered"),
        max_length=150,
        blank=True,
        help_text=_("The employer's name as given, when it is not in the register."),
    )
    lawyer = models.ForeignKey(
        Lawyer,
        verbose_name=_("lawyer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
    )
    summary = models.TextField(
        pgettext_lazy("consultation", "summary"), max_length=1000, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = DatedQuerySet.as_manager()

    class Meta:
        triggers = [version_trigger()]
        verbose_name = _("legal consultation")
        verbose_name_plural = _("legal consultations")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["-date", "-id"], name="consultation_date_id"),
            GinIndex(fields=["topics"], name="consultation_topics"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(workers_served__gte=1),
                name="consultation_serves_someone",
                violation_error_code="consultation_serves_someone",
                violation_error_message=_("A consultation serves at least one worker."),
            ),
            models.CheckConstraint(
                condition=~models.Q(topics=[]),
                name="consultation_has_topic",
                violation_error_code="consultation_has_topic",
                violation_error_message=_("Choose at least one topic."),
            ),
        ]

    def __str__(self):
        return f"{self.date} {self.get_channel_display()}"

    @property
    def employer_display(self):
        """The registered employer's name, or the name given for one not registered."""
        return self.employer.name if self.employer_id else self.employer_name


class OutreachKind(models.TextChoices):
    PUBLICITY = "publicity", _("Legal publicity")
    LAW_TO_ENTERPRISE = "enterprise", _("Law-to-enterprise visit")


class OutreachEvent(models.Model):
    """普法宣传 / 送法进企业: counted in events and in attendance (person-times)."""

    kind = models.CharField(_("kind"), max_length=20, choices=OutreachKind.choices, db_index=True)
    date = models.DateField(_("date"), db_index=True, validators=[not_before_1949])
    title = models.CharField(pgettext_lazy("outreach event", "title"), max_length=120)
    place = models.CharField(_("place"), max_length=120, blank=True)
    employer = models.ForeignKey(
        Employer,
        verbose_name=pgettext_lazy("labour law", "employer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legal_outreach_events",
    )
    lawyers = models.ManyToManyField(
        Lawyer, verbose_name=_("lawyers"), blank=True, related_name="outreach_events"
    )
    attendance = models.PositiveIntegerField(
        _("attendance (person-times)"), validators=[at_most(100_000)]
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("outreach event")
        verbose_name_plural = _("outreach events")
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(place="") | models.Q(employer__isnull=False),
                name="outreach_place_or_employer",
                violation_error_code="outreach_place_or_employer",
                violation_error_message=_("Give the place or choose the employer."),
            ),
        ]

    def __str__(self):
        return f"{self.date} {self.title}"

    def clean(self):
        if not self.place and not self.employer_id:
            raise ValidationError(_("Give the place or the employer visited."))

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.models import Employer, UnionOrganisation
from yuyang_union.bounds import not_before_1949
from yuyang_union.page_cache.models import PageArea, bumps_page_version

RULES_EXTENSIONS = ["pdf", "doc", "docx", "wps", "xls", "xlsx"]
RULES_MAX_BYTES = 10 * 1024 * 1024


def validate_rules_size(upload):
    if upload.size > RULES_MAX_BYTES:
        raise ValidationError(
            _("The rules document is larger than %(limit)d MB."),
            params={"limit": RULES_MAX_BYTES // (1024 * 1024)},
            code="file_too_large",
        )


class CompetitionKind(models.TextChoices):
    LABOUR = "labour", _("Labour competition")
    SKILL = "skill", _("Skill competition")
    ANKANG_CUP = "ankang_cup", _("Ankang Cup workplace-safety competition")
    SAFETY_ART = "safety_art", _("Safety art contest")
    BARGAINING = "bargaining", _("Collective-bargaining contest")
    ONLINE = "online", _("Online competition")
    OTHER = "other", pgettext_lazy("competition kind", "Other")


class CompetitionLevel(models.TextChoices):
    COUNTY = "county", _("County")
    MUNICIPAL = "municipal", _("Municipal")
    NATIONAL = "national", _("National")


class CompetitionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Open for entries")
    UNDER_WAY = "under_way", _("Under way")
    FINISHED = "finished", _("Finished")
    PUBLISHED = "published", _("Results published")


# The only moves a competition's status may make (competitions.services.change_status).
STATUS_TRANSITIONS = {
    CompetitionStatus.PLANNED: [CompetitionStatus.OPEN],
    CompetitionStatus.OPEN: [CompetitionStatus.PLANNED, CompetitionStatus.UNDER_WAY],
    CompetitionStatus.UNDER_WAY: [CompetitionStatus.FINISHED],
    CompetitionStatus.FINISHED: [CompetitionStatus.UNDER_WAY, CompetitionStatus.PUBLISHED],
    CompetitionStatus.PUBLISHED: [CompetitionStatus.FINISHED],
}

# A competition counts as held once it is under way (the summary counts what took place).
HELD_STATUSES = [
    CompetitionStatus.UNDER_WAY,
    CompetitionStatus.FINISHED,
    CompetitionStatus.PUBLISHED,
]


class CoOrganiser(models.Model):
    """A body that organises competitions with the union (县人社局, 县工商联, ...)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)

    class Meta:
        triggers = [bumps_page_version(PageArea.COMPETITIONS)]
        verbose_name = _("co-organiser")
        verbose_name_plural = _("co-organisers")
        ordering = ["name"]

    def __str__(self):
        return self.name


class CompetitionQuerySet(models.QuerySet):
    def held(self):
        return self.filter(status__in=HELD_STATUSES)

    def public(self):
        """What the public list shows: everything announced (planned ones included)."""
        return self.select_related("organiser").order_by("-starts_on", "-id")


class Competition(models.Model):
    name = models.CharField(_("name"), max_length=150, db_index=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=CompetitionKind.choices, db_index=True
    )
    level = models.CharField(
        _("level"),
        max_length=20,
        choices=CompetitionLevel.choices,
        default=CompetitionLevel.COUNTY,
        db_index=True,
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CompetitionStatus.choices,
        default=CompetitionStatus.PLANNED,
        db_index=True,
        editable=False,
        help_text=_("Changed only through the status actions on the competition page."),
    )
    organiser = models.ForeignKey(
        UnionOrganisation,
        verbose_name=_("organising union"),
        on_delete=models.PROTECT,
        related_name="competitions",
    )
    co_organisers = models.ManyToManyField(
        CoOrganiser, verbose_name=_("co-organisers"), blank=True, related_name="competitions"
    )
    starts_on = models.DateField(_("starts on"), db_index=True, validators=[not_before_1949])
    ends_on = models.DateField(_("ends on"), validators=[not_before_1949])
    place = models.CharField(_("place"), max_length=150, blank=True)
    description = models.TextField(_("description"), blank=True)
    rules_document = models.FileField(
        _("rules document"),
        upload_to="competitions/rules/%Y/",
        blank=True,
        validators=[FileExtensionValidator(RULES_EXTENSIONS), validate_rules_size],
        help_text=_("PDF, Word, WPS or Excel, at most 10 MB."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CompetitionQuerySet.as_manager()

    class Meta:
        triggers = [bumps_page_version(PageArea.COMPETITIONS)]
        verbose_name = _("competition")
        verbose_name_plural = _("competitions")
        ordering = ["-starts_on", "-id"]
        permissions = [
            ("import_entry", _("Can import competition entries from Excel")),
            ("promote_to_honour", _("Can promote titles and prizes to honours")),
        ]
        indexes = [
            models.Index(fields=["-starts_on", "-id"], name="competition_start_id"),
            models.Index(fields=["kind", "starts_on"], name="competition_kind_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="competition_ends_after_start",
                violation_error_code="competition_ends_after_start",
                violation_error_message=_("A competition cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name with its year in front, unless the name already holds it: staff name a
        competition "2026年职工技能大赛", and "2026年 2026年职工技能大赛" reads as a slip."""
        year = f"{self.starts_on:%Y}" if self.starts_on else ""
        if not year or year in self.name:
            return self.name
        return f"{year}年 {self.name}"

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date is before the start date.")})

    @property
    def results_published(self):
        return self.status == CompetitionStatus.PUBLISHED

    def allowed_statuses(self):
        return STATUS_TRANSITIONS[CompetitionStatus(self.status)]


class CompetitionEvent(models.Model):
    """A trade or event contested in a competition (工种/项目)."""

    competition = models.ForeignKey(
        Competition, verbose_name=_("competition"), on_delete=models.CASCADE, related_name="events"
    )
    name = models.CharField(_("trade or event"), max_length=80)
    ordering = models.PositiveSmallIntegerField(_("order"), default=0)
    max_score = models.DecimalField(_("maximum score"), max_digits=7, decimal_places=2, default=100)

    class Meta:
        triggers = [bumps_page_version(PageArea.COMPETITIONS)]
        verbose_name = _("trade or event")
        verbose_name_plural = _("trades and events")
        ordering = ["competition_id", "ordering", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["competition", "name"],
                name="competition_event_unique_name",
                violation_error_code="competition_event_unique_name",
                violation_error_message=_("This competition already has an event of this name."),
            ),
            models.CheckConstraint(
                condition=models.Q(max_score__gt=0),
                name="competition_event_max_score_positive",
                violation_error_code="competition_event_max_score_positive",
                violation_error_message=_("The full score must be more than zero."),
            ),
        ]

    def __str__(self):
        return self.name


class Participation(models.Model):
    """An employer taking part in a competition, with its team name if it sends a team."""

    competition = models.ForeignKey(
        Competition,
        verbose_name=_("competition"),
        on_delete=models.CASCADE,
        related_name="participations",
    )
    employer = models.ForeignKey(
        Employer,
        verbose_name=_("employer"),
        on_delete=models.PROTECT,
        related_name="competition_participations",
    )
    team_name = models.CharField(_("team name"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("participating employer")
        verbose_name_plural = _("participating employers")
        ordering = ["competition_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["competition", "employer"],
                name="participation_unique_employer",
                violation_error_code="participation_unique_employer",
                violation_error_message=_("This employer already takes part in this competition."),
            ),
        ]

    def __str__(self):
        return self.team_name or str(self.employer)

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.models import Employer, Honour, Member
from yuyang_union.bounds import not_before_1949
from yuyang_union.page_cache.models import PageArea, bumps_page_version

from .competitions import Competition, CompetitionEvent


class Award(models.TextChoices):
    FIRST = "first", _("First prize")
    SECOND = "second", _("Second prize")
    THIRD = "third", _("Third prize")
    EXCELLENCE = "excellence", _("Excellence award")
    NONE = "none", pgettext_lazy("award", "None")


class EntryQuerySet(models.QuerySet):
    def results(self):
        """Entries in result order, with what a results table shows."""
        return self.select_related("member", "employer", "event").order_by(
            "event__ordering", "event_id", models.F("rank").asc(nulls_last=True), "member__name"
        )


class Entry(models.Model):
    """A member entering one event of a competition for an employer."""

    event = models.ForeignKey(
        CompetitionEvent,
        verbose_name=_("trade or event"),
        on_delete=models.PROTECT,
        related_name="entries",
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="competition_entries",
    )
    employer = models.ForeignKey(
        Employer,
        verbose_name=_("employer"),
        on_delete=models.PROTECT,
        related_name="competition_entries",
    )
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=2, null=True, blank=True)
    rank = models.PositiveIntegerField(
        _("rank"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Computed from the scores of the event; equal scores share a rank."),
    )
    award = models.CharField(
        _("award"), max_length=20, choices=Award.choices, default=Award.NONE, db_index=True
    )
    honour = models.OneToOneField(
        Honour,
        verbose_name=_("honour"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="competition_entry",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        triggers = [bumps_page_version(PageArea.COMPETITIONS)]
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        ordering = ["event_id", "rank", "id"]
        indexes = [
            models.Index(fields=["event", "rank"], name="entry_event_rank"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "member"],
                name="entry_one_per_member_event",
                violation_error_code="entry_one_per_member_event",
                violation_error_message=_("This member is already entered in this trade or event."),
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=0),
                name="entry_score_not_negative",
                violation_error_code="entry_score_not_negative",
                violation_error_message=_("A score cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.member.name} · {self.event}"

    @property
    def is_prize(self):
        return self.award != Award.NONE


class TitleKind(models.TextChoices):
    SKILL_STAR = "skill_star", _("Skill star")
    INNOVATION_STAR = "innovation_star", _("Innovation star")
    LABOUR_STAR = "labour_star", _("Labour star")
    SERVICE_STAR = "service_star", _("Service star")
    OTHER = "other", pgettext_lazy("title kind", "Other")


class CompetitionTitleQuerySet(models.QuerySet):
    def stars(self):
        return self.exclude(kind=TitleKind.OTHER)


class CompetitionTitle(models.Model):
    """A title won in a competition (技能之星, 创新之星, ...), awarded to a member."""

    competition = models.ForeignKey(
        Competition,
        verbose_name=_("competition"),
        on_delete=models.PROTECT,
        related_name="titles",
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="competition_titles",
    )
    employer = models.ForeignKey(
        Employer,
        verbose_name=_("employer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="competition_titles",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=TitleKind.choices, db_index=True)
    name = models.CharField(
        _("title"),
        max_length=60,
        blank=True,
        help_text=_("Needed for other titles; the star titles are named by their kind."),
    )
    awarded_on = models.DateField(_("awarded on"), db_index=True, validators=[not_before_1949])
    honour = models.OneToOneField(
        Honour,
        verbose_name=_("honour"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="competition_title",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CompetitionTitleQuerySet.as_manager()

    class Meta:
        triggers = [bumps_page_version(PageArea.COMPETITIONS)]
        verbose_name = _("competition title")
        verbose_name_plural = _("competition titles")
        ordering = ["-awarded_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["competition", "member", "kind", "name"],
                name="competition_title_unique",
                violation_error_code="competition_title_unique",
                violation_error_message=_(
                    "This member already has this title in this competition."
                ),
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="other") | ~models.Q(name=""),
                name="competition_title_other_named",
                violation_error_code="competition_title_other_named",
                violation_error_message=_("Name the title when its kind is “other”."),
            ),
        ]

    def __str__(self):
        return f"{self.member.name} · {self.title_name}"

    @property
    def title_name(self):
        """技能之星 etc. for the stars, the typed name for other titles."""
        return self.name or str(TitleKind(self.kind).label)

    def clean(self):
        if self.kind == TitleKind.OTHER and not self.name:
            raise ValidationError({"name": _("Give the name of the title.")})

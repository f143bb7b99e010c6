from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yuyang_union.bounds import plausible_year
from yuyang_union.page_cache.models import PageArea, bumps_page_version
from yuyang_union.versions.models import VersionedModel, version_trigger

from .employers import Employer
from .members import Member
from .organisations import UnionOrganisation


class HonourLevel(models.TextChoices):
    NATIONAL = "national", pgettext_lazy("honour level", "National")
    MUNICIPAL = "municipal", pgettext_lazy("honour level", "Municipal")
    COUNTY = "county", pgettext_lazy("honour level", "County")


class HonourTitle(models.Model):
    """A title such as 全国劳动模范; the standard ones come with the portal, staff add more.

    `key` names the titles that the work summary counts (e.g. "national_model_worker").
    """

    name = models.CharField(_("title"), max_length=60, unique=True)
    level = models.CharField(_("level"), max_length=20, choices=HonourLevel.choices)
    is_collective = models.BooleanField(
        _("for collectives"), default=False, help_text=_("Awarded to a team, not a person.")
    )
    key = models.SlugField(
        _("summary key"),
        max_length=40,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Set on the titles that the work summary counts."),
    )
    ordering = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        triggers = [bumps_page_version(PageArea.HONOURS)]
        verbose_name = _("honour title")
        verbose_name_plural = _("honour titles")
        ordering = ["ordering", "name"]

    def __str__(self):
        return self.name


class Honour(VersionedModel):
    """An honour awarded to a member, or to a collective (team, workshop, employer, union)."""

    title = models.ForeignKey(
        HonourTitle, verbose_name=_("title"), on_delete=models.PROTECT, related_name="honours"
    )
    year = models.PositiveSmallIntegerField(_("year"), db_index=True, validators=[plausible_year])
    awarded_by = models.CharField(_("awarding body"), max_length=100, blank=True)
    member = models.ForeignKey(
        Member,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="honours",
    )
    collective_name = models.CharField(
        _("collective"),
        max_length=150,
        blank=True,
        help_text=_("Name of the team, workshop, employer or union honoured."),
    )
    employer = models.ForeignKey(
        Employer,
        verbose_name=_("employer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="honours",
    )
    union = models.ForeignKey(
        UnionOrganisation,
        verbose_name=_("union"),
        on_delete=models.PROTECT,
        related_name="honours",
        help_text=_("The union that recommended the honouree; it decides who may edit."),
    )
    citation = models.TextField(_("deeds"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        triggers = [bumps_page_version(PageArea.HONOURS), version_trigger()]
        verbose_name = _("honour")
        verbose_name_plural = _("honours")
        ordering = ["-year", "title__ordering"]
        permissions = [("import_honour", _("Can import honours from Excel"))]
        indexes = [
            models.Index(fields=["title", "year"], name="honour_title_year"),
            # The admin's order (latest year, then newest), read backwards a page at a time.
            models.Index(fields=["year", "id"], name="honour_year_id"),
        ]
        constraints = [
            # Exactly one recipient: a member, or a named collective.
            models.CheckConstraint(
                condition=(
                    models.Q(member__isnull=False, collective_name="")
                    | (models.Q(member__isnull=True) & ~models.Q(collective_name=""))
                ),
                name="honour_one_recipient",
                violation_error_code="honour_one_recipient",
                violation_error_message=_(
                    "An honour goes either to a member or to a named collective, not both "
                    "and not neither."
                ),
            ),
            models.UniqueConstraint(
                fields=["title", "year", "member"],
                name="honour_unique_member_title_year",
                violation_error_code="honour_unique_member_title_year",
                violation_error_message=_("This member already has this honour for this year."),
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.title} {self.recipient_name}"

    @property
    def recipient_name(self):
        return self.member.name if self.member_id else self.collective_name

    def clean(self):
        if bool(self.member_id) == bool(self.collective_name):
            raise ValidationError(_("Give either a member or the name of a collective, not both."))

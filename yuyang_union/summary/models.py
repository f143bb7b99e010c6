from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .registry import KEY_CHOICES

FIRST_YEAR = 1949  # no union record here predates the People's Republic
LAST_YEAR = 2100


class YearlyTally(models.Model):
    """A figure for one year entered by hand, for years before the portal held the records.

    The summary adds it to what the records give and marks the figure; a tally for a year in
    which records also exist is shown as a warning (the same work may be counted twice).
    """

    key = models.CharField(_("figure"), max_length=80, choices=KEY_CHOICES)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    value = models.DecimalField(
        _("value"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_("Money in yuan; counts as whole numbers."),
    )
    note = models.TextField(_("note"), blank=True, help_text=_("Where the number comes from."))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("entered by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("yearly tally")
        verbose_name_plural = _("yearly tallies")
        ordering = ["key", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "year"],
                name="summary_tally_one_per_year",
                violation_error_code="summary_tally_one_per_year",
                violation_error_message=_("This figure already has a value for this year."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR) & Q(year__lte=LAST_YEAR),
                name="summary_tally_year_range",
                violation_error_code="summary_tally_year_range",
                violation_error_message=_("Enter a year between 1949 and 2100."),
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="summary_tally_not_negative",
                violation_error_code="summary_tally_not_negative",
                violation_error_message=_("A figure cannot be negative."),
            ),
        ]
        indexes = [models.Index(fields=["year"], name="summary_tally_year_idx")]

    def __str__(self):
        return f"{self.get_key_display()} {self.year}: {self.value}"


class Snapshot(models.Model):
    """A period's figures frozen under a name (e.g. the congress report), to compare later."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    # {figure key: value as a string}; strings keep Decimal money exact through JSON.
    values = models.JSONField(_("values"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lte=models.F("end")),
                name="summary_snapshot_period",
                violation_error_code="summary_snapshot_period",
                violation_error_message=_("A period cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return self.name

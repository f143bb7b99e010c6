"""Plausible values where a typo is likely: money per entry, counts, dates.

Field validators, so a slip is refused at its field by every form, import and service
(`full_clean`), in Chinese:
- money: `MoneyCeiling(kind)`, a ceiling per kind of entry from the settings
  (`MONEY_CEILINGS`, each configurable from the environment), checked on the amount's size,
  so a reversal's negative amount is held to it too;
- dates: nothing before 1949 (`not_before_1949`, `plausible_year`); events not more than
  five years ahead (`at_most_five_years_ahead`);
- counts: `at_most(n)`, a ceiling no real record reaches.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

EARLIEST = datetime.date(1949, 1, 1)
LATEST_YEAR = 2100
YEARS_AHEAD = 5


@deconstructible
class MoneyCeiling:
    """No single entry of this kind above the configured ceiling (yuan)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def __call__(self, value: Decimal | None) -> None:
        if value is None:
            return
        ceiling = Decimal(settings.MONEY_CEILINGS[self.kind])
        if abs(value) > ceiling:
            raise ValidationError(
                _(
                    "No single entry of this kind may be more than %(ceiling)s yuan: check the "
                    "number of digits."
                ),
                code="money_above_ceiling",
                params={"ceiling": f"{ceiling:,.2f}"},
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MoneyCeiling) and other.kind == self.kind

    def __hash__(self) -> int:
        return hash(self.kind)


def _as_date(value: datetime.date | datetime.datetime) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def not_before_1949(value: datetime.date | datetime.datetime | None) -> None:
    if value is not None and _as_date(value) < EARLIEST:
        raise ValidationError(_("Enter a date from 1949 on."), code="date_before_1949")


def plausible_year(value: int | None) -> None:
    if value is not None and not EARLIEST.year <= value <= LATEST_YEAR:
        raise ValidationError(
            _("Enter a year between 1949 and %(latest)s."),
            code="implausible_year",
            params={"latest": LATEST_YEAR},
        )


def at_most_five_years_ahead(value: datetime.date | datetime.datetime | None) -> None:
    if value is None:
        return
    not_before_1949(value)
    today = timezone.localdate()
    try:
        latest = today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February, five years on
        latest = today.replace(year=today.year + YEARS_AHEAD, day=28)
    if _as_date(value) > latest:
        raise ValidationError(
            _("An event can be at most five years ahead: check the year."),
            code="too_far_ahead",
        )


def at_most(limit: int) -> Any:
    """A count no real record reaches (a typo's extra digits)."""
    return MaxValueValidator(
        limit,
        message=_("This number is implausibly large (at most %(limit_value)s): check it."),
    )

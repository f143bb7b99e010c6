"""Numbers as a Chinese report writes them: "529万元", "2763人次", "35.3万元"."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from yuyang_union.figures import Unit

TEN_THOUSAND = Decimal(10000)
# Counts stay exact (覆盖会员11310人) until they are large enough that a reader wants 万.
COUNT_WAN_FROM = 100000


def plain_number(number: Decimal) -> str:
    """Decimal without trailing zeros or exponent: 529.00 -> "529", 35.30 -> "35.3"."""
    text = f"{number:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def as_decimal(value: int | Decimal) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(value)


def format_value(value: int | Decimal, unit: str, measure: str | Promise) -> str:
    """`value` (int or Decimal; money in yuan) with its measure word, for a Chinese reader."""
    value = as_decimal(value)
    if unit == Unit.YUAN:
        if abs(value) >= TEN_THOUSAND:
            wan = (value / TEN_THOUSAND).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            return _("%(amount)s ten thousand yuan") % {"amount": plain_number(wan)}
        yuan = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        return _("%(amount)s yuan") % {"amount": plain_number(yuan)}
    if abs(value) >= COUNT_WAN_FROM:
        wan = (value / TEN_THOUSAND).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        return _("%(number)s ten thousand %(measure)s") % {
            "number": plain_number(wan),
            "measure": measure,
        }
    return _("%(number)s %(measure)s") % {"number": plain_number(value), "measure": measure}


def format_change(change: int | Decimal, unit: str, measure: str | Promise) -> str:
    """A difference with its sign: "+3家", "-1.5万元"; "" for no change."""
    change = as_decimal(change)
    if change == 0:
        return ""
    sign = "+" if change > 0 else "-"
    return sign + format_value(abs(change), unit, measure)


def json_number(value: int | Decimal) -> int | float:
    """An int when whole (counts, round sums of money), else a float of the yuan amount."""
    value = as_decimal(value)
    if value == value.to_integral_value():
        return int(value)
    return float(value)

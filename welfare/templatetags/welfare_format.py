"""Money as a Chinese reader expects it: 1,234.50 元, or 529.00 万元 for big sums."""

from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def yuan(value):
    if value is None or value == "":
        return ""
    return _("%(amount)s yuan") % {"amount": f"{Decimal(value):,.2f}"}


@register.filter
def wan_yuan(value):
    if value is None or value == "":
        return ""
    return _("%(amount)s 10k yuan") % {"amount": f"{Decimal(value) / 10000:,.2f}"}

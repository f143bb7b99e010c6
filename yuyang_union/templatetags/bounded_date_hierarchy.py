"""The admin's date hierarchy (the years and months above a changelist) in bounded queries.

Django's `date_hierarchy` tag lists the years with `SELECT DISTINCT date_trunc('year', ...)`
over every row of the list, and a year's months over all of that year's rows: at 442k grants a
scan on each page of the list. This tag shows the same links from the first and last date
(`MIN`/`MAX`, two probes of the date's index): every year from the first to the last, and in a
year every month from its first to its last. A year or a month without a row in between is
shown too, and leads to an empty list; in a county that grants every month that is the range
anyway. A month's days are few rows (a month of the index): Django's own tag lists those.

Used by `templates/admin/change_list.html` for every changelist with a `date_hierarchy`.
"""

import datetime
from typing import Any

from django import template
from django.contrib.admin.templatetags import admin_list
from django.contrib.admin.utils import get_fields_from_path
from django.contrib.admin.views.main import ChangeList
from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

register = template.Library()


def _first_and_last(cl: ChangeList, field_name: str) -> tuple[Any, Any]:
    """The list's first and last dates (local dates for a date-time field), or Nones."""
    bounds = cl.queryset.aggregate(first=models.Min(field_name), last=models.Max(field_name))
    first, last = bounds["first"], bounds["last"]
    if isinstance(first, datetime.datetime) and timezone.is_aware(first):
        first, last = timezone.localtime(first), timezone.localtime(last)
    return first, last


def _djangos(cl: ChangeList) -> dict[str, Any]:
    """Django's own tag's answer (it lists the days of a month with a DISTINCT over them)."""
    return admin_list.date_hierarchy(cl) or {"show": False}


def _months(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    return [datetime.date(first.year, month, 1) for month in range(first.month, last.month + 1)]


@register.inclusion_tag("admin/date_hierarchy.html")
def bounded_date_hierarchy(cl: ChangeList) -> dict[str, Any]:
    """What Django's `date_hierarchy` returns, for the template `admin/date_hierarchy.html`."""
    if not cl.date_hierarchy:
        return {"show": False}
    field_name = cl.date_hierarchy
    get_fields_from_path(cl.model, field_name)  # refuses a wrong field, as Django's tag does
    year_field, month_field = f"{field_name}__year", f"{field_name}__month"
    year_lookup, month_lookup = cl.params.get(year_field), cl.params.get(month_field)
    if month_lookup or cl.params.get(f"{field_name}__day"):
        return _djangos(cl)  # a month's days: a bounded range already

    def link(filters: dict[str, Any]) -> str:
        return str(cl.get_query_string(filters, [f"{field_name}__"]))

    first, last = _first_and_last(cl, field_name)
    if not year_lookup:
        if first is None:
            return {"show": True, "back": None, "choices": []}
        if first.year != last.year:
            return {
                "show": True,
                "back": None,
                "choices": [
                    {"link": link({year_field: str(year)}), "title": str(year)}
                    for year in range(first.year, last.year + 1)
                ],
            }
        if first.month == last.month:
            # One month of rows: Django's tag opens at its days (a bounded query).
            return _djangos(cl)
        year_lookup = str(first.year)
    months = _months(first, last) if first is not None else []
    return {
        "show": True,
        "back": {"link": link({}), "title": _("All dates")},
        "choices": [
            {
                "link": link({year_field: year_lookup, month_field: str(month.month)}),
                "title": capfirst(formats.date_format(month, "YEAR_MONTH_FORMAT")),
            }
            for month in months
        ],
    }

"""The summary's panel on the staff home: quick ways into the figures for leaders."""

import datetime

from django.utils import timezone

from yuyang_union.figures import records_url

from .compose import CONGRESS_START
from .models import Snapshot


def summary_panel(request):
    today = timezone.localdate()
    last_year = today.year - 1
    return {
        "template": "summary/staff_panel.html",
        "since_congress_url": _period_url(CONGRESS_START, today),
        "this_year_url": _period_url(datetime.date(today.year, 1, 1), today),
        "last_year_url": _period_url(
            datetime.date(last_year, 1, 1), datetime.date(last_year, 12, 31)
        ),
        "latest_snapshot": Snapshot.objects.only("id", "name", "start", "end").first(),
    }


def _period_url(start, end):
    return records_url("summary:index", start=start.isoformat(), end=end.isoformat())

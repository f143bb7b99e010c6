"""The summary's panel on the staff home: quick ways into the figures for leaders."""

from django.urls import reverse
from django.utils import timezone

from .compose import CONGRESS_START
from .models import Snapshot


def summary_panel(request):
    today = timezone.localdate()
    url = reverse("summary:index")
    return {
        "template": "summary/staff_panel.html",
        "since_congress_url": f"{url}?start={CONGRESS_START.isoformat()}&end={today.isoformat()}",
        "this_year_url": f"{url}?start={today.year}-01-01&end={today.isoformat()}",
        "last_year_url": f"{url}?start={today.year - 1}-01-01&end={today.year - 1}-12-31",
        "latest_snapshot": Snapshot.objects.only("id", "name", "start", "end").first(),
    }

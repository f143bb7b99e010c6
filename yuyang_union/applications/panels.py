"""The staff home's panel: open applications of the user's kinds and subtree, and those
waiting for a first answer by deadline, the overdue ones flagged (at most SHOWN)."""

from typing import Any

from django.http import HttpRequest

from . import selectors
from .kinds import kinds_handled_by

SHOWN = 10


def staff_home_panels(request: HttpRequest) -> list[dict[str, Any]]:
    user = request.user
    if not kinds_handled_by(user):
        return []
    counts = selectors.open_counts(user)
    waiting = list(selectors.waiting(user)[: SHOWN + 1]) if counts["unanswered"] else []
    return [
        {
            "template": "applications/staff_panel.html",
            "counts": counts,
            "waiting": waiting[:SHOWN],
            "more": len(waiting) > SHOWN,
        }
    ]

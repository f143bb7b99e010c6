"""Staff-home panels: what the welfare staff should do next."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import selectors

# The longest list a panel shows; the rest are behind its "all" link.
SHOWN = 50


def staff_home_panels(request):
    user = request.user
    panels = []
    if user.has_perm("welfare.view_hardshiphousehold"):
        today = timezone.localdate()
        due = selectors.households_review_due(user, today)
        # Only what the panel shows: no identifier of the head is read (nor decrypted).
        due = due.select_related(None).select_related("head").only("pk", "head__name")
        households = list(due[: SHOWN + 1])
        panels.append(
            {
                "template": "welfare/staff_panel_reviews.html",
                "url_name": "welfare:household-list",
                "households": households[:SHOWN],
                "more": len(households) > SHOWN,
                "today": today,
                "days": selectors.REVIEW_NOTICE_DAYS,
            }
        )
    if user.has_perm("welfare.approve_grant"):
        panels.append(
            {
                "template": "welfare/staff_panel.html",
                "title": _("Grants awaiting approval"),
                # Send-warmth and other grants, and education aid: one approval screen.
                "count": selectors.grants_awaiting_approval(user).count()
                + selectors.education_aid_awaiting_approval(user).count(),
                "url_name": "welfare:grant-approval",
                "query": "",
            }
        )
    return panels

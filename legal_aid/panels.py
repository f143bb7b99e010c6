"""Panels on the staff home: mediation deadlines and contracts ending, for the legal role
(their union subtree), at most `deadlines.LISTED` of each."""

from django.utils import timezone

from . import deadlines
from .models.contracts import EXPIRY_WARNING_DAYS
from .services import can_view_case_files


def staff_home_panels(request):
    user = request.user
    today = timezone.localdate()
    found = deadlines.deadlines_for(user, today)
    panels = []
    if can_view_case_files(user):
        panels.append(
            {
                "template": "legal_aid/staff_panel_overdue.html",
                "cases": found["cases"],
                "more": found["cases_more"],
                "today": today,
                "days": deadlines.MEDIATION_NOTICE_DAYS,
                "can_register": user.has_perm("legal_aid.add_case"),
            }
        )
    if user.has_perm("legal_aid.view_collectivecontract"):
        panels.append(
            {
                "template": "legal_aid/staff_panel_contracts.html",
                "contracts": found["contracts"],
                "more": found["contracts_more"],
                "days": EXPIRY_WARNING_DAYS,
            }
        )
    return panels

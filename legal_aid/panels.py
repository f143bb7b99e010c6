"""Panels on the staff home: what needs doing now. Two small queries each."""

from django.utils import timezone

from yuyang_union.scoping import scope_queryset

from .models import Case, CollectiveContract
from .models.contracts import EXPIRY_WARNING_DAYS
from .services import can_view_case_files

SHOWN = 5


def staff_home_panels(request):
    user = request.user
    panels = []
    today = timezone.localdate()
    if can_view_case_files(user):
        overdue = scope_queryset(Case.objects.overdue(today), user, "respondent__union")
        panels.append(
            {
                "template": "legal_aid/staff_panel_overdue.html",
                "count": overdue.count(),
                "cases": list(overdue.select_related("respondent").order_by("due_on")[:SHOWN]),
                "can_register": user.has_perm("legal_aid.add_case"),
            }
        )
    if user.has_perm("legal_aid.view_collectivecontract"):
        expiring = scope_queryset(CollectiveContract.objects.expiring(today), user, "union")
        panels.append(
            {
                "template": "legal_aid/staff_panel_contracts.html",
                "count": expiring.count(),
                "contracts": list(expiring.order_by("expires_on")[:SHOWN]),
                "days": EXPIRY_WARNING_DAYS,
            }
        )
    return panels

"""Staff-home panels: what the welfare staff should do next."""

from django.utils.translation import gettext_lazy as _

from . import selectors


def staff_home_panels(request):
    user = request.user
    panels = []
    if user.has_perm("welfare.view_hardshiphousehold"):
        panels.append(
            {
                "template": "welfare/staff_panel.html",
                "title": _("Household files due for yearly review"),
                "count": selectors.households_due_for_review(user).count(),
                "url_name": "welfare:household-list",
                "query": "status=in_file&stale=on",
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

"""The members card on the staff home: transfers waiting for the user's unions."""

from django.db.models import Count, Q

from yuyang_union.scoping import user_union

from .models import MembershipTransfer
from .models.transfers import TransferStatus


def staff_home_panels(request):
    user = request.user
    if not user.has_perm("members.view_membershiptransfer"):
        return []
    scope = user_union(user)
    incoming = Q(to_union__path__startswith=scope.path) if scope else Q()
    outgoing = Q(from_union__path__startswith=scope.path) if scope else Q()
    counts = MembershipTransfer.objects.filter(status=TransferStatus.RELEASED).aggregate(
        incoming=Count("pk", filter=incoming), outgoing=Count("pk", filter=outgoing)
    )
    return [{"template": "members/staff_panel.html", **counts}]

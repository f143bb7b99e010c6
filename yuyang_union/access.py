"""Who may use the staff pages."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import HttpRequest, HttpResponseRedirect

from yuyang_union.users import Visitor

STAFF_PERMISSION = "yuyang_union.access_staff_pages"


def is_staff_user(user: Visitor) -> bool:
    return user.is_active and user.has_perm(STAFF_PERMISSION)


class StaffRequiredMixin(PermissionRequiredMixin):
    """Anonymous users go to the login page; signed-in users without a staff role get 403."""

    permission_required: str | tuple[str, ...] = STAFF_PERMISSION
    raise_exception = False
    request: HttpRequest  # set by the view

    def handle_no_permission(self) -> HttpResponseRedirect:
        if self.request.user.is_authenticated:
            self.raise_exception = True
        return super().handle_no_permission()

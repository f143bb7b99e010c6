"""Who may use the staff pages."""

from django.contrib.auth.mixins import PermissionRequiredMixin

STAFF_PERMISSION = "yuyang_union.access_staff_pages"


def is_staff_user(user):
    return user.is_active and user.has_perm(STAFF_PERMISSION)


class StaffRequiredMixin(PermissionRequiredMixin):
    """Anonymous users go to the login page; signed-in users without a staff role get 403."""

    permission_required = STAFF_PERMISSION
    raise_exception = False

    def handle_no_permission(self):
        if self.request.user.is_authenticated:
            self.raise_exception = True
        return super().handle_no_permission()

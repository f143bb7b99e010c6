"""Who may use the staff pages."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponseRedirect

STAFF_PERMISSION = "yuyang_union.access_staff_pages"


def is_staff_user(user: AbstractBaseUser | AnonymousUser) -> bool:
    # has_perm: PermissionsMixin, part of AUTH_USER_MODEL but not of AbstractBaseUser.
    return user.is_active and user.has_perm(STAFF_PERMISSION)  # type: ignore[attr-defined]


class StaffRequiredMixin(PermissionRequiredMixin):
    """Anonymous users go to the login page; signed-in users without a staff role get 403."""

    permission_required = STAFF_PERMISSION
    raise_exception = False
    request: HttpRequest  # set by the view

    def handle_no_permission(self) -> HttpResponseRedirect:
        if self.request.user.is_authenticated:
            self.raise_exception = True
        return super().handle_no_permission()

"""Who signs in with a second factor, and whether this session passed it.

Free of model imports: the admin site asks while the apps load.
"""

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import Q

if TYPE_CHECKING:
    from yuyang_union.users import Visitor

__all__ = ["is_staff_account", "is_verified", "needs_second_factor"]


def is_staff_account(user: "Visitor") -> bool:
    """An account with powers over others' records: `is_staff`, a superuser, in a group (the
    roles) or with permissions of its own. Such an account signs in with a second factor, and
    only an administrator resets its password (never a text message)."""
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    # Asked by the middleware on every request of a signed-in member: once per request, in
    # one query.
    cached: bool | None = getattr(user, "_is_staff_account", None)
    if cached is None:
        cached = (
            get_user_model()
            .objects.filter(pk=user.pk)
            .filter(Q(groups__isnull=False) | Q(user_permissions__isnull=False))
            .exists()
        )
        user._is_staff_account = cached  # type: ignore[attr-defined]
    return cached


def needs_second_factor(user: "Visitor") -> bool:
    """Staff accounts sign in with a second factor; members do not."""
    return is_staff_account(user)


def is_verified(user: "Visitor") -> bool:
    """The session passed the second factor (django-otp's middleware sets `is_verified`)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())

"""Who signs in with a second factor, and whether this session passed it.

Free of model imports: the admin site asks while the apps load.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from yuyang_union.users import Visitor

__all__ = ["is_verified", "needs_second_factor"]


def needs_second_factor(user: "Visitor") -> bool:
    """Staff accounts (any role group, `is_staff` or superuser) sign in with a second factor."""
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    # Asked by the middleware on every request of a signed-in member: once per request.
    cached: bool | None = getattr(user, "_needs_second_factor", None)
    if cached is None:
        cached = user.groups.exists()
        user._needs_second_factor = cached  # type: ignore[attr-defined]
    return cached


def is_verified(user: "Visitor") -> bool:
    """The session passed the second factor (django-otp's middleware sets `is_verified`)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())

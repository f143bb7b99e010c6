"""Who acts: a signed-in person, or the system for work no person does at that moment.

Services take the acting user as the keyword-only `actor` and never None: a job, the demo or
a migration passes `system_actor()`, a user that cannot sign in.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from yuyang_union.users import Actor, Visitor

SYSTEM_USERNAME = "system"


def system_actor() -> Actor:
    """The system's user: inactive, without a usable password (made by a migration)."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME, defaults={"is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def is_system_actor(user: Visitor | None) -> bool:
    return user is not None and user.get_username() == SYSTEM_USERNAME and not user.is_active


def require_permission(actor: Actor, permission: str, message: str = "") -> None:
    """Refuse an actor without `permission`. The system acts on behalf of whoever asked for
    the work, whose permission was checked when they asked."""
    if is_system_actor(actor):
        return
    if not actor.has_perm(permission):
        raise PermissionDenied(message)

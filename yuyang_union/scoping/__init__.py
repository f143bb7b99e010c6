"""Scoped access: a staff user attached to a union sees and edits only its subtree.

Every app filters its querysets through `scope_queryset`, naming the path from its model to
a union (e.g. "union", "member__union", "household__head__union").
"""

from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import Http404

from yuyang_union.users import Visitor

if TYPE_CHECKING:
    from members.models import UnionOrganisation

_QuerySetT = TypeVar("_QuerySetT", bound=QuerySet[Any])
_ModelT = TypeVar("_ModelT", bound=models.Model)


def user_union(user: Visitor) -> "UnionOrganisation | None":
    """The union whose subtree the user is limited to, or None for county-level users.

    Superusers are never limited. Cached on the user object for the request.
    """
    if not user.is_authenticated or user.is_superuser:
        return None
    if not hasattr(user, "_scope_union"):
        profile = getattr(user, "staff_profile", None)
        # Cached on the user object for the request.
        user._scope_union = profile.union if profile is not None else None  # type: ignore[attr-defined]
    return user._scope_union  # type: ignore[attr-defined]


def is_county_level(user: Visitor) -> bool:
    return user_union(user) is None


def scope_queryset(queryset: _QuerySetT, user: Visitor, union_field: str = "union") -> _QuerySetT:
    """Limit a queryset to rows whose `union_field` lies in the user's subtree.

    `union_field` is the lookup path to the union; "" means the rows are unions themselves.
    """
    union = user_union(user)
    if union is None:
        return queryset
    lookup = f"{union_field}__path__startswith" if union_field else "path__startswith"
    return queryset.filter(**{lookup: union.path})


def union_in_scope(user: Visitor, union: "UnionOrganisation | None") -> bool:
    scope = user_union(user)
    return scope is None or (union is not None and union.path.startswith(scope.path))


def check_union_in_scope(user: Visitor, union: "UnionOrganisation | None") -> None:
    """For writes: refuse a union outside the user's subtree."""
    if not union_in_scope(user, union):
        raise PermissionDenied


def get_object_in_scope(
    queryset: QuerySet[_ModelT], user: Visitor, union_field: str = "union", **lookup: Any
) -> _ModelT:
    """Fetch one object the user may see: 404 when it exists only outside the subtree."""
    try:
        return scope_queryset(queryset, user, union_field).get(**lookup)
    # The stubs' plugin gives DoesNotExist to concrete models only, not to a type variable.
    except queryset.model.DoesNotExist as exc:  # type: ignore[attr-defined]
        raise Http404 from exc

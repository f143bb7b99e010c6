"""Which records' identifiers a user may reveal, one at a time, on purpose.

Every page shows ID numbers and phones masked, to everyone. A user who holds
`personal_data.view_personal_identifiers` may reveal one record's number with an explicit act
(a POST with a purpose, on the reveal page), and each reveal is logged. Each app registers the
models whose identifiers may be revealed, with the records a user may reveal them on (their
scope: an officer reveals only the members of their own subtree):

    register_revealable(Member, lambda user: scope_queryset(Member.objects.all(), user))
"""

from collections.abc import Callable
from typing import Any

from django.db import models
from django.urls import reverse

from yuyang_union.redirects import with_next
from yuyang_union.users import Actor

from .fields import EncryptedIdentifierField
from .masking import can_view_identifiers

VisibleRecords = Callable[[Actor], "models.QuerySet[Any]"]

_visible: dict[type[models.Model], VisibleRecords] = {}


def register_revealable(model: type[models.Model], visible: VisibleRecords) -> None:
    _visible[model] = visible


def identifier_field(model: type[models.Model], name: str) -> EncryptedIdentifierField | None:
    try:
        field = model._meta.get_field(name)
    except LookupError:
        return None
    return field if isinstance(field, EncryptedIdentifierField) else None


def visible_record(user: Actor, model: type[models.Model], pk: str) -> models.Model | None:
    """The record if it is of a registered kind and in the user's scope, else None."""
    visible = _visible.get(model)
    if visible is None:
        return None
    try:
        return visible(user).filter(pk=pk).first()
    except (ValueError, TypeError):
        return None  # a malformed id


def revealable_record(
    user: Actor, model: type[models.Model], pk: str, field: str
) -> models.Model | None:
    """The record whose `field` the user may reveal, or None (unknown, out of scope, no right)."""
    if identifier_field(model, field) is None or not can_view_identifiers(user):
        return None
    return visible_record(user, model, pk)


def reveal_url(obj: models.Model, field: str, *, back: str = "") -> str:
    """The reveal page of one record's identifier (the URL holds no identifier)."""
    meta = obj._meta
    url = reverse(
        "personal_data:reveal", args=[meta.app_label, meta.model_name, str(obj.pk), field]
    )
    return with_next(url, back)

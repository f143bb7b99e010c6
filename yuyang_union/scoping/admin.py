"""The ModelAdmin base for records that belong to a union: the user's subtree only."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from yuyang_union.pagination import BigTableAdmin

from . import scope_queryset, union_in_scope, user_union

if TYPE_CHECKING:
    from members.models import UnionOrganisation


class ScopedAdmin(BigTableAdmin):
    """Limits lists, object pages, choices and autocomplete to the user's union subtree.

    `scope_field` is the lookup path from the model to its union. Objects outside the subtree
    are simply not in the queryset, so reaching one by URL gives 404.
    """

    scope_field: str | None = "union"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if self.scope_field is None:  # the subclass scopes its queryset itself
            return queryset
        return scope_queryset(queryset, request.user, self.scope_field)

    def get_object(
        self, request: HttpRequest, object_id: str, from_field: str | None = None
    ) -> models.Model:
        """404 (not the admin's redirect) for an object outside the subtree or gone."""
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj

    def formfield_for_foreignkey(
        self, db_field: "models.ForeignKey[Any, Any]", request: HttpRequest, **kwargs: Any
    ) -> "forms.ModelChoiceField[Any] | None":
        """Choices (and autocomplete) of a scoped model cover only the user's subtree.

        A related model is scoped when it names its path to a union in `scope_field`
        (UnionOrganisation: "", itself; Member and Employer: "union").
        """
        related = db_field.related_model
        related_scope = getattr(related, "scope_field", None)
        if related_scope is not None and user_union(request.user) is not None:
            kwargs["queryset"] = scope_queryset(
                related._default_manager.all(), request.user, related_scope
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: models.Model, form: Any, change: Any) -> None:
        """Refuse to save an object whose union lies outside the user's subtree."""
        union = self._union_of(obj)
        if union is not None and not union_in_scope(request.user, union):
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    def _union_of(self, obj: models.Model) -> "UnionOrganisation | None":
        if self.scope_field is None:
            return None
        target: Any = obj
        for part in self.scope_field.split("__"):
            target = getattr(target, part, None)
            if target is None:
                return None
        return target

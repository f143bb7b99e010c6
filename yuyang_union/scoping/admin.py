"""The ModelAdmin base for records that belong to a union: the user's subtree only."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from yuyang_union.pagination import BigTableAdmin

from . import scope_queryset, union_in_scope, user_union


class ScopedAdmin(BigTableAdmin):
    """Limits lists, object pages, choices and autocomplete to the user's union subtree.

    `scope_field` is the lookup path from the model to its union. Objects outside the subtree
    are simply not in the queryset, so reaching one by URL gives 404.
    """

    scope_field = "union"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if self.scope_field is None:  # the subclass scopes its queryset itself
            return queryset
        return scope_queryset(queryset, request.user, self.scope_field)

    def get_object(self, request, object_id, from_field=None):
        """404 (not the admin's redirect) for an object outside the subtree or gone."""
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
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

    def save_model(self, request, obj, form, change):
        """Refuse to save an object whose union lies outside the user's subtree."""
        union = self._union_of(obj)
        if union is not None and not union_in_scope(request.user, union):
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    def _union_of(self, obj):
        if self.scope_field is None:
            return None
        target = obj
        for part in self.scope_field.split("__"):
            target = getattr(target, part, None)
            if target is None:
                return None
        return target

"""Admin building blocks that every app's admin uses: scoped access, cheap paging, masking.

@admin.register(Thing)
class ThingAdmin(ScopedAdmin):
    scope_field = "union"            # path from Thing to its union, e.g. "member__union"
    list_select_related = ["union"]
"""

from django.contrib import admin
from django.core.paginator import Paginator
from django.db import connection
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .masking import can_view_identifiers, mask_id_number, mask_phone
from .scoping import scope_queryset, union_in_scope, user_union


class EstimatedCountPaginator(Paginator):
    """Avoids COUNT(*) over big unfiltered tables: takes the planner's estimate instead.

    Filtered lists are counted exactly (they are small by then, and the count is cheap with
    the filter's index); an unfiltered table of a million rows is estimated from pg_class.
    """

    exact_below = 100_000

    @cached_property
    def count(self):
        query = getattr(self.object_list, "query", None)
        if query is not None and not query.where:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                    [self.object_list.model._meta.db_table],
                )
                row = cursor.fetchone()
            estimate = row[0] if row else -1
            if estimate >= self.exact_below:
                return estimate
        return super().count


class BigTableAdmin(admin.ModelAdmin):
    """Changelists that stay fast at a municipality's size."""

    show_full_result_count = False
    paginator = EstimatedCountPaginator
    list_per_page = 50


class ScopedAdmin(BigTableAdmin):
    """Limits lists, object pages, choices and autocomplete to the user's union subtree.

    `scope_field` is the lookup path from the model to its union. Objects outside the subtree
    are simply not in the queryset, so reaching one by URL gives Django's "not found".
    """

    scope_field = "union"

    def get_queryset(self, request):
        return scope_queryset(super().get_queryset(request), request.user, self.scope_field)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """Union and member choices (and autocomplete) cover only the user's subtree."""
        from .models import Employer, Member, UnionOrganisation

        union = user_union(request.user)
        if union is not None:
            model = db_field.related_model
            if model is UnionOrganisation:
                kwargs["queryset"] = UnionOrganisation.objects.subtree(union)
            elif model is Member:
                kwargs["queryset"] = Member.objects.in_subtree(union)
            elif model is Employer:
                kwargs["queryset"] = Employer.objects.filter(union__path__startswith=union.path)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        """Refuse to save an object whose union lies outside the user's subtree."""
        union = self._union_of(obj)
        if union is not None and not union_in_scope(request.user, union):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        super().save_model(request, obj, form, change)

    def _union_of(self, obj):
        target = obj
        for part in self.scope_field.split("__"):
            target = getattr(target, part, None)
            if target is None:
                return None
        return target


def masked_id_number(request, number):
    return number if can_view_identifiers(request.user) else mask_id_number(number)


def masked_phone(request, phone):
    return phone if can_view_identifiers(request.user) else mask_phone(phone)

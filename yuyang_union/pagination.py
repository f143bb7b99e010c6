"""Lists that stay fast at a municipality's size: a paginator that avoids COUNT(*) over big
tables, and the ModelAdmin base every changelist of a big table uses."""

from typing import Any, cast

from django.contrib import admin
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import QuerySet
from django.utils.functional import cached_property

from yuyang_union.constraints import ConstraintsCheckedAdminMixin


class EstimatedCountPaginator(Paginator):
    """Avoids COUNT(*) over big unfiltered tables: takes the planner's estimate instead.

    Filtered lists are counted exactly (they are small by then, and the count is cheap with
    the filter's index); an unfiltered table of a million rows is estimated from pg_class.
    """

    exact_below = 100_000

    @cached_property
    def count(self) -> int:
        query = getattr(self.object_list, "query", None)
        if query is not None and not query.where:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                    # It has a query: it is a QuerySet.
                    [cast("QuerySet[Any]", self.object_list).model._meta.db_table],
                )
                row = cursor.fetchone()
            estimate = row[0] if row else -1
            if estimate >= self.exact_below:
                return estimate
        return super().count


class BoundedChangelistMixin:
    """A changelist without a full COUNT(*): the estimated count, no "show all" count, pages
    of 50. For the admins of other packages' models too (auditlog, axes, auth's users)."""

    show_full_result_count = False
    paginator: type[Paginator] = EstimatedCountPaginator
    list_per_page = 50


class BigTableAdmin(BoundedChangelistMixin, ConstraintsCheckedAdminMixin, admin.ModelAdmin):
    """Changelists that stay fast at a municipality's size (and forms that check every rule)."""

"""Lists that stay fast at a municipality's size: a paginator that avoids COUNT(*) over big
tables, and the ModelAdmin base every changelist of a big table uses."""

import json
from typing import Any, cast

from django.contrib import admin
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.functional import cached_property

from yuyang_union.constraints import ConstraintsCheckedAdminMixin
from yuyang_union.search_admin import NameSearchAdminMixin


class EstimatedCountPaginator(Paginator):
    """Never counts more than `exact_below` rows: past that, takes the planner's estimate.

    An unfiltered table is estimated from pg_class when it is that big. A filtered list is
    counted up to `exact_below + 1` rows (a COUNT over a LIMIT subquery, so its cost is
    bounded whatever the table's size); when it reaches that, the planner's estimate of the
    filtered rows is taken (EXPLAIN): "status = active" over a million members, or a large
    township's members for its officer, no longer counts every row on every page.
    """

    # Counting 10,000 matches of a one-character search costs a few milliseconds; 100,000
    # cost 175 ms at a million members (benchmark_admin).
    exact_below = 10_000

    @cached_property
    def count(self) -> int:
        query = getattr(self.object_list, "query", None)
        if query is None:
            return super().count
        # It has a query: it is a QuerySet.
        queryset = cast("QuerySet[Any]", self.object_list)
        if not query.where:
            estimate = _table_estimate(queryset.model._meta.db_table)
            if estimate >= self.exact_below:
                return estimate
            return super().count
        counted = queryset.order_by()[: self.exact_below + 1].count()
        if counted <= self.exact_below:
            return counted
        return max(counted, _planned_rows(queryset))


def _table_estimate(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass", [table])
        row = cursor.fetchone()
    return int(row[0]) if row else -1


def _planned_rows(queryset: QuerySet[Any]) -> int:
    """The planner's estimate of the rows `queryset` returns (no row is read)."""
    plan = json.loads(queryset.order_by().explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


class BoundedChangelistMixin:
    """A changelist without a full COUNT(*): the estimated count, no "show all" count, pages
    of 50. For the admins of other packages' models too (auditlog, axes, auth's users)."""

    show_full_result_count = False
    paginator: type[Paginator] = EstimatedCountPaginator
    list_per_page = 50


class BigTableAdmin(
    BoundedChangelistMixin, ConstraintsCheckedAdminMixin, NameSearchAdminMixin, admin.ModelAdmin
):
    """Changelists that stay fast at a municipality's size (and forms that check every rule);
    the search box finds names by any part of them (NameSearchAdminMixin)."""


def other_parameters(request: HttpRequest) -> str:
    """The list's query string without its page number: what its pagination links keep
    (`templates/includes/pagination.html` takes it as `query`)."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()

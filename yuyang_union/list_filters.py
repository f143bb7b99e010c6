"""Admin list filters whose choices cost a few index probes, not a scan of the table.

Django's filter for a plain field (`list_filter = ["year"]`, AllValuesFieldListFilter) lists
its choices with `SELECT DISTINCT year FROM ...`: at 1.6M mutual-aid enrolments a scan of the
whole table (or of its whole index) on every page of the list. `IndexedValuesFilter` finds
the same values by walking the field's index from one value to the next (a "loose index
scan": one probe per distinct value, a recursive query), so a column of a dozen values costs
a dozen probes whatever the number of rows. The field must lead an index (db_index=True or
the first column of Meta.indexes).

The choices are the values of the whole table, not of the user's scope (a scoped officer may
see a year or a plan that only other unions have, and choosing it lists nothing): values of
this kind (years, plan names) are no one's personal data.
"""

from typing import Any

from django.contrib import admin
from django.db import connection
from django.db.models import Field, Model, QuerySet
from django.http import HttpRequest


def distinct_indexed_values(model: type[Model], field_name: str) -> list[Any]:
    """The distinct non-null values of `field_name`, ascending, one index probe each."""
    field = model._meta.get_field(field_name)
    if not isinstance(field, Field) or field.column is None:
        raise TypeError(f"{model.__name__}.{field_name} is no column")
    quote = connection.ops.quote_name
    table, column = quote(model._meta.db_table), quote(field.column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH RECURSIVE walk(value) AS (
                (SELECT {column} FROM {table} WHERE {column} IS NOT NULL
                 ORDER BY {column} LIMIT 1)
                UNION ALL
                SELECT (SELECT {column} FROM {table} WHERE {column} > walk.value
                        ORDER BY {column} LIMIT 1)
                FROM walk WHERE walk.value IS NOT NULL
            )
            SELECT value FROM walk WHERE value IS NOT NULL
            """  # noqa: S608 (names from the model's metadata)
        )
        return [value for (value,) in cursor.fetchall()]


class IndexedValuesFilter(admin.SimpleListFilter):
    """A filter on one indexed field, its choices from `distinct_indexed_values`.

    Use `IndexedValuesFilter.on("year", title=_("year"), newest_first=True)` in `list_filter`.
    """

    field_name = ""
    newest_first = False

    @classmethod
    def on(
        cls, field_name: str, *, title: Any, newest_first: bool = False
    ) -> type["IndexedValuesFilter"]:
        attributes = {
            "field_name": field_name,
            "title": title,
            "parameter_name": field_name,
            "newest_first": newest_first,
        }
        return type(f"IndexedValuesFilter_{field_name}", (cls,), attributes)

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        values = distinct_indexed_values(model_admin.model, self.field_name)
        if self.newest_first:
            values.reverse()
        return [(str(value), str(value)) for value in values]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value()
        if value is None:
            return queryset
        if value not in {str(choice) for choice, _label in self.lookup_choices}:
            return queryset.none()  # a value typed into the address: no rows, never a 500
        return queryset.filter(**{self.field_name: value})

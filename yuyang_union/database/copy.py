"""Inserting many new rows with PostgreSQL's COPY, for imports of tens of thousands of rows.

`bulk_create` sends one INSERT per batch whose values psycopg quotes in Python (the arrays of
Django's UNNEST insert): about a millisecond per member with its history. COPY streams the
rows instead, each value adapted by psycopg's own dumpers. The ids are drawn from the table's
sequence first, so the instances know them (their history needs them), as after
`bulk_create`. Like `bulk_create`, no `save()` runs and no signal is sent; database triggers
and constraints hold as for any INSERT.
"""

from collections.abc import Sequence

from django.db import connections, models
from django.db.models.expressions import DatabaseDefault

from yuyang_union.search_columns import is_generated


def copy_insert(instances: Sequence[models.Model], *, using: str = "default") -> None:
    """Insert `instances` (new, all of one model) with COPY; sets their primary keys."""
    if not instances:
        return
    model = type(instances[0])
    meta = model._meta
    connection = connections[using]
    pk = meta.pk
    if pk is None:  # every concrete model has one; the stubs cannot know
        raise TypeError(f"{model} has no primary key")
    # A column the database fills (a db_default left as such, a generated column) is left
    # out; the others' pre_save fills derived columns (digests, pinyin initials).
    fields = [
        field
        for field in meta.concrete_fields
        if not is_generated(field)
        and not (field.primary_key and getattr(instances[0], field.attname) is None)
        and not isinstance(getattr(instances[0], field.attname), DatabaseDefault)
    ]
    with connection.cursor() as cursor:
        missing = [instance for instance in instances if instance.pk is None]
        if missing:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, pk.column, len(missing)],
            )
            for instance, (value,) in zip(missing, cursor.fetchall(), strict=True):
                setattr(instance, pk.attname, value)
            fields = [pk, *fields]
        rows = [
            tuple(
                field.get_db_prep_save(field.pre_save(instance, True), connection)
                for field in fields
            )
            for instance in instances
        ]
        quote = connection.ops.quote_name
        columns = ", ".join(quote(field.column) for field in fields if field.column)
        statement = f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN"
        with cursor.cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
    for instance in instances:
        instance._state.adding = False
        instance._state.db = using

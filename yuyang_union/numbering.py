"""Numbers per kind and year (case numbers, application numbers) from a counter table.

A counter model has the columns `kind`, `year` and `last_number`, unique on (kind, year).
"""

from django.db import connection, models


def next_number(counter: type[models.Model], *, kind: str, year: int) -> int:
    """The next number for `kind` in `year`, unique however many requests ask at once.

    One INSERT ... ON CONFLICT DO UPDATE increments the counter row and returns the new value;
    the row stays locked until the caller's transaction ends, so a concurrent request waits,
    then reads the incremented value. A rolled-back transaction gives its number back.
    """
    table = counter._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {table} (kind, year, last_number) VALUES (%s, %s, 1)
            ON CONFLICT (kind, year) DO UPDATE SET last_number = {table}.last_number + 1
            RETURNING last_number
            """,  # noqa: S608 - the table name is ours, the values are parameters
            [str(kind), year],
        )
        row = cursor.fetchone()
    return int(row[0])

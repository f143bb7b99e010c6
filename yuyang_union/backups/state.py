"""What a backup must give back: every summary figure and every table's row count.

Computed through the default connection, in whatever database it points at: the live one
inside the dump's snapshot when the backup is taken, the scratch one when it is verified.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from yuyang_union.summary.compose import compute_summary

# The periods the figures are computed for: the whole record (from the founding of the PRC to
# five years ahead, the furthest an event may be planned) and the current year. Kept in the
# manifest, so that a verification on another day asks for the same periods.
ALL_RECORDS_START = datetime.date(1949, 1, 1)


def periods(today: datetime.date) -> dict[str, tuple[str, str]]:
    return {
        "all": (ALL_RECORDS_START.isoformat(), today.replace(year=today.year + 5).isoformat()),
        "year": (datetime.date(today.year, 1, 1).isoformat(), today.isoformat()),
    }


@dataclass
class DatabaseState:
    periods: dict[str, tuple[str, str]]
    figures: dict[str, str] = field(default_factory=dict)  # "period:key" -> value as text
    tables: dict[str, int] = field(default_factory=dict)  # table -> rows

    def as_json(self) -> dict[str, Any]:
        return {"periods": self.periods, "figures": self.figures, "tables": self.tables}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "DatabaseState":
        return cls(
            periods={name: (start, end) for name, (start, end) in data["periods"].items()},
            figures=dict(data["figures"]),
            tables={table: int(rows) for table, rows in data["tables"].items()},
        )


def summary_figures(periods: dict[str, tuple[str, str]]) -> dict[str, str]:
    """{"period:key": value} for every figure of the summary (records and tallies)."""
    figures: dict[str, str] = {}
    for name, (start, end) in periods.items():
        summary = compute_summary(
            datetime.date.fromisoformat(start), datetime.date.fromisoformat(end), by_year=False
        )
        for key, value in summary.values().items():
            figures[f"{name}:{key}"] = str(value)
    return figures


def table_counts() -> dict[str, int]:
    """{table: rows} for every table of the connection's schema."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_catalog.pg_class c "
            "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') "
            "ORDER BY c.relname"
        )
        tables = [row[0] for row in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT count(*) FROM {quote(table)}")  # noqa: S608 (catalog name)
            counts[table] = int(cursor.fetchone()[0])
    return counts


def database_state(periods: dict[str, tuple[str, str]]) -> DatabaseState:
    return DatabaseState(periods, summary_figures(periods), table_counts())


@dataclass(frozen=True)
class Difference:
    kind: str  # "figure" or "table"
    key: str
    expected: str  # in the live database when the backup was taken
    found: str  # in the restored database


def compare(
    expected: DatabaseState, found: DatabaseState
) -> tuple[list[Difference], list[Difference]]:
    """(every comparison, the differences), figures then tables; a figure or table present
    on one side only is a difference ("missing")."""
    rows = []
    pairs: list[tuple[str, dict[str, str], dict[str, str]]] = [
        ("figure", expected.figures, found.figures),
        (
            "table",
            {k: str(v) for k, v in expected.tables.items()},
            {k: str(v) for k, v in found.tables.items()},
        ),
    ]
    for kind, before, after in pairs:
        for key in sorted(before.keys() | after.keys()):
            expected_value = before.get(key, "missing")
            rows.append(Difference(kind, key, expected_value, after.get(key, "missing")))
    return rows, [row for row in rows if row.expected != row.found]

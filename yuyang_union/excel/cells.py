"""What every import and export does to a single cell."""

from collections.abc import Iterable, Iterator
from typing import Any

# Characters that make a spreadsheet treat a cell as a formula (CSV/formula injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value: Any) -> Any:
    """Prefix a text cell that a spreadsheet would evaluate with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def chunks(values: Iterable[Any], size: int = 1000) -> Iterator[list[Any]]:
    """Lists of at most `size` values: a look-up of a whole column in a few queries."""
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def add_row_error(errors: dict[str, list[str]], attribute: str, message: str) -> None:
    """Collect a row error: `errors` maps attribute -> list of messages."""
    errors.setdefault(attribute, []).append(message)

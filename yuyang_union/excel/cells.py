"""What every import and export does to a single cell."""

import datetime
from collections.abc import Iterable, Iterator
from typing import Any

from django.utils.translation import gettext

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


def shown_cell(value: Any, kind: str | None = None) -> str:
    """A cell's value as an error listing shows it: as typed, a blank as blank (never
    None), ID numbers and phones masked: those of an identifier column (`kind`: "id_number"
    or "phone") and any value that looks like one."""
    from yuyang_union.personal_data.masking import mask_id_number, mask_phone
    from yuyang_union.validators import identifier_kind

    if is_blank(value):
        return ""
    if isinstance(value, bool):  # an Excel TRUE/FALSE cell
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # what Excel stored for 18 digits typed as a number
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        value = value.date()
    text = value.isoformat() if isinstance(value, datetime.date) else str(value).strip()
    kind = kind or identifier_kind(text)
    if kind and len(text) < 10:
        return "*" * len(text)  # too short to keep any part of it
    if kind == "id_number":
        return mask_id_number(text)
    if kind == "phone":
        return mask_phone(text)
    return text[:SHOWN_CELL_CHARS]


# A listing shows this much of a long cell.
SHOWN_CELL_CHARS = 100

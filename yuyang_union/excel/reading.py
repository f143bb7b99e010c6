"""Reading an uploaded workbook streaming: openpyxl's read-only mode, row by row.

Memory stays flat whatever the number of rows (normal mode holds ~5 KB a row). Only the
first sheet is read; rows wholly blank are skipped but keep their number, so that every
message names the row the officer sees in Excel, and so is the template's example row
(`template`: counted in `examples_skipped`; a marked row whose cells were changed is kept
aside in `changed_examples`, for the check to list). The row and column limits of
`yuyang_union.excel.limits` hold here again, whatever the sheet declared.
"""

import io
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from openpyxl import load_workbook

from .cells import is_blank
from .limits import Limits, WorkbookRefused, not_a_workbook, too_many_columns, too_many_rows
from .template import EXAMPLE_HEADER, comparable, is_example_row


@dataclass(frozen=True)
class SheetRow:
    number: int  # the row's number in Excel (the header is row 1)
    values: tuple[Any, ...]


class StreamingSheet:
    """The first sheet of a workbook: `headers`, then `rows()` once."""

    def __init__(
        self,
        data: bytes,
        limits: Limits | None = None,
        example: Mapping[str, Any] | None = None,
        *,
        yield_changed_examples: bool = False,
    ) -> None:
        """`example`: the template's example row by header, to tell it from the officer's
        rows; without it, a row marked 示例 is the example. `yield_changed_examples`: a
        marked row whose cells were changed is read like any other (the copy with an error
        column keeps it)."""
        self.limits = limits or Limits.from_settings()
        try:
            self._book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
            raise WorkbookRefused(not_a_workbook()) from None
        sheet = self._book.worksheets[0]
        # Read every row the sheet holds, not only those its declared size admits (openpyxl
        # stops there otherwise: rows past a wrong <dimension> would be dropped unseen).
        sheet.reset_dimensions()
        self._rows = sheet.iter_rows(values_only=True)
        first = next(self._rows, None) or ()
        self._check_width(first)
        self.headers = [_header(value) for value in first]
        # Trailing blank header cells are no columns.
        while self.headers and not self.headers[-1]:
            self.headers.pop()
        self._marker = (
            self.headers.index(EXAMPLE_HEADER) if EXAMPLE_HEADER in self.headers else None
        )
        self.examples_skipped = 0
        # The example's cells (column index, text) that the sheet has; a non-blank one at
        # least, else no row is compared.
        cells = [
            (self.headers.index(header), comparable(value))
            for header, value in (example or {}).items()
            if header in self.headers
        ]
        self._example_cells = cells if any(text for _index, text in cells) else []
        self.changed_examples: list[SheetRow] = []
        self._yield_changed = yield_changed_examples

    def rows(self) -> Iterator[SheetRow]:
        width = len(self.headers)
        number = 1
        try:
            for values in self._rows:
                number += 1
                if number > self.limits.rows + 1:
                    raise too_many_rows(self.limits)
                self._check_width(values)
                if all(is_blank(value) for value in values):
                    continue
                row = tuple(values[:width]) + (None,) * (width - len(values))
                marked = self._marker is not None and is_example_row(row[self._marker])
                if marked or self._example_cells:
                    if self._is_the_example(row, marked):
                        self.examples_skipped += 1
                        continue
                    if marked:
                        self.changed_examples.append(SheetRow(number, row))
                        if not self._yield_changed:
                            continue
                yield SheetRow(number, row)
        finally:
            self.close()

    def _is_the_example(self, row: tuple[Any, ...], marked: bool) -> bool:
        if not self._example_cells:
            return marked  # no example to compare with: the marker says it
        return all(comparable(row[index]) == text for index, text in self._example_cells)

    def close(self) -> None:
        self._book.close()

    def _check_width(self, values: tuple[Any, ...]) -> None:
        # Blank cells past the limit (a formatted column) do not count.
        if len(values) > self.limits.columns and any(
            not is_blank(value) for value in values[self.limits.columns :]
        ):
            raise too_many_columns(self.limits)


def _header(value: Any) -> str:
    return "" if value is None else str(value).strip()

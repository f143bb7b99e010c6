"""The template workbook a new staff member fills in Excel, for every import of the portal.

The first sheet holds the Chinese headers (frozen), then one example row: grey italic, with
the word 示例 in its last column (`EXAMPLE_HEADER`). The reader (`reading.StreamingSheet`)
skips the example, so it may stay in the file: a row marked 示例 whose cells are still the
example's, and also a row whose cells are the example's with the marker cleared or its column
deleted, so that the example is never imported. A marked row whose cells were changed is
neither skipped nor imported: the check lists it (`changed_examples`), for the staff member
either to clear its 示例 cell (then it is imported like any other row) or to delete it.
Choice columns offer a drop-down (Excel data validation, its values on a hidden sheet, so
that long lists work too); identifier columns are formatted as text, so that Excel keeps all
18 characters of an ID number. A second sheet, 填写说明, explains each column: whether it
is required, what to write, the allowed values and an example.

Headers and the example marker are Chinese literals: they are the file format, read the same
whatever the reader's language. The explanations are translated strings.
"""

import datetime
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from django.utils.translation import gettext

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

# The last column of the data sheet: a row whose cell here starts with EXAMPLE_MARK is the
# template's example, never imported.
EXAMPLE_HEADER = "示例标记"
EXAMPLE_MARK = "示例"
EXAMPLE_CELL = "示例（此行不导入）"
# Rows formatted and validated below the header: more than a county file needs at once.
TEMPLATE_ROWS = 2000
CHOICES_SHEET = "选项"
EXPLANATIONS_SHEET = "填写说明"
HEADER_FILL = "DDEBF7"
EXAMPLE_GREY = "808080"


@dataclass(frozen=True)
class TemplateColumn:
    """One column of a template, as the officer reads it."""

    header: str
    required: bool
    hint: str  # what to write, in a sentence
    example: Any = ""
    # The drop-down's values (None: no drop-down). A `multiple` column takes several values
    # in one cell: its drop-down offers each but refuses nothing.
    choices: Sequence[str] | None = None
    multiple: bool = False
    text: bool = False  # formatted as text (identifiers)


def is_example_row(value: Any) -> bool:
    """The marker cell of the template's example row (see EXAMPLE_HEADER)."""
    return isinstance(value, str) and value.strip().startswith(EXAMPLE_MARK)


def comparable(value: Any) -> str:
    """A cell as text, to tell whether a row is still the template's example (a date cell
    read back is a datetime, a whole number may come back as a float)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def build_template(*, title: str, columns: Sequence[TemplateColumn]) -> bytes:
    """The workbook's bytes: the data sheet, 填写说明, and the hidden sheet of choices."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = cast("Worksheet", book.active)  # a new workbook has one worksheet
    sheet.title = title[:31]
    # The explanations come second, before the hidden sheet of choices.
    _explanations(book.create_sheet(EXPLANATIONS_SHEET), columns)
    _data_sheet(book, sheet, columns)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _data_sheet(book: Any, sheet: "Worksheet", columns: Sequence[TemplateColumn]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor=HEADER_FILL)
    example_font = Font(italic=True, color=EXAMPLE_GREY)
    choices_sheet = None
    for index, column in enumerate([*columns, _marker_column()], start=1):
        letter = get_column_letter(index)
        header = sheet.cell(row=1, column=index, value=column.header)
        header.font, header.fill = bold, fill
        header.alignment = Alignment(horizontal="center")
        example = sheet.cell(row=2, column=index, value=_cell_value(column.example))
        example.font = example_font
        if isinstance(column.example, datetime.date):
            example.number_format = "yyyy-mm-dd"
        if column.text:
            for row in range(2, TEMPLATE_ROWS + 2):
                sheet.cell(row=row, column=index).number_format = "@"
        if column.choices:
            if choices_sheet is None:
                choices_sheet = book.create_sheet(CHOICES_SHEET)
                choices_sheet.sheet_state = "hidden"
            for row, value in enumerate(column.choices, start=1):
                choices_sheet.cell(row=row, column=index, value=value)
            validation = DataValidation(
                type="list",
                formula1=f"'{CHOICES_SHEET}'!${letter}$1:${letter}${len(column.choices)}",
                allow_blank=True,
                # Several values in a cell are typed, not picked: offer, do not refuse.
                showErrorMessage=not column.multiple,
                errorTitle=column.header,
                error=gettext("Pick one of the values in the list."),
            )
            validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
            sheet.add_data_validation(validation)
        sheet.column_dimensions[letter].width = _width(column)
    sheet.freeze_panes = "A2"


def _marker_column() -> TemplateColumn:
    return TemplateColumn(header=EXAMPLE_HEADER, required=False, hint="", example=EXAMPLE_CELL)


def _explanations(sheet: "Worksheet", columns: Sequence[TemplateColumn]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    headers = [
        gettext("Column name"),
        gettext("Required or optional"),
        gettext("What to write"),
        gettext("Allowed values"),
        gettext("Example"),
    ]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
    for column in columns:
        sheet.append(
            [
                column.header,
                gettext("Required") if column.required else gettext("Optional"),
                column.hint,
                "、".join(column.choices) if column.choices else "",
                _cell_text(column.example),
            ]
        )
    sheet.append([])
    for note in (
        gettext(
            "Row 2 of the first sheet is an example: it is marked 示例 in its last column "
            "and is never imported. Write your rows from row 3, or type over the example "
            "and clear its 示例 cell."
        ),
        gettext("Keep the first row (the column names) as it is; empty rows are skipped."),
        gettext(
            "Nothing is written until every row passes the checks: a bad row is listed with "
            "its row number, column and value."
        ),
    ):
        sheet.append([note])
    widths = (18, 10, 50, 40, 24)
    for letter, width in zip("ABCDE", widths, strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"


def _cell_value(value: Any) -> Any:
    return "" if value is None else value


def _cell_text(value: Any) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    return "" if value is None else str(value)


def _width(column: TemplateColumn) -> int:
    # A CJK character is about two Latin ones wide.
    longest = max(
        2 * len(column.header) + 4,
        len(_cell_text(column.example)) + 4,
        *(2 * len(choice) + 4 for choice in column.choices or ()),
    )
    return max(12, min(longest, 40))

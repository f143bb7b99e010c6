"""Excel export of a competition's results."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook

from yuyang_union.excel.cells import escape_formula
from yuyang_union.personal_data.access_log import log_identifier_access
from yuyang_union.personal_data.masking import shown_identifier
from yuyang_union.personal_data.models import AccessChannel

from .selectors import competition_entries


def results_workbook(competition, user, *, full_reason=""):
    """The results as an .xlsx file's bytes: one row per entry, in result order.

    ID numbers are masked unless `full_reason` gives the purpose of a full export (the view
    checks the right); every number written in full is logged with it.
    """
    show_ids = bool(full_reason)
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = _("Results")[:31]
    sheet.append(["项目", "名次", "姓名", "身份证号码", "单位", "成绩", "奖项"])
    shown = []
    for entry in competition_entries(competition).iterator(chunk_size=2000):
        number = entry.member.id_number
        if show_ids:
            shown.append(entry.member)
        row = [
            entry.event.name,
            entry.rank,
            entry.member.name,
            shown_identifier(number, in_full=show_ids),
            entry.employer.name,
            entry.score,
            entry.get_award_display() if entry.is_prize else "",
        ]
        # A value such as "=HYPERLINK(...)" in a name would run in Excel: store it as text.
        sheet.append([escape_formula(value) for value in row])
    if shown:
        log_identifier_access(user, shown, ["id_number"], AccessChannel.EXPORT, reason=full_reason)
    for column, width in zip("ABCDEFG", (16, 6, 10, 22, 30, 8, 10), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def import_template(competition):
    """An empty entries sheet: the import headers, the ID number column formatted as text."""
    from .importing import HEADERS

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Entry sheet")[:31]
    sheet.append(list(HEADERS))
    id_column = list(HEADERS).index("身份证号码") + 1
    for row in range(2, 1002):
        sheet.cell(row=row, column=id_column).number_format = "@"
    first_event = competition.events.order_by("ordering", "id").first()
    if first_event is not None:
        sheet.cell(row=2, column=1, value=first_event.name)
    sheet.column_dimensions["B"].width = 22
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

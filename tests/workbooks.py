"""Excel files for the tests: a sheet of a header row and data rows, as .xlsx bytes."""

import io

import openpyxl


def xlsx_bytes(headers, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

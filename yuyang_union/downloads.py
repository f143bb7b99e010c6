"""File downloads: the one way every app answers with a file to save (Excel, Word, calendar)."""

from django.http import HttpResponse

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def attachment(content: bytes | str, filename: str, content_type: str) -> HttpResponse:
    """A response the browser saves as `filename` (an ASCII name: no personal data in it)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_attachment(content: bytes, filename: str) -> HttpResponse:
    """An .xlsx workbook's bytes as a download."""
    return attachment(content, filename, XLSX_CONTENT_TYPE)

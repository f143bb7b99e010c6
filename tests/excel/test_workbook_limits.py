"""A bad or hostile workbook is refused at the upload, in one Chinese sentence, before
anything opens it (yuyang_union.excel.limits), and again while it is read (reading)."""

import dataclasses
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from yuyang_union.excel.limits import Limits, WorkbookRefused, check_workbook
from yuyang_union.excel.reading import StreamingSheet
from yuyang_union.jobs.models import Job

from .conftest import MEMBER_HEADERS, workbook

LIMITS = Limits(
    upload_bytes=1024 * 1024,
    unpacked_bytes=20 * 1024 * 1024,
    ratio=100,
    sheets=3,
    rows=100,
    columns=10,
)


def with_sheet(xml: bytes, *, extra_sheets: int = 0) -> bytes:
    """A real workbook whose first sheet's XML is replaced by `xml`."""
    source = zipfile.ZipFile(io.BytesIO(workbook(MEMBER_HEADERS, [])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for part in source.infolist():
            data = xml if part.filename == "xl/worksheets/sheet1.xml" else source.read(part)
            target.writestr(part.filename, data)
        for number in range(extra_sheets):
            target.writestr(f"xl/worksheets/sheet{number + 2}.xml", b"<worksheet/>")
    return buffer.getvalue()


def sheet_xml(rows: int, *, dimension: str | None = None, cells: int = 1) -> bytes:
    body = b"".join(
        f'<row r="{r}">'.encode()
        + b"".join(
            f'<c r="A{r}" t="inlineStr"><is><t>x</t></is></c>'.encode() for _ in range(cells)
        )
        + b"</row>"
        for r in range(1, rows + 1)
    )
    declared = f'<dimension ref="A1:{dimension}"/>'.encode() if dimension else b""
    return (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + declared
        + b"<sheetData>"
        + body
        + b"</sheetData></worksheet>"
    )


def refusal(data: bytes) -> str:
    with pytest.raises(WorkbookRefused) as refused:
        check_workbook(io.BytesIO(data), len(data), LIMITS)
    return str(refused.value)


def test_a_good_roster_is_measured():
    shape = check_workbook(io.BytesIO(data := with_sheet(sheet_xml(50))), len(data), LIMITS)
    assert shape.rows == 50


def test_rows_are_counted_even_without_a_declared_size():
    # Blank rows by the thousand, no <dimension>: counted from the XML itself.
    blank = b"".join(f'<row r="{r}"/>'.encode() for r in range(1, 1001))
    xml = b"<worksheet><sheetData>" + blank + b"</sheetData></worksheet>"
    assert "100" in refusal(with_sheet(xml))


def test_a_declared_size_over_the_limit_is_refused_at_once():
    assert "100" in refusal(with_sheet(sheet_xml(2, dimension="A500000")))


def test_too_many_columns():
    assert "10" in refusal(with_sheet(sheet_xml(2, dimension="Z2")))


def test_too_many_sheets():
    assert "3" in refusal(with_sheet(sheet_xml(2), extra_sheets=5))


def test_a_zip_bomb_is_refused_by_its_ratio():
    # 10 MB of one repeated byte packs into a few kilobytes.
    padding = b"<!--" + b" " * (10 * 1024 * 1024) + b"-->"
    message = refusal(with_sheet(sheet_xml(2)[:-12] + padding + b"</worksheet>"))
    assert "解压" in message or "unpacks" in message


def test_a_file_too_large_is_refused():
    big = LIMITS.upload_bytes + 1
    with pytest.raises(WorkbookRefused):
        check_workbook(io.BytesIO(b"x" * big), big, LIMITS)


@pytest.mark.parametrize("data", [b"", b"not a zip at all", b"PK\x03\x04broken"])
def test_no_workbook(data):
    refusal(data)


def test_the_reader_holds_the_row_limit_whatever_was_declared():
    data = with_sheet(sheet_xml(150, dimension="A2"))
    sheet = StreamingSheet(data, LIMITS)
    with pytest.raises(WorkbookRefused):
        list(sheet.rows())


def test_the_upload_page_refuses_a_hostile_file_at_the_field(client, organisation, settings):
    settings.IMPORT_MAX_ROWS = 100
    client.force_login(organisation)
    response = client.post(
        reverse("admin:members_member_import"),
        {"import_file": SimpleUploadedFile("m.xlsx", with_sheet(sheet_xml(2, dimension="A900")))},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["import_file"]
    assert not Job.objects.exists()


def test_an_upload_over_the_size_is_refused_before_it_is_read(client, organisation, settings):
    settings.IMPORT_MAX_UPLOAD_MB = 0.01
    client.force_login(organisation)
    response = client.post(
        reverse("admin:members_member_import"),
        {"import_file": SimpleUploadedFile("m.xlsx", b"x" * 200_000)},
    )
    assert response.status_code == 413
    assert response.context["refused"]
    assert not Job.objects.exists()


def test_a_big_sheet_is_counted_by_estimate_past_the_scan(monkeypatch):
    # The request reads only so much of a sheet; the job counts the rest row by row.
    monkeypatch.setattr("yuyang_union.excel.limits.SCAN_BYTES", 1)
    data = with_sheet(sheet_xml(5000))
    shape = check_workbook(io.BytesIO(data), len(data), dataclasses.replace(LIMITS, rows=10_000))
    assert 1000 < shape.rows < 20_000

"""What an uploaded workbook may be, checked before anything opens it.

A workbook is a zip of XML files, and a small file can unpack into gigabytes (a zip bomb) or
a sheet of a million blank rows: a 5 MB file of that kind once took a web worker to 2.8 GB
and never answered. So every upload is measured from the zip's own directory and one
streaming pass over the first sheet's XML, in well under a second and without building
anything, against limits from the settings:

- IMPORT_MAX_UPLOAD_MB (20): the file itself;
- IMPORT_MAX_UNPACKED_MB (300) and IMPORT_MAX_COMPRESSION_RATIO (100): all its parts
  unpacked, and how much any large part unpacks per byte (a spreadsheet packs ~5-20 times);
- IMPORT_MAX_SHEETS (20), IMPORT_MAX_ROWS (200,000), IMPORT_MAX_COLUMNS (100).

Each refusal is one Chinese sentence for the officer. The streaming reader
(`yuyang_union.excel.reading`) holds the same row and column limits again while it reads, so
a sheet whose declared size lies is stopped there too.
"""

import re
import zipfile
import zlib
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.utils.translation import gettext

_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="[A-Z]+\d+:([A-Z]+)(\d+)"')
_SHEET_PART = re.compile(r"xl/worksheets/sheet\d+\.xml")
# Parts smaller than this are not judged by their ratio (tiny XML packs very well).
_RATIO_FLOOR = 1024 * 1024
_CHUNK = 256 * 1024
# How much of a sheet the upload's request reads to count its rows (about 0.3 s).
SCAN_BYTES = 48 * 1024 * 1024


class WorkbookRefused(ValueError):
    """The file cannot be imported; the message says why, in Chinese."""


@dataclass(frozen=True)
class WorkbookShape:
    rows: int  # <row> elements of the first sheet (the header row included)
    columns: int  # the first sheet's declared width (0: not declared)


@dataclass(frozen=True)
class Limits:
    upload_bytes: int
    unpacked_bytes: int
    ratio: float
    sheets: int
    rows: int
    columns: int

    @classmethod
    def from_settings(cls) -> "Limits":
        return cls(
            upload_bytes=int(settings.IMPORT_MAX_UPLOAD_MB * 1024 * 1024),
            unpacked_bytes=int(settings.IMPORT_MAX_UNPACKED_MB * 1024 * 1024),
            ratio=settings.IMPORT_MAX_COMPRESSION_RATIO,
            sheets=settings.IMPORT_MAX_SHEETS,
            rows=settings.IMPORT_MAX_ROWS,
            columns=settings.IMPORT_MAX_COLUMNS,
        )


def too_many_rows(limits: Limits) -> WorkbookRefused:
    return WorkbookRefused(
        gettext(
            "The file has more than %(rows)s rows: split it into files of at most %(rows)s rows."
        )
        % {"rows": f"{limits.rows:,}"}
    )


def too_many_columns(limits: Limits) -> WorkbookRefused:
    return WorkbookRefused(
        gettext("The sheet has more than %(columns)d columns: keep only the template's columns.")
        % {"columns": limits.columns}
    )


def check_workbook(file: IO[bytes], size: int, limits: Limits | None = None) -> WorkbookShape:
    """Refuse (WorkbookRefused) a file that is no workbook or passes a limit; else its shape."""
    limits = limits or Limits.from_settings()
    if size > limits.upload_bytes:
        raise WorkbookRefused(
            gettext("The file is larger than %(mb)d MB: split it into smaller files.")
            % {"mb": limits.upload_bytes // (1024 * 1024)}
        )
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise WorkbookRefused(not_a_workbook()) from None
    with archive:
        parts = archive.infolist()
        names = {part.filename for part in parts}
        if "xl/workbook.xml" not in names:
            raise WorkbookRefused(not_a_workbook())
        if sum(part.file_size for part in parts) > limits.unpacked_bytes:
            raise WorkbookRefused(_unpacks_too_large())
        for part in parts:
            if part.file_size > _RATIO_FLOOR and part.file_size > limits.ratio * max(
                part.compress_size, 1
            ):
                raise WorkbookRefused(_unpacks_too_large())
        sheets = sorted(name for name in names if _SHEET_PART.fullmatch(name))
        if not sheets:
            raise WorkbookRefused(not_a_workbook())
        if len(sheets) > limits.sheets:
            raise WorkbookRefused(
                gettext("The workbook has more than %(sheets)d sheets: keep only the data sheet.")
                % {"sheets": limits.sheets}
            )
        first = "xl/worksheets/sheet1.xml" if "xl/worksheets/sheet1.xml" in names else sheets[0]
        return _measure_sheet(archive, first, limits)


def _measure_sheet(archive: zipfile.ZipFile, name: str, limits: Limits) -> WorkbookShape:
    """Count the sheet's rows in one streaming pass (the declared size may lie), stopping
    as soon as a limit is passed.

    At most SCAN_BYTES of the sheet are read here, so that the upload's request stays well
    under a second whatever the file: a hostile sheet of blank rows passes the row limit
    long before (its rows are a few bytes each); a real roster bigger than that is counted
    by estimate, and its check job holds the limit row by row (`reading`).
    """
    rows = 0
    columns = 0
    unpacked = 0
    tail = b""
    size = archive.getinfo(name).file_size
    try:
        with archive.open(name) as stream:
            while chunk := stream.read(_CHUNK):
                if unpacked >= SCAN_BYTES:
                    # An estimate by the share of the sheet read (the job counts exactly).
                    return WorkbookShape(rows=rows * size // unpacked, columns=columns)
                unpacked += len(chunk)
                if unpacked > limits.unpacked_bytes:
                    raise WorkbookRefused(_unpacks_too_large())
                text = tail + chunk
                if not columns and (declared := _DIMENSION.search(text)):
                    columns = _column_number(declared.group(1).decode())
                    if columns > limits.columns:
                        raise too_many_columns(limits)
                    if int(declared.group(2)) > limits.rows + 1:
                        raise too_many_rows(limits)
                # A row tag split between two chunks is found in the kept tail; one that lay
                # wholly in the tail was counted with the chunk before.
                rows += _count_rows(text) - _count_rows(tail)
                tail = text[-16:]
                if rows > limits.rows + 1:
                    raise too_many_rows(limits)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError):
        raise WorkbookRefused(not_a_workbook()) from None
    return WorkbookShape(rows=rows, columns=columns)


def _count_rows(text: bytes) -> int:
    """The row elements in `text`: counted in C for the usual unprefixed XML (Excel, WPS,
    openpyxl), by the pattern when a namespace prefix is used."""
    if b":row" in text:
        return len(_ROW.findall(text))
    return text.count(b"<row ") + text.count(b"<row>") + text.count(b"<row/>")


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def not_a_workbook() -> str:
    return gettext(
        "The file is not an Excel workbook (.xlsx) or is damaged: save it again as .xlsx."
    )


def _unpacks_too_large() -> str:
    return gettext(
        "The file unpacks to far more data than a roster holds (it may be damaged or crafted): "
        "save the data alone in a new workbook."
    )

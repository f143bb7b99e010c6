"""What an import's confirmation tells the officer, shared by every import of the portal.

An import writes all its rows or none. A confirmation can still fail where its preview did
not: rows that became invalid meanwhile (someone registered one of the file's ID numbers),
or a clash the row checks could not see (a record written between the check and the
INSERT). The officer then reads which rows failed and why, in Chinese, never the database's
own words or a traceback (`ImportFailure`); success is told only once the rows are committed.
"""

from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError
from django.utils.translation import gettext
from import_export.results import Error, Result, RowResult


def imported_count(result: Result) -> int:
    return int(
        result.totals[RowResult.IMPORT_TYPE_NEW] + result.totals[RowResult.IMPORT_TYPE_UPDATE]
    )


def failure_message(error: BaseException) -> str:
    """The officer's sentence for an error met while writing rows."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    if isinstance(error, IntegrityError):
        return gettext(
            "A record written by someone else meanwhile clashes with this file (for example "
            "the same ID number): nothing was imported. Upload the file again to see which "
            "rows."
        )
    if isinstance(error, DatabaseError):
        return gettext(
            "The database refused the import: nothing was imported. Try again in a moment."
        )
    return gettext("A row could not be written: nothing was imported.")


class ImportFailure(Error):
    """django-import-export's error record, told in Chinese and without a traceback (the
    exception is logged, and kept as `cause`; its text may hold the values of the row)."""

    def __init__(self, error: BaseException, row: object = None, number: int | None = None) -> None:
        super().__init__(failure_message(error), row=row, number=number)
        self.cause = error

    @property
    def traceback(self) -> str:  # a cached_property upstream: never computed here
        return ""

"""What a job's handler sees while it runs: progress, errors, its result, cancellation.

Progress is written on a database connection of the run's own, in autocommit: a handler that
writes all its rows in one transaction (an import: all rows or none) still shows how far it
is, and learns in the same statement whether its owner asked to cancel it. Writes are spaced
(`PROGRESS_EVERY` seconds) so that a fast loop does not become a loop of UPDATEs.
"""

import time
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

from .files import ResultWriter
from .models import Job

PROGRESS_EVERY = 0.5  # seconds
MAX_STORED_ERRORS = 1000


class JobCancelled(Exception):
    """The owner cancelled the job: the handler stops, and its writes are rolled back."""


class JobFailed(Exception):
    """The job cannot go on; its message (Chinese, no personal data) is shown to the owner."""


class JobRun:
    def __init__(self, job: Job) -> None:
        self.job = job
        self.done = job.done
        self.total = job.total
        self.message = job.message
        self.errors: list[dict[str, Any]] = []
        self.error_count = 0
        self.result: ResultWriter | None = None
        self.result_name = ""
        self.result_content_type = ""
        self.result_url = job.result_url
        self.awaiting_confirmation = False
        self._last_write = 0.0
        self._connection: BaseDatabaseWrapper | None = None

    # Progress ----------------------------------------------------------------------------

    def progress(
        self,
        done: int,
        total: int | None = None,
        message: str | None = None,
        *,
        force: bool = False,
    ) -> None:
        """Record how far the job is; raises JobCancelled when its owner cancelled it."""
        if total is not None:
            self.total = total
        self.done = done if self.total is None else min(done, self.total)
        if message is not None:
            self.message = message
        now = time.monotonic()
        if not force and now - self._last_write < PROGRESS_EVERY:
            return
        self._last_write = now
        with self._side_connection().cursor() as cursor:
            cursor.execute(
                "UPDATE jobs_job SET done = %s, total = %s, message = %s, heartbeat_at = %s "
                "WHERE id = %s RETURNING cancel_requested",
                [self.done, self.total, self.message[:500], timezone.now(), self.job.pk],
            )
            row = cursor.fetchone()
        if row and row[0]:
            raise JobCancelled

    def _side_connection(self) -> BaseDatabaseWrapper:
        if self._connection is None:
            self._connection = connections.create_connection(DEFAULT_DB_ALIAS)
        return self._connection

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        if self.result is not None:
            self.result.close()

    # Errors and results ------------------------------------------------------------------

    def add_error(
        self, message: str, *, row: int | None = None, column: str = "", value: str = ""
    ) -> None:
        """One error for the owner to read (Chinese; an identifier only masked): its row,
        column and the cell's `value` as typed (`yuyang_union.excel.cells.shown_cell`)."""
        self.error_count += 1
        if len(self.errors) < MAX_STORED_ERRORS:
            self.errors.append(
                {"row": row, "column": column, "value": value, "message": str(message)}
            )

    def result_file(self, name: str, content_type: str, *, personal: bool) -> ResultWriter:
        """A file to write the result into, offered for download as `name` (ASCII or
        Chinese, never an identifier); encrypted at rest when it holds `personal` data."""
        if self.result is not None:
            self.result.discard()
        self.result = ResultWriter(encrypted=personal)
        self.result_name = name
        self.result_content_type = content_type
        self.job.result_personal = personal
        return self.result

"""Every Excel import as a background job: check, then (once confirmed) write.

    upload (the admin's import page, or an app's own) ─ `start_import`: the file is measured
        (`limits`), kept encrypted (`pending`), and a job is queued;
    check ─ the job reads the file streaming (`reading`), checks every row with the app's
        resource, in chunks of CHUNK_ROWS with progress, writing nothing; each bad row is
        listed in Chinese, and a copy of the file with an error column is offered;
    confirmation ─ a job with no bad row waits for its owner (`jobs:confirm`);
    write ─ the same job writes every row in one transaction: all rows or none, told
        truthfully (a row that became bad meanwhile fails the whole import and is listed).
        A bulk resource's rows are those the check kept (`staging`), checked again only for
        what may have changed; another resource's file is read and imported again.

A resource describes the columns and the row checks (`yuyang_union.excel.resources`); this
module only drives it. The job runs as its owner: scope, permissions and history are theirs.
"""

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import tablib
from auditlog.context import set_actor
from django.apps import apps
from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.db import DatabaseError, models, transaction
from django.utils.translation import gettext
from import_export.results import Result

from yuyang_union.downloads import XLSX_CONTENT_TYPE
from yuyang_union.jobs.models import Job
from yuyang_union.jobs.running import JobFailed, JobRun
from yuyang_union.jobs.services import start_job
from yuyang_union.users import Actor

from . import pending
from .cells import shown_cell
from .limits import WorkbookRefused, WorkbookShape
from .outcomes import ImportFailure, failure_message, imported_count
from .owners import owner_request
from .reading import SheetRow, StreamingSheet
from .resources import ScopedResource
from .staging import Stager, discard_staged, staged_batches
from .template import EXAMPLE_CELL, EXAMPLE_HEADER
from .widgets import IDNumberWidget, PhoneWidget

IMPORT_KIND = "excel.import"
CHECK, WRITE = "check", "write"
CHUNK_ROWS = 1000
ERROR_COLUMN = "错误"


def start_import(
    *,
    actor: Actor,
    model: type[models.Model],
    data: bytes,
    filename: str,
    shape: WorkbookShape,
    result_url: str,
) -> Job:
    """Keep the measured file and queue its check; returns the job (its page follows it,
    and links to `result_url`, the records' list, once they are written)."""
    opts = model._meta
    upload = pending.park(data)
    return start_job(
        actor=actor,
        kind=IMPORT_KIND,
        label=gettext("Import %(records)s: %(file)s")
        % {"records": opts.verbose_name_plural, "file": filename[:120]},
        params={
            "model": opts.label_lower,
            "upload": upload,
            "rows": max(shape.rows - 1, 0),
            "phase": CHECK,
            "confirm_phase": WRITE,
        },
        result_url=result_url,
    )


def discard_inputs(job: Job) -> None:
    """What an import keeps for its confirmation: the upload, and the rows it checked."""
    pending.discard(job.params.get("upload"))
    discard_staged(job.params.get("staged"))


@dataclass
class RowProblems:
    """The bad rows of a file: messages by Excel row number (all of them, for the copy)."""

    by_row: dict[int, list[str]] = field(default_factory=dict)

    def add(self, run: JobRun, row: int | None, column: str, message: str, value: str = "") -> None:
        """One problem: its Excel row, the Chinese column name, the cell as typed (masked
        when an identifier: `cells.shown_cell`) and the Chinese message."""
        run.add_error(message, row=row, column=column, value=value)
        if row is not None:
            self.by_row.setdefault(row, []).append(f"{column}：{message}" if column else message)


def run_import(job: Job, run: JobRun) -> None:
    """Handler of `excel.import`: asks the model admin the owner imported through (its
    permission, its resource) as the owner, in the worker. (The runner drops the upload and
    the kept rows, `discard_inputs`, whenever the job does not end awaiting confirmation.)"""
    model_admin: Any = admin.site._registry[apps.get_model(job.params["model"])]
    request = owner_request(job.owner)
    if not model_admin.has_import_permission(request):
        raise JobFailed(gettext("You may no longer import these records."))
    data = pending.fetch(job.params["upload"])
    if data is None:
        raise JobFailed(gettext("The uploaded file has expired: upload it again."))
    resource_class = model_admin.get_import_resource_classes(request)[0]
    resource: ScopedResource = resource_class(**model_admin.get_import_resource_kwargs(request))
    total = job.params.get("rows") or None
    if job.params.get("phase") == WRITE:
        _write(job, run, resource, lambda: _open(resource, data), total)
    else:
        _check(job, run, resource, _open(resource, data), total, data)


def _open(resource: ScopedResource, data: bytes) -> StreamingSheet:
    """The upload's first sheet, its header row checked against the resource's columns."""
    try:
        sheet = StreamingSheet(data, example=resource.template_example())
    except WorkbookRefused as refusal:
        raise JobFailed(str(refusal)) from None
    known = {str(f.column_name) for f in resource.get_import_fields()}
    if not known & set(sheet.headers):
        raise JobFailed(
            gettext(
                "The first row holds none of the template's column names (%(columns)s): "
                "download the template and fill it in."
            )
            % {"columns": "、".join(sorted(known))}
        )
    return sheet


class _Refused(Exception):
    """Ends the write's transaction (rolled back) when a row is refused."""


def _check(
    job: Job,
    run: JobRun,
    resource: ScopedResource,
    sheet: StreamingSheet,
    total: int | None,
    data: bytes,
) -> None:
    """Every row checked, nothing kept: the rows are written inside a transaction that is
    always rolled back (a later row may refer to an earlier one), a bulk resource's rows not
    even that (`check_only`)."""
    run.progress(0, total, gettext("Checking the rows…"), force=True)
    problems = RowProblems()
    checked = 0
    resource.check_only = True
    model = resource._meta.model
    if resource._meta.use_bulk:
        resource.stager = Stager(model)
    try:
        with set_actor(job.owner), transaction.atomic():
            for chunk in _chunks(sheet.rows()):
                result = _import_chunk(resource, sheet.headers, chunk)
                _collect(run, resource, result, chunk, problems, sheet.headers)
                checked += len(chunk)
                run.progress(checked, None, gettext("Checking the rows…"))
            transaction.set_rollback(True)
        _changed_examples(run, sheet, problems)
    except BaseException:
        if resource.stager is not None:
            resource.stager.discard()
        raise
    run.progress(checked, checked, force=True)
    if resource.stager is not None:
        if run.error_count or not checked:
            resource.stager.discard()
        else:
            job.params["staged"] = resource.stager.close()
    if run.error_count:
        write_error_copy(run, data, problems, resource.template_example())
        raise JobFailed(
            gettext(
                "%(bad)d of %(rows)d rows have errors: nothing was imported. Correct them "
                "(the downloadable copy marks each) and upload the file again."
            )
            % {
                "bad": len(problems.by_row) or run.error_count,
                "rows": checked + len(sheet.changed_examples),
            }
        )
    if not checked:
        raise JobFailed(gettext("The file holds no rows under its header."))
    job.params["rows"] = checked
    run.awaiting_confirmation = True
    run.message = gettext("All %(rows)d rows passed the checks: confirm to import them.") % {
        "rows": checked
    }
    if sheet.examples_skipped:
        run.message += gettext(" The template's example row (marked 示例) was skipped.")


def _changed_examples(run: JobRun, sheet: StreamingSheet, problems: RowProblems) -> None:
    """A row still marked 示例 whose cells were changed: the officer's own row or a spoiled
    example, it is neither imported nor silently dropped."""
    for row in sheet.changed_examples:
        problems.add(
            run,
            row.number,
            EXAMPLE_HEADER,
            gettext(
                "This row is marked as the template's example but its cells were changed: "
                "to import it, clear its 示例 cell; otherwise delete the row."
            ),
            EXAMPLE_CELL,
        )


def _write(
    job: Job,
    run: JobRun,
    resource: ScopedResource,
    open_sheet: Callable[[], StreamingSheet],
    total: int | None,
) -> None:
    """The write: the staged rows of a bulk resource, else the file read and imported again
    (`open_sheet`: a staged write need not read the workbook at all)."""
    run.progress(0, total, gettext("Writing the rows…"), force=True)
    problems = RowProblems()
    written = 0
    imported = 0
    staged = job.params.get("staged")
    try:
        with set_actor(job.owner), transaction.atomic():
            if staged:
                # The checked rows as the check left them: inserted batch by batch, each
                # batch checked again for what may have changed meanwhile.
                for rows, instances in staged_batches(staged, resource._meta.model):
                    for index, attribute, message in resource.recheck_staged(instances):
                        column = _column_names(resource).get(attribute, "")
                        problems.add(run, rows[index], column, message)
                    if run.error_count:
                        raise _Refused
                    resource.write_instances(instances)
                    imported += len(instances)
                    written += len(instances)
                    run.progress(written, None, gettext("Writing the rows…"))
            else:
                sheet = open_sheet()
                for chunk in _chunks(sheet.rows()):
                    result = _import_chunk(resource, sheet.headers, chunk)
                    _collect(run, resource, result, chunk, problems, sheet.headers)
                    if run.error_count:
                        raise _Refused
                    imported += imported_count(result)
                    written += len(chunk)
                    run.progress(written, None, gettext("Writing the rows…"))
    except _Refused:
        raise JobFailed(
            gettext(
                "Rows became invalid since the check (listed below): nothing was imported. "
                "Correct the file and upload it again."
            )
        ) from None
    except DatabaseError as error:  # the commit itself refused: nothing was written
        raise JobFailed(failure_message(error)) from None
    run.progress(written, written, force=True)
    run.result_url = job.result_url
    run.message = gettext("Import done: %(count)d %(records)s added.") % {
        "count": imported,
        "records": resource._meta.model._meta.verbose_name_plural,
    }


def _chunks(rows: Iterable[SheetRow]) -> Iterator[list[SheetRow]]:
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, CHUNK_ROWS)):
        yield chunk


def _import_chunk(resource: ScopedResource, headers: list[str], chunk: list[SheetRow]) -> Result:
    resource.excel_rows = [row.number for row in chunk]
    dataset = tablib.Dataset(*(row.values for row in chunk), headers=headers)
    return resource.import_rows(dataset)


def _collect(
    run: JobRun,
    resource: ScopedResource,
    result: Result,
    chunk: list[SheetRow],
    problems: RowProblems,
    headers: list[str],
) -> None:
    """The chunk's bad rows, by their Excel number, Chinese column name and value."""
    columns = _column_names(resource)
    kinds = identifier_kinds(resource)

    def number(row: int | None) -> int | None:
        return chunk[row - 1].number if row and 0 < row <= len(chunk) else None

    for invalid in result.invalid_rows:
        values = chunk[invalid.number - 1].values if 0 < invalid.number <= len(chunk) else ()
        for attribute, messages in invalid.error_dict.items():
            column = columns.get(attribute) or _field_name(resource, attribute)
            index = headers.index(column) if column in headers else None
            value = shown_cell(values[index], kinds.get(attribute)) if index is not None else ""
            for message in messages:
                problems.add(run, number(invalid.number), column, str(message), value)
    for row, errors in result.row_errors():
        for error in errors:
            problems.add(run, number(row), "", _told(error))
    for error in result.base_errors:
        problems.add(run, None, "", _told(error))


def _column_names(resource: ScopedResource) -> dict[str, str]:
    return {
        field.attribute: str(field.column_name)
        for field in resource.get_import_fields()
        if field.attribute
    }


def _field_name(resource: ScopedResource, attribute: str) -> str:
    """A model field's Chinese name, for a rule about a field the file has no column for
    (never the attribute's name; blank for a rule about the whole row)."""
    try:
        return str(resource._meta.model._meta.get_field(attribute).verbose_name)
    except FieldDoesNotExist:
        return ""


def identifier_kinds(resource: ScopedResource) -> dict[str, str]:
    """attribute -> "id_number" or "phone", for the columns whose values are shown masked."""
    kinds = dict(resource.identifier_fields)
    for column in resource.get_import_fields():
        if not column.attribute:
            continue
        if isinstance(column.widget, PhoneWidget):
            kinds.setdefault(column.attribute, "phone")
        elif isinstance(column.widget, IDNumberWidget) or getattr(
            column.widget, "text_cells", False
        ):
            kinds.setdefault(column.attribute, "id_number")
    return kinds


def _told(error: Any) -> str:
    """An error's sentence for the officer: ours already are; others never show their text."""
    if isinstance(error, ImportFailure):
        return str(error.error)
    return failure_message(error.error)


def write_error_copy(
    run: JobRun, data: bytes, problems: RowProblems, example: dict[str, Any] | None = None
) -> None:
    """The file as uploaded (without the template's untouched example), an error column
    added, written streaming: the officer corrects the marked rows in it and uploads it
    again."""
    from openpyxl import Workbook

    sheet = StreamingSheet(data, example=example, yield_changed_examples=True)
    book = Workbook(write_only=True)
    out = book.create_sheet(gettext("Rows"))
    out.append([*sheet.headers, ERROR_COLUMN])
    for row in sheet.rows():
        out.append([*_as_written(row.values), "；".join(problems.by_row.get(row.number, []))])
    with run.result_file(gettext("import-errors.xlsx"), XLSX_CONTENT_TYPE, personal=True) as file:
        book.save(file)


def _as_written(values: tuple[Any, ...]) -> list[Any]:
    from .cells import escape_formula

    return [escape_formula(value) for value in values]

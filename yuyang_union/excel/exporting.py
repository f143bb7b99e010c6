"""Exports as background jobs: workbooks written row by row, whatever their size.

`stream_workbook` is the one writer every export job uses: openpyxl's write-only mode (each
row goes to a temporary file as it is appended, nothing of it stays in memory) fed by a
queryset read in chunks (`.iterator(chunk_size=CHUNK)`), progress reported as it goes, the
file saved into the job's result (encrypted when it can hold an ID number or a phone).

`export_changelist` is the handler of the admin's exports (`excel.export`, started by
`export_admin.ExportAsJobMixin`): it asks the model admin for the changelist's queryset as
the job's owner saw it (filters, search, selected ids), scoped to the owner, and writes each
record through the same `ScopedResource` the admin used to answer with, so that columns,
values, masking and formula escaping stay what they were.
"""

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from import_export.signals import post_export
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from yuyang_union.database.routers import reads_from_replica
from yuyang_union.downloads import XLSX_CONTENT_TYPE
from yuyang_union.jobs.running import JobFailed
from yuyang_union.personal_data.crypto import decrypt
from yuyang_union.personal_data.masking import can_view_identifiers

from .owners import owner_request

if TYPE_CHECKING:
    from yuyang_union.jobs.models import Job
    from yuyang_union.jobs.running import JobRun

    from .resources import ScopedResource

# Rows fetched per round trip; also how many exported records wait for their access log.
CHUNK = 2000


def stream_workbook(
    run: "JobRun",
    *,
    filename: str,
    sheet_title: str,
    header: Sequence[Any],
    rows: Iterable[Sequence[Any]],
    total: int,
    personal: bool,
    preamble: Iterable[Sequence[Any]] = (),
    widths: Sequence[int] = (),
) -> int:
    """Write `rows` under `header` into the job's result file; returns how many rows.

    `rows` is consumed lazily (a generator over a queryset's iterator): memory stays flat.
    Progress is reported as rows go (JobRun spaces its writes), and a cancelled job stops
    at the next row (JobCancelled), leaving no file."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_title[:31])
    # A write-only sheet takes its column widths before its first row.
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for line in preamble:
        sheet.append(list(line))
    sheet.append(list(header))
    message = gettext("Exporting…")
    run.progress(0, total, message, force=True)
    count = 0
    for row in rows:
        sheet.append(list(row))
        count += 1
        # A record added meanwhile may make one more row than counted.
        run.progress(count, max(total, count), message)
    run.progress(count, count, gettext("Saving the file…"), force=True)
    with run.result_file(filename, XLSX_CONTENT_TYPE, personal=personal) as out:
        book.save(out)
    return count


def dated_filename(stem: str) -> str:
    """ "会员-20260101.xlsx": a name that says what and when, never whom."""
    return f"{stem}-{timezone.localdate():%Y%m%d}.xlsx"


def related_paths(model: type[models.Model], attributes: Iterable[str]) -> list[str]:
    """The foreign keys an export's columns go through ("union", "member__union"), for one
    `select_related`: a column naming a related record must not cost a query per row."""
    paths = set()
    for attribute in attributes:
        current: Any = model
        walked: list[str] = []
        for part in attribute.split("__"):
            try:
                field = current._meta.get_field(part)
            except FieldDoesNotExist:
                break
            if not (field.many_to_one or field.one_to_one) or field.related_model is None:
                break
            walked.append(part)
            current = field.related_model
        if walked:
            paths.add("__".join(walked))
    return sorted(paths)


# The admin's exports --------------------------------------------------------------------


def changelist_query(params: dict[str, Any]) -> str:
    # Stored encrypted: a search term may be an ID number or a phone.
    stored = params.get("query") or ""
    return decrypt(stored) if stored else ""


@reads_from_replica
def export_changelist(job: "Job", run: "JobRun") -> None:
    """Handler of `excel.export`: one changelist's records as the admin's workbook."""
    params = job.params
    try:
        model = apps.get_model(params["app_label"], params["model_name"])
        model_admin: Any = admin.site._registry[model]
    except (KeyError, LookupError):
        raise JobFailed(gettext("These records can no longer be exported.")) from None
    request = owner_request(job.owner, changelist_query(params))
    if not model_admin.has_export_permission(request):
        raise JobFailed(gettext("You may no longer export these records."))
    try:
        resource_class = model_admin.get_export_resource_classes(request)[params["resource"]]
        queryset = model_admin.get_export_queryset(request)
    except (IndexError, IncorrectLookupParameters, PermissionDenied):
        raise JobFailed(
            gettext("The list's filters are no longer valid: export it again.")
        ) from None
    resource: ScopedResource = resource_class(**model_admin.get_export_resource_kwargs(request))
    # The purpose given on the form; numbers in full only while the owner may see them.
    resource.full_reason = params.get("full_reason", "") if can_view_identifiers(job.owner) else ""
    selected: list[str] | None = params.get("fields") or None
    if params.get("ids") is not None:
        queryset = queryset.filter(pk__in=params["ids"])
    fields = resource.get_export_fields(selected)
    # What the resource's columns read besides the fields (import-export's own hook).
    queryset = resource.filter_export(queryset)
    queryset = queryset.select_related(
        *related_paths(model, (f.attribute for f in fields if f.attribute))
    )
    opts = model._meta
    with transaction.atomic():
        total = queryset.count()
        count = stream_workbook(
            run,
            filename=dated_filename(str(opts.verbose_name_plural)),
            sheet_title=str(opts.verbose_name_plural),
            header=resource.get_export_headers(selected_fields=selected),
            rows=_resource_rows(resource, queryset, selected),
            total=total,
            # The file can hold numbers (masked ones count too): encrypted at rest.
            personal=bool(resource.identifier_fields),
        )
    post_export.send(sender=None, model=model)
    run.message = gettext("Exported %(count)d records.") % {"count": count}


def _resource_rows(
    resource: "ScopedResource", queryset: QuerySet[Any], selected: list[str] | None
) -> Iterable[list[Any]]:
    """Each record as the resource writes it. Records exported with numbers in full wait
    in the resource (`ScopedResource._exported`) for their access log; it is written every
    CHUNK rows (the resource's `after_export` writes and forgets them), so that the log of
    a big export never holds every record in memory."""
    for index, instance in enumerate(queryset.iterator(chunk_size=CHUNK), start=1):
        yield resource.export_resource(instance, selected_fields=selected)
        if index % CHUNK == 0:
            resource.after_export(queryset, None)
    resource.after_export(queryset, None)

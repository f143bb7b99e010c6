"""Excel export of a competition's results (a background job), and the import template."""

from io import BytesIO

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook

from yuyang_union.database.routers import reads_from_replica
from yuyang_union.excel.cells import escape_formula
from yuyang_union.excel.exporting import CHUNK, dated_filename, stream_workbook
from yuyang_union.jobs.running import JobFailed
from yuyang_union.jobs.services import start_job
from yuyang_union.personal_data.access_log import BatchedAccessLog
from yuyang_union.personal_data.masking import can_view_identifiers, shown_identifier

from .selectors import competition_entries, competitions_for_user

EXPORT_JOB = "competitions.results_export"
EXPORT_PERMISSION = "competitions.view_entry"


def start_results_export(*, actor, competition, full_reason=""):
    """Queue the results export; the caller has checked the right (and the right to numbers
    in full when `full_reason`)."""
    return start_job(
        actor=actor,
        kind=EXPORT_JOB,
        label=_("Results: %(competition)s") % {"competition": competition.name},
        params={"competition": competition.pk, "full_reason": full_reason},
    )


@reads_from_replica
def export_results(job, run):
    """Handler of `competitions.results_export`: one row per entry, in result order.

    ID numbers are masked unless the export gave the purpose of a full one and its owner
    still may see them; every number written in full is logged with it, a batch at a time.
    """
    owner = job.owner
    if not owner.has_perm(EXPORT_PERMISSION):
        raise JobFailed(_("You may no longer export these results."))
    competition = competitions_for_user(owner).filter(pk=job.params["competition"]).first()
    if competition is None:
        raise JobFailed(_("This competition is no longer yours to export."))
    full_reason = job.params.get("full_reason", "") if can_view_identifiers(owner) else ""
    shown = ["event__name", "member__name", "member__id_number", "employer__name"]
    entries = competition_entries(competition).only("rank", "score", "award", *shown)
    # One transaction: a cancelled or failed export leaves no access log behind.
    with transaction.atomic():
        count = stream_workbook(
            run,
            filename=dated_filename(_("Results")),
            sheet_title=_("Results"),
            header=["项目", "名次", "姓名", "身份证号码", "单位", "成绩", "奖项"],
            rows=_rows(owner, entries, full_reason),
            total=entries.count(),
            personal=True,
            widths=(16, 6, 10, 22, 30, 8, 10),
        )
    run.message = _("Exported %(count)d entries.") % {"count": count}


def _rows(owner, entries, full_reason):
    show_ids = bool(full_reason)
    log = BatchedAccessLog(owner, ["id_number"], reason=full_reason, batch=CHUNK)
    for entry in entries.iterator(chunk_size=CHUNK):
        log.add(entry.member)
        row = [
            entry.event.name,
            entry.rank,
            entry.member.name,
            shown_identifier(entry.member.id_number, in_full=show_ids),
            entry.employer.name,
            entry.score,
            entry.get_award_display() if entry.is_prize else "",
        ]
        # A value such as "=HYPERLINK(...)" in a name would run in Excel: store it as text.
        yield [escape_formula(value) for value in row]
    log.flush()


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

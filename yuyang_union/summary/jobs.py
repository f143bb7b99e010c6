"""The summary's files as background jobs: computing the figures of a long period takes
seconds (0.7 s of queries at scale 100, more for every year's column), so the page starts
a job and its page offers the file.

The files hold only figures: kept unencrypted (personal=False).
"""

import datetime

from django.utils.translation import gettext as _

from yuyang_union.access import STAFF_PERMISSION
from yuyang_union.database.routers import reads_from_replica
from yuyang_union.downloads import DOCX_CONTENT_TYPE, XLSX_CONTENT_TYPE
from yuyang_union.jobs.running import JobFailed
from yuyang_union.jobs.services import start_job

from .apps import SUMMARY_PERMISSION
from .compose import compute_summary, period_phrase
from .exports import write_report, write_workbook

WORKBOOK_JOB = "summary.workbook"
REPORT_JOB = "summary.report"
# kind → (label, figures by year, writer, extension, content type)
FILES = {
    WORKBOOK_JOB: (_("Work summary workbook"), True, write_workbook, "xlsx", XLSX_CONTENT_TYPE),
    REPORT_JOB: (_("Work summary Word draft"), False, write_report, "docx", DOCX_CONTENT_TYPE),
}


def start_summary_file(*, actor, kind, start, end):
    """Queue the workbook or the Word draft of the period; the caller checked the right."""
    label = FILES[kind][0]
    return start_job(
        actor=actor,
        kind=kind,
        # The period as the report names it ("2019年", "2015年至2022年", or its days).
        label=f"{label}（{period_phrase(start, end)}）",
        params={"start": start.isoformat(), "end": end.isoformat()},
    )


@reads_from_replica
def write_summary_file(job, run):
    """Handler of `summary.workbook` and `summary.report`."""
    if not job.owner.has_perms((STAFF_PERMISSION, SUMMARY_PERMISSION)):
        raise JobFailed(_("You may no longer read the work summary."))
    _label, by_year, write, extension, content_type = FILES[job.kind]
    start = datetime.date.fromisoformat(job.params["start"])
    end = datetime.date.fromisoformat(job.params["end"])
    run.progress(0, 2, _("Computing the figures…"), force=True)
    summary = compute_summary(start, end, by_year=by_year)
    run.progress(1, 2, _("Writing the file…"), force=True)
    filename = f"work-summary-{start.isoformat()}-{end.isoformat()}.{extension}"
    with run.result_file(filename, content_type, personal=False) as out:
        write(summary, out)
    run.progress(2, 2, force=True)
    run.message = _("The file is ready.")

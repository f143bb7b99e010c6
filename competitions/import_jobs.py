"""The entries import as a background job: check every row, wait for the confirmation, then
write them all in one transaction (the rows themselves are checked by `importing`).

The file waits encrypted (`yuyang_union.excel.pending`); nothing of it is kept in the
session. The job runs as its owner: the competition must still be in their subtree, and they
must still hold the import permission, at each step.
"""

from io import BytesIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from yuyang_union.excel import pending
from yuyang_union.excel.cells import shown_cell
from yuyang_union.excel.import_jobs import (
    CHECK,
    WRITE,
    RowProblems,
    write_error_copy,
)
from yuyang_union.jobs.models import Job
from yuyang_union.jobs.running import JobFailed, JobRun
from yuyang_union.jobs.services import start_job
from yuyang_union.scoping import scope_queryset

from . import exporting, importing, selectors
from .models import Competition

KIND = "competitions.import_entries"


def start_entries_import(*, actor, competition, data, filename, rows) -> Job:
    return start_job(
        actor=actor,
        kind=KIND,
        label=_("Import entries of %(competition)s: %(file)s")
        % {"competition": competition.name, "file": filename[:120]},
        params={
            "competition": competition.pk,
            "upload": pending.park(data),
            "rows": rows,
            "phase": CHECK,
            "confirm_phase": WRITE,
        },
        result_url=reverse("competitions:staff-detail", args=[competition.pk]),
    )


def import_entries_job(job: Job, run: JobRun) -> None:
    """Handler of `competitions.import_entries` (the runner drops the upload whenever the
    job does not end awaiting confirmation: `discard_inputs`, registered with it)."""
    owner = job.owner
    competition = (
        scope_queryset(Competition.objects.all(), owner, selectors.SCOPE_FIELD)
        .filter(pk=job.params["competition"])
        .first()
    )
    if competition is None or not owner.has_perm("competitions.import_entry"):
        raise JobFailed(_("You may no longer import entries into this competition."))
    data = pending.fetch(job.params["upload"])
    if data is None:
        raise JobFailed(_("The uploaded file has expired: upload it again."))
    writing = job.params.get("phase") == WRITE
    run.progress(0, job.params.get("rows") or None, _("Checking the rows…"), force=True)
    try:
        with transaction.atomic():
            example = exporting.template_example(competition)
            rows = importing.read_rows(BytesIO(data), example=example)
            checked, errors = importing.check_rows(competition=competition, rows=rows, user=owner)
            run.progress(len(rows), len(rows), force=True)
            if errors:
                problems = RowProblems()
                for error in errors:
                    for name, message in error.problems:
                        problems.add(
                            run,
                            error.line,
                            importing.COLUMN_NAMES[name],
                            message,
                            shown_cell(error.raw.get(name), importing.IDENTIFIER_KINDS.get(name)),
                        )
                if not writing:
                    write_error_copy(run, data, problems)
                raise JobFailed(
                    _(
                        "%(bad)d rows have errors: nothing was imported. Correct them and upload "
                        "the file again."
                    )
                    % {"bad": len(errors)}
                )
            if not checked:
                raise JobFailed(_("The file holds no rows under its header."))
            if not writing:
                run.awaiting_confirmation = True
                run.message = _("%(count)d rows are ready to import: confirm to import them.") % {
                    "count": len(checked)
                }
                return
            count = importing.import_entries(actor=owner, competition=competition, rows=checked)
    except (importing.FileError, ValidationError) as error:
        raise JobFailed(" ".join(getattr(error, "messages", [str(error)]))) from None
    run.result_url = job.result_url
    run.message = _("%(count)d entries imported.") % {"count": count}

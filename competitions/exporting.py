"""Excel export of a competition's results (a background job), and the import template."""

from dataclasses import replace

from django.db import transaction
from django.utils.translation import gettext as _

from yuyang_union.database.routers import reads_from_replica
from yuyang_union.excel.cells import escape_formula
from yuyang_union.excel.exporting import CHUNK, dated_filename, stream_workbook
from yuyang_union.excel.template import TemplateColumn, build_template
from yuyang_union.excel.template_columns import EXAMPLE_ID_NUMBER
from yuyang_union.excel.widgets import TEMPLATE_CHOICES_LIMIT
from yuyang_union.jobs.running import JobFailed
from yuyang_union.jobs.services import start_job
from yuyang_union.personal_data.access_log import BatchedAccessLog
from yuyang_union.personal_data.masking import can_view_identifiers, shown_identifier

from .selectors import competition_entries, competitions_for_user
from .services import AWARD_NAMES

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
    """The entries sheet to fill in (`yuyang_union.excel.template`): the import headers, an
    example row that is never imported, drop-downs of the competition's events and of the
    prizes, the ID number column as text, and a sheet explaining every column."""
    return build_template(title=_("Entry sheet"), columns=template_columns(competition))


def template_example(competition):
    """The template's example row by header: the reader tells it from the officer's rows."""
    return {column.header: column.example for column in template_columns(competition)}


def template_columns(competition):
    from .importing import HEADERS

    names = competition.events.order_by("ordering", "id").values_list("name", flat=True)
    events = list(names[: TEMPLATE_CHOICES_LIMIT + 1])
    awards = [*AWARD_NAMES.values(), "无"]
    columns = {
        "event": TemplateColumn(
            header="",
            required=True,
            hint=_("The trade or event, exactly as the competition names it."),
            example=events[0] if events else "",
            # A list too long to pick from is no drop-down (the name is typed instead).
            choices=events if len(events) <= TEMPLATE_CHOICES_LIMIT else None,
        ),
        "id_number": TemplateColumn(
            header="",
            required=True,
            hint=_("The entrant's 18-character ID number: the entrant must be a member."),
            example=EXAMPLE_ID_NUMBER,
            text=True,
        ),
        "name": TemplateColumn(
            header="",
            required=False,
            hint=_("The entrant's name, checked against the ID number."),
            example="张三",
        ),
        "employer": TemplateColumn(
            header="",
            required=False,
            hint=_("The employer's exact name; blank: the member's employer on record."),
        ),
        "credit_code": TemplateColumn(
            header="",
            required=False,
            hint=_("The employer's unified social credit code (instead of its name)."),
            text=True,
        ),
        "team_name": TemplateColumn(
            header="", required=False, hint=_("The team's name, if the employer sends a team.")
        ),
        "score": TemplateColumn(
            header="",
            required=False,
            hint=_("A number from 0 to the event's maximum, two decimal places at most."),
            example=85.5,
        ),
        "award": TemplateColumn(
            header="",
            required=False,
            hint=_("The prize, or blank (无) for none."),
            example=awards[0],
            choices=awards,
        ),
    }
    return [replace(columns[name], header=header) for header, name in HEADERS.items()]

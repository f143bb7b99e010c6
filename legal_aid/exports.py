"""导出案件: the case list as an Excel workbook, written by a background job.

What a legal-aid officer works from: the reference, kind, status and dates, the respondent
and its union, the matter, the workers and money at stake, who handles it, and who brought
it (names, ID numbers masked: the file never holds one in full). Not the facts or the
outcome: those stay in the case file, whose every opening is logged.

The list page's filters travel with the job (none of them is personal); the handler
scopes the cases to the job's owner, as the list does.
"""

from django.utils.translation import gettext as _

from yuyang_union.database.routers import reads_from_replica
from yuyang_union.excel.cells import escape_formula
from yuyang_union.excel.exporting import CHUNK, dated_filename, stream_workbook
from yuyang_union.jobs.running import JobFailed
from yuyang_union.jobs.services import start_job
from yuyang_union.scoping import scope_queryset

from .forms import CaseFilterForm
from .models import Case, CaseApplicant
from .services import VIEW_CASE_FILE

EXPORT_JOB = "legal_aid.case_export"
CASE_SCOPE = "respondent__union"
FILTER_FIELDS = tuple(CaseFilterForm.base_fields)
# The columns that are the case's own fields, headed by their (translated) names.
CASE_FIELDS = ("reference", "kind", "status", "received_on", "accepted_on", "due_on")


def start_case_export(*, actor, filters):
    """Queue the export of the cases the list shows with `filters` (its GET parameters);
    the caller has checked the right to case files."""
    kept = {name: str(filters.get(name, "")) for name in FILTER_FIELDS if filters.get(name)}
    return start_job(
        actor=actor, kind=EXPORT_JOB, label=_("Export of cases"), params={"filters": kept}
    )


def filtered_cases(owner, filters):
    """The cases of the owner's subtree that the list shows with `filters`."""
    cases = scope_queryset(Case.objects.all(), owner, CASE_SCOPE)
    if filters:
        cases = CaseFilterForm(filters).filter(cases)
    return cases


@reads_from_replica
def export_cases(job, run):
    """Handler of `legal_aid.case_export`."""
    owner = job.owner
    if not owner.has_perm(VIEW_CASE_FILE):
        raise JobFailed(_("You may no longer open case files."))
    cases = (
        filtered_cases(owner, job.params.get("filters") or {})
        .select_related("respondent__union", "lawyer__firm", "assigned_staff")
        .defer("facts", "outcome")
        .prefetch_related("applicants__member")
        .order_by("-received_on", "-id")
    )
    count = stream_workbook(
        run,
        filename=dated_filename(_("Cases")),
        sheet_title=_("Cases"),
        header=case_header(),
        rows=(case_row(case) for case in cases.iterator(chunk_size=CHUNK)),
        total=cases.count(),
        # Applicants' ID numbers, even masked: the file is kept encrypted.
        personal=True,
        widths=(18, 12, 10, 12, 12, 12, 12, 30, 24, 14, 10, 24, 40, 14, 14, 12, 20),
    )
    run.message = _("Exported %(count)d cases.") % {"count": count}


def case_header():
    field = Case._meta.get_field
    return [
        *(str(field(name).verbose_name) for name in CASE_FIELDS),
        str(field("concluded_on").verbose_name),
        str(field("respondent").verbose_name),
        _("Respondent's union"),
        str(field("matter").verbose_name),
        str(field("workers_involved").verbose_name),
        _("Applicants"),
        _("Applicants' ID numbers (masked)"),
        str(field("amount_claimed").verbose_name),
        str(field("amount_recovered").verbose_name),
        str(field("assigned_staff").verbose_name),
        str(field("lawyer").verbose_name),
    ]


def case_row(case):
    applicants: list[CaseApplicant] = list(case.applicants.all())  # prefetched
    staff = case.assigned_staff
    respondent = case.respondent
    return [
        case.reference,
        str(case.get_kind_display()),
        str(case.get_status_display()),
        case.received_on,
        case.accepted_on,
        case.due_on,
        case.concluded_on,
        escape_formula(case.respondent_display),
        escape_formula(respondent.union.name) if respondent and respondent.union_id else "",
        str(case.get_matter_display()),
        case.workers_involved,
        escape_formula("、".join(a.display_name for a in applicants)),
        "、".join(a.id_number_masked for a in applicants if a.id_number_plain),
        case.amount_claimed,
        case.amount_recovered,
        escape_formula((staff.get_full_name() or staff.get_username()) if staff else ""),
        escape_formula(str(case.lawyer)) if case.lawyer_id else "",
    ]

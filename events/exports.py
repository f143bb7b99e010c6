"""The registration list of an event as an Excel workbook, written by a background job.

The staff page (and the admin's action on selected registrations) start the job with
`start_registrations_export`; `export_registrations` (registered in `events.tasks`) writes
the rows as they are read, as its owner may see them: their subtree, numbers masked unless
the export asked for them in full with a purpose and the owner still may see them (every
number so written is logged, a batch at a time).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yuyang_union.database.routers import reads_from_replica
from yuyang_union.excel.cells import escape_formula
from yuyang_union.excel.exporting import CHUNK, dated_filename, stream_workbook
from yuyang_union.jobs.running import JobFailed
from yuyang_union.jobs.services import start_job
from yuyang_union.personal_data.access_log import BatchedAccessLog
from yuyang_union.personal_data.masking import can_view_identifiers, shown_identifier
from yuyang_union.scoping import scope_queryset

from .models import Event, Registration

EXPORT_JOB = "events.registrations_export"
EXPORT_PERMISSION = "events.view_registration"
SCOPE_FIELD = "event__organiser"


def excel_text(value):
    """A cell value that Excel will never run as a formula (CSV/formula injection)."""
    return escape_formula("" if value is None else str(value))


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def start_registrations_export(*, actor, event=None, ids=None, full_reason=""):
    """Queue the export of one event's registrations (or of the registrations `ids`); the
    caller has checked the right, and the right to numbers in full when `full_reason`."""
    label = _("Registrations: %(event)s") % {"event": event.title} if event else _("Registrations")
    return start_job(
        actor=actor,
        kind=EXPORT_JOB,
        label=label,
        params={
            "event": event.pk if event else None,
            "ids": list(ids) if ids is not None else None,
            "full_reason": full_reason,
        },
    )


@reads_from_replica
def export_registrations(job, run):
    """Handler of `events.registrations_export`."""
    owner, params = job.owner, job.params
    if not owner.has_perm(EXPORT_PERMISSION):
        raise JobFailed(_("You may no longer export these registrations."))
    registrations = scope_queryset(Registration.objects.all(), owner, SCOPE_FIELD)
    event = None
    preamble = []
    if params.get("event") is not None:
        event = scope_queryset(Event.objects.all(), owner, "organiser").filter(pk=params["event"])
        event = event.first()
        if event is None:
            raise JobFailed(_("This event is no longer yours to export."))
        registrations = registrations.filter(event=event)
        preamble = [[excel_text(event.title), local(event.starts_at), excel_text(event.place)]]
    if params.get("ids") is not None:
        registrations = registrations.filter(pk__in=params["ids"])
    full_reason = params.get("full_reason", "") if can_view_identifiers(owner) else ""
    shown = ["member__name", "member__id_number", "member__phone", "member__union__name"]
    registrations = (
        registrations.select_related("member", "member__union")
        .only("status", "queued_at", "attended_at", *shown)
        .order_by("event", "status", "queued_at", "id")
    )
    # One transaction: a cancelled or failed export leaves no access log behind.
    with transaction.atomic():
        count = stream_workbook(
            run,
            filename=dated_filename(_("Registrations")),
            sheet_title=_("Registrations"),
            preamble=preamble,
            header=[
                _("Name"),
                _("ID number"),
                _("Mobile phone"),
                _("Union"),
                _("Status"),
                _("Signed up at"),
                _("Checked in at"),
            ],
            rows=_rows(owner, registrations, full_reason),
            total=registrations.count(),
            personal=True,
        )
    run.message = _("Exported %(count)d registrations.") % {"count": count}


def _rows(owner, registrations, full_reason):
    show = bool(full_reason)
    log = BatchedAccessLog(owner, ["id_number", "phone"], reason=full_reason, batch=CHUNK)
    for registration in registrations.iterator(chunk_size=CHUNK):
        member = registration.member
        log.add(member)
        yield [
            excel_text(member.name),
            shown_identifier(member.id_number, in_full=show),
            shown_identifier(member.phone, in_full=show, kind="phone"),
            excel_text(member.union.name),
            str(registration.get_status_display()),
            local(registration.queued_at),
            local(registration.attended_at),
        ]
    log.flush()

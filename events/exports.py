"""The registration list of an event as an Excel workbook (openpyxl, write-only)."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from yuyang_union.excel.cells import escape_formula
from yuyang_union.personal_data.access_log import log_identifier_access
from yuyang_union.personal_data.masking import shown_identifier
from yuyang_union.personal_data.models import AccessChannel


def excel_text(value):
    """A cell value that Excel will never run as a formula (CSV/formula injection)."""
    return escape_formula("" if value is None else str(value))


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def registrations_export(*, user, event, registrations, full_reason=""):
    """The workbook: identifiers masked, or in full (and logged) when `full_reason` gives the
    purpose of a full export (the view checks the right)."""
    registrations = list(registrations)
    show = bool(full_reason)
    if show:
        log_identifier_access(
            user,
            [r.member for r in registrations],
            ["id_number", "phone"],
            AccessChannel.EXPORT,
            reason=full_reason,
        )
    return registrations_workbook(event=event, registrations=registrations, show_identifiers=show)


def registrations_workbook(*, event, registrations, show_identifiers):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Registrations")[:31])
    sheet.append([excel_text(event.title), local(event.starts_at), excel_text(event.place)])
    sheet.append(
        [
            _("Name"),
            _("ID number"),
            _("Mobile phone"),
            _("Union"),
            _("Status"),
            _("Signed up at"),
            _("Checked in at"),
        ]
    )
    for registration in registrations:
        member = registration.member
        sheet.append(
            [
                excel_text(member.name),
                shown_identifier(member.id_number, in_full=show_identifiers),
                shown_identifier(member.phone, in_full=show_identifiers, kind="phone"),
                excel_text(member.union.name),
                str(registration.get_status_display()),
                local(registration.queued_at),
                local(registration.attended_at),
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

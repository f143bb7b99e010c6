"""The registration list of an event as an Excel workbook (openpyxl, write-only)."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from members.masking import mask_id_number, mask_phone

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def excel_text(value):
    """A cell value that Excel will never run as a formula (CSV/formula injection)."""
    value = "" if value is None else str(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


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
                member.id_number if show_identifiers else mask_id_number(member.id_number),
                member.phone if show_identifiers else mask_phone(member.phone),
                excel_text(member.union.name),
                str(registration.get_status_display()),
                local(registration.queued_at),
                local(registration.attended_at),
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

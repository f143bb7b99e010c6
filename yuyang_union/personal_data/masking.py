"""How personal identifiers look on every page: masked, never rebuildable from their neighbours."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext

from yuyang_union.users import Visitor

VIEW_IDENTIFIERS_PERMISSION = "personal_data.view_personal_identifiers"
EXPORT_PERSONAL_DATA = "personal_data.export_personal_data"


def mask_id_number(number: str | None) -> str:
    """500242********123X: region and last four, the birth date hidden."""
    if not number:
        return ""
    return f"{number[:6]}{'*' * (len(number) - 10)}{number[-4:]}"


def mask_phone(phone: str | None) -> str:
    """138****5678."""
    if not phone:
        return ""
    return f"{phone[:3]}****{phone[-4:]}" if len(phone) >= 8 else "*" * len(phone)


def mask_name(name: str | None) -> str:
    """张*明 / 李* : what a public notice shows of a name."""
    if not name:
        return ""
    if len(name) <= 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def can_view_identifiers(user: Visitor | None) -> bool:
    return bool(user and user.is_active and user.has_perm(VIEW_IDENTIFIERS_PERMISSION))


def mask_identifier(value: str | None) -> str | None:
    """Masks an ID number or a phone, whichever `value` is: auditlog's mask_callable.

    History entries are written once and shown to everyone who may read the history, so they
    are always masked (`auditlog.register(..., mask_fields=[...],
    mask_callable="yuyang_union.personal_data.masking.mask_identifier")`).
    """
    if not value or value == "None":
        return value
    return mask_id_number(value) if len(value) > 13 else mask_phone(value)


def shown_identifier(value: str | None, *, in_full: bool, kind: str = "id_number") -> str | None:
    """An ID number (or a phone, `kind="phone"`) in full when `in_full`, masked otherwise.

    For exports that decide once (a full export, asked for with a purpose) and log it.
    """
    if in_full:
        return value
    return mask_phone(value) if kind == "phone" else mask_id_number(value)


def age_band(birth_date: datetime.date | None, today: datetime.date | None = None) -> str:
    """A ten-year band ("30–39岁") in place of a birth date or an exact age.

    An 18-digit ID number's hidden middle is the birth date: with the date, or an exact age,
    beside the masked number, the few remaining candidates are one check digit away.
    """
    if birth_date is None:
        return ""
    today = today or timezone.localdate()
    age = (
        today.year
        - birth_date.year
        - ((today.month, today.day) < (birth_date.month, birth_date.day))
    )
    if age < 20:
        return gettext("under 20")
    if age >= 60:
        return gettext("60 and over")
    low = age // 10 * 10
    return gettext("%(low)d–%(high)d") % {"low": low, "high": low + 9}

"""How personal identifiers look to users who may not see them in full."""

VIEW_IDENTIFIERS_PERMISSION = "members.view_personal_identifiers"


def mask_id_number(number):
    """500242********123X: region and last four, the birth date hidden."""
    if not number:
        return ""
    return f"{number[:6]}{'*' * (len(number) - 10)}{number[-4:]}"


def mask_phone(phone):
    """138****5678."""
    if not phone:
        return ""
    return f"{phone[:3]}****{phone[-4:]}" if len(phone) >= 8 else "*" * len(phone)


def mask_name(name):
    """张*明 / 李* : what a public notice shows of a name."""
    if not name:
        return ""
    if len(name) <= 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def can_view_identifiers(user):
    return bool(user and user.is_active and user.has_perm(VIEW_IDENTIFIERS_PERMISSION))

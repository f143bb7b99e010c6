"""Check digits of Chinese identifiers: resident ID numbers (GB 11643), unified social credit
codes (GB 32100) and mainland mobile numbers."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"
ID_PATTERN = re.compile(r"^\d{17}[\dX]$")
# Province-level codes of the mainland, plus 81/82/83: residence permits of Hong Kong, Macao
# and Taiwan residents, which follow the same layout and check digit.
ID_PROVINCE_CODES = frozenset(
    ("11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
     "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
     "65", "71", "81", "82", "83")
)  # fmt: skip

CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
CREDIT_CODE_PATTERN = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")

MOBILE_PATTERN = re.compile(r"^1[3-9]\d{9}$")

# What looks like an ID number or a mobile number (valid or not), in a search box or in free
# text that must not hold one in the clear.
ID_NUMBER_LIKE = re.compile(r"^\d{17}[\dXx]$")
MOBILE_LIKE = re.compile(r"^1\d{10}$")


def normalize_id_number(value: object) -> str:
    """Strip blanks and make a trailing x upper case; anything else is left for validation."""
    return "".join(str(value).split()).upper()


def id_check_char(first17: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11]


def id_birth_date(number: str) -> datetime.date | None:
    """The birth date written in an 18-character ID number, or None when it is no real date."""
    try:
        return datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def id_sex(number: str) -> str:
    """'M' or 'F' from the 17th digit (odd: male)."""
    return "M" if int(number[16]) % 2 else "F"


def validate_id_number(value: object) -> None:
    number = normalize_id_number(value)
    if len(number) != 18:
        raise ValidationError(
            _("An ID number has 18 characters; this one has %(count)d."),
            code="id_length",
            params={"count": len(number)},
        )
    if not ID_PATTERN.match(number):
        raise ValidationError(
            _("An ID number is 17 digits followed by a digit or X."), code="id_format"
        )
    if number[:2] not in ID_PROVINCE_CODES:
        raise ValidationError(
            _("The ID number starts with an unknown region code."), code="id_region"
        )
    birth = id_birth_date(number)
    if birth is None or birth.year < 1900:
        raise ValidationError(_("The ID number holds no real birth date."), code="id_birth_date")
    if birth > timezone.localdate():
        raise ValidationError(
            _("The birth date in the ID number is in the future."), code="id_future"
        )
    if id_check_char(number[:17]) != number[17]:
        raise ValidationError(
            _("The ID number's check digit is wrong: please check every digit."), code="id_checksum"
        )


def credit_code_check_char(first17: str) -> str:
    total = sum(
        CREDIT_CODE_CHARS.index(char) * weight
        for char, weight in zip(first17, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_CHARS[(31 - total % 31) % 31]


def normalize_credit_code(value: object) -> str:
    return "".join(str(value).split()).upper()


def validate_credit_code(value: object) -> None:
    code = normalize_credit_code(value)
    if len(code) != 18 or not CREDIT_CODE_PATTERN.match(code):
        raise ValidationError(
            _(
                "A unified social credit code has 18 digits and capital letters "
                "(no I, O, S, V or Z)."
            ),
            code="credit_code_format",
        )
    if credit_code_check_char(code[:17]) != code[17]:
        raise ValidationError(
            _("The credit code's check character is wrong: please check every character."),
            code="credit_code_checksum",
        )


def normalize_phone(value: object) -> str:
    digits = re.sub(r"[\s-]", "", str(value))
    return digits.removeprefix("+86")


def identifier_kind(text: object) -> str | None:
    """ "id_number" or "phone" when `text` looks like one (valid or not, blanks forgiven), else
    None: for search boxes, which find people by a whole number or else by name."""
    compact = "".join(str(text).split())
    if ID_NUMBER_LIKE.match(compact):
        return "id_number"
    if MOBILE_LIKE.match(normalize_phone(compact)):
        return "phone"
    return None


def validate_mobile(value: object) -> None:
    if not MOBILE_PATTERN.match(normalize_phone(value)):
        raise ValidationError(
            _("Enter an 11-digit mainland mobile number starting with 1."), code="mobile"
        )

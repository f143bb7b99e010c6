"""Members sign in with their mobile number as well as their login name.

The phone is never stored with the account: `auth_user` holds the login name only, and the
number is found on the member roster by its keyed digest (`Member.phone_digest`), never in the
clear. `MemberPhoneBackend` comes after axes' backend in AUTHENTICATION_BACKENDS, so lockouts
apply to phone logins too, and `axes_username` (AXES_USERNAME_CALLABLE) gives axes the account's
login name, or a stand-in built from the digest, so that no phone number in the clear ever lands
in axes' tables or logs.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from yuyang_union.personal_data.crypto import digest_phone
from yuyang_union.users import Actor
from yuyang_union.validators import MOBILE_PATTERN, normalize_phone

from .models import Member

# What axes records for a phone that matches no single account: a label and the beginning of
# the keyed digest (it tells attempts on one number apart and cannot be turned back into it).
PHONE_STAND_IN = "手机号#{}"
PHONE_STAND_IN_DIGITS = 12


def typed_phone(login: object) -> str | None:
    """The mobile number a login box holds (blanks, dashes and +86 forgiven), or None when
    what was typed is not an 11-digit mainland mobile number (then it is a login name)."""
    if not isinstance(login, str):
        return None
    phone = normalize_phone(login.strip())
    return phone if MOBILE_PATTERN.match(phone) else None


def accounts_with_phone(phone: str) -> list[Actor]:
    """The active logins of the members with this phone on the roster (at most two: one is the
    answer, two mean the number is ambiguous)."""
    User = get_user_model()
    return list(
        User.objects.filter(
            is_active=True, member__in=Member.objects.with_phone(phone).values("pk")
        ).order_by("pk")[:2]
    )


def account_for_phone(phone: str) -> Actor | None:
    """The one active login of the member with this phone; None when none or several."""
    accounts = accounts_with_phone(phone)
    return accounts[0] if len(accounts) == 1 else None


class MemberPhoneBackend(ModelBackend):
    """Signs a member in by the mobile number on the roster and their password.

    A login that is not a mobile number is left to ModelBackend (login names). A number that
    two accounts share signs nobody in: the member uses their login name instead.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Actor | None:
        phone = typed_phone(username)
        if phone is None or password is None:
            return None
        user = account_for_phone(phone)
        if user is None:
            # As long as a real check takes, so that timing does not tell numbers apart.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def axes_username(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str | None:
    """AXES_USERNAME_CALLABLE: the login name axes records for an attempt.

    A login name is kept as typed. A mobile number becomes the login name of its one account,
    so that failures by phone and by name count together, or else a stand-in built from the
    number's keyed digest: the number itself is never recorded.
    """
    typed = None
    if credentials:
        typed = credentials.get("username")
    elif request is not None:
        typed = request.POST.get("username")
    if typed is None:
        return None
    phone = typed_phone(typed)
    if phone is None:
        return str(typed)
    user = account_for_phone(phone)
    if user is not None:
        return user.get_username()
    return PHONE_STAND_IN.format((digest_phone(phone) or "")[:PHONE_STAND_IN_DIGITS])

"""The second sign-in factor of staff accounts, on django-otp: an authenticator app (TOTP) and
ten one-time recovery codes.

A staff account is signed in only when both factors passed: the password (Django's login)
and then a code from one of its confirmed devices (`django_otp.login`, which the OTP
middleware reads back as `user.is_verified()`). Members have no second factor.
"""

import io
import secrets
from base64 import b32encode
from dataclasses import dataclass
from datetime import datetime, timedelta

import qrcode
import qrcode.image.svg
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from yuyang_union.history.actions import log_action
from yuyang_union.users import Actor

from . import reauth, verbs

RECOVERY_CODE_COUNT = 10
TOTP_DIGITS = 6  # django-otp's default for TOTPDevice.digits
# Device names are the user's to read in the admin: plain words, not codes.
AUTHENTICATOR_NAME = "验证器应用"
RECOVERY_CODES_NAME = "恢复码"
# A recovery code is 8 letters of base32; shown in two groups of four.
RECOVERY_CODE_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"

WRONG_CODE = _("The code is wrong or has expired. Check the time on your phone and try again.")


def is_enrolled(user: Actor) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user: Actor) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def begin_enrolment(*, user: Actor) -> TOTPDevice:
    """The authenticator being set up: the same one across reloads of the page, so that the
    QR code the user scanned stays the one that is confirmed."""
    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


def qr_code_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// address as an inline SVG QR code, drawn here: the secret never
    leaves the server for a QR service."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    out = io.BytesIO()
    image.save(out)
    # Inline in the page: the XML declaration has no place in HTML.
    svg = out.getvalue().decode()
    return svg[svg.index("<svg") :]


def secret_for_typing(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for apps that cannot scan."""
    return key_for_typing(device.bin_key)


def key_for_typing(key: bytes) -> str:
    text = b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@dataclass(frozen=True)
class Enrolled:
    device: TOTPDevice
    recovery_codes: list[str]


def confirm_enrolment(*, request: HttpRequest, user: Actor, token: str) -> Enrolled:
    """Confirm the authenticator being set up with a code it shows, make the recovery codes,
    and count this session as verified. Raises ValidationError for a wrong code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        raise ValidationError(WRONG_CODE, code="no_device")
    # verify_token counts a failure towards the device's throttling in its own transaction.
    if verify_token(user, device.persistent_id, _normalise(token)) is None:
        raise ValidationError(WRONG_CODE, code="wrong")
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        # Any authenticator confirmed earlier (a second tab) gives way to this one.
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_recovery_codes(user)
        log_action(actor=user, verb=verbs.SECOND_FACTOR_ENROLLED, obj=user)
    _sign_in(request, device)
    return Enrolled(device=device, recovery_codes=codes)


def verify(*, request: HttpRequest, user: Actor, token: str) -> Device:
    """Check a code from the authenticator or a recovery code; on success the session counts
    as verified. Raises ValidationError for a wrong, used or throttled code."""
    token = _normalise(token)
    devices: list[Device] = list(TOTPDevice.objects.devices_for_user(user, confirmed=True))
    devices += list(StaticDevice.objects.devices_for_user(user, confirmed=True))
    for device in devices:
        # A six-digit code is the app's; anything else may be a recovery code (eight
        # characters, which may happen to be all digits).
        is_app_code = len(token) == TOTP_DIGITS and token.isdigit()
        if isinstance(device, TOTPDevice) != is_app_code:
            continue
        verified = verify_token(user, device.persistent_id, token)
        if verified is not None:
            if isinstance(verified, StaticDevice):
                log_action(
                    actor=user,
                    verb=verbs.RECOVERY_CODE_USED,
                    obj=user,
                    data={"left": recovery_codes_left(user)},
                )
            _sign_in(request, verified)
            return verified
    raise ValidationError(WRONG_CODE, code="wrong")


@transaction.atomic
def renew_recovery_codes(*, actor: Actor) -> list[str]:
    """Ten new recovery codes for the actor's own account; the old ones stop working."""
    codes = _new_recovery_codes(actor)
    log_action(actor=actor, verb=verbs.RECOVERY_CODES_RENEWED, obj=actor)
    return codes


@transaction.atomic
def reset_devices(*, actor: Actor, user: Actor) -> int:
    """An administrator removes a user's authenticator and recovery codes (a lost phone).

    The user's verified sessions lose their device and so their verification: the next
    page asks them to set up an authenticator again. Returns how many devices went.
    """
    if not actor.has_perm("auth.change_user"):
        raise ValidationError(_("You may not change users."), code="permission")
    removed = 0
    for model in (TOTPDevice, StaticDevice):
        # delete() counts the recovery codes too: the devices are what the log tells.
        _count, by_model = model.objects.filter(user=user).delete()
        removed += by_model.get(model._meta.label, 0)
    log_action(actor=actor, verb=verbs.SECOND_FACTOR_RESET, obj=user, data={"devices": removed})
    return removed


def format_recovery_code(code: str) -> str:
    return f"{code[:4]} {code[4:]}"


def _new_recovery_codes(user: Actor) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_CODES_NAME, confirmed=True)
    codes = [
        "".join(secrets.choice(RECOVERY_CODE_ALPHABET) for _ in range(8))
        for _ in range(RECOVERY_CODE_COUNT)
    ]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def _normalise(token: str) -> str:
    return "".join(token.split()).replace("-", "").lower()


def _sign_in(request: HttpRequest, device: Device) -> None:
    otp_login(request, device)
    reauth.mark_checked(request)


# An authenticator set up but never confirmed holds a key nobody uses: after this long the
# set-up starts again with a new one.
ABANDONED_ENROLMENT_AGE = timedelta(days=1)


def purge_abandoned_enrolments(*, now: datetime | None = None) -> int:
    """Delete the unconfirmed authenticators older than ABANDONED_ENROLMENT_AGE (a set-up
    left half-way); returns how many. Confirmed devices and recovery codes stay: they die
    only when used, renewed or reset."""
    cutoff = (now or timezone.now()) - ABANDONED_ENROLMENT_AGE
    removed, _ = TOTPDevice.objects.filter(confirmed=False, created_at__lt=cutoff).delete()
    return removed

"""The demo staff logins' second factor (development only: `make run`'s demo data).

Each demo staff login has an authenticator whose key comes from the local .env's DEMO_PASSWORD,
so it stays the same across restarts: `make otp LOGIN=zuzhi` prints the code it shows now, or
the key printed by `make run` goes into any authenticator app.
"""

import hashlib
import time

from django.conf import settings
from django.core.management.base import CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from yuyang_union.users import Actor

from .second_factor import AUTHENTICATOR_NAME, key_for_typing


def demo_key(username: str) -> str:
    if not settings.DEMO_PASSWORD:
        raise CommandError("DEMO_PASSWORD is not set (make run writes it to .env).")
    seed = f"{settings.DEMO_PASSWORD}:second-factor:{username}".encode()
    return hashlib.sha256(seed).digest()[:20].hex()


def give_demo_authenticator(user: Actor) -> TOTPDevice:
    device, _created = TOTPDevice.objects.update_or_create(
        user=user,
        name=AUTHENTICATOR_NAME,
        defaults={"key": demo_key(user.get_username()), "confirmed": True},
    )
    return device


def demo_authenticator(username: str) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
    if device is None or device.key != demo_key(username):
        raise CommandError(f"{username} is not a demo login with the demo authenticator.")
    return device


def demo_secret(username: str) -> str:
    """The demo key as typed into an authenticator app (worked out, not read from the database)."""
    return key_for_typing(bytes.fromhex(demo_key(username)))


def code_at(device: TOTPDevice, moment: float) -> str:
    """The code an authenticator app with the device's key shows at `moment` (Unix time)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = moment
    return f"{totp.token():0{device.digits}d}"


def demo_code(username: str) -> tuple[str, int]:
    """The code the demo authenticator shows now, and the seconds it stays valid."""
    device = demo_authenticator(username)
    now = time.time()
    return code_at(device, now), int(device.step - (now - device.t0) % device.step)

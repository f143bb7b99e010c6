"""Signing in tests as staff: the one helper that gives a session its second factor.

Staff pages refuse a session that passed only the password (yuyang_union.accounts), so every
staff login in the tests goes through `verify_session`: the user gets a confirmed authenticator
(made once) and the session counts as verified and freshly checked. The `client` and
`admin_client` fixtures (tests/conftest.py) are VerifiedClients; a test that wants a session with
the password alone uses Django's plain `Client`.
"""

import time

from django.contrib.auth.models import User
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from yuyang_union.accounts.demo import code_at
from yuyang_union.accounts.reauth import CHECKED_AT
from yuyang_union.accounts.verification import needs_second_factor

# The password every factory-made user has (tests/members/factories.py UserFactory).
PASSWORD = "correct horse battery staple"


def authenticator_of(user: User) -> TOTPDevice:
    """The user's confirmed authenticator, set up now if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="测试验证器", confirmed=True)
    return device


def current_code(device: TOTPDevice) -> str:
    """A code the server accepts now: the app's current one, or, when that was used already
    (two sign-ins within 30 s), the next one, which the server's tolerance of one step takes."""
    device.refresh_from_db()
    now = time.time()
    step_now = (int(now) - device.t0) // device.step + device.drift
    if step_now <= device.last_t:
        now += (device.last_t - step_now + 1) * device.step
    return code_at(device, now)


def verify_session(client: Client, user: User) -> None:
    """Mark the client's session as having passed the user's second factor just now."""
    if not needs_second_factor(user):
        return
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = authenticator_of(user).persistent_id
    session[CHECKED_AT] = int(time.time())
    session.save()


class VerifiedClient(Client):
    """force_login(user) signs a staff user in with both factors."""

    def force_login(self, user: User, backend: str | None = None) -> None:
        super().force_login(user, backend)
        verify_session(self, user)

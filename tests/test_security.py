"""Access to staff pages and the admin, login lockout, CSRF, session lifetime, headers."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from axes.utils import reset as reset_axes
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.utils import timezone

from tests.members.factories import UserFactory
from yuyang_union import middleware, roles

PASSWORD = "correct horse battery staple"  # UserFactory's password
LOGIN = "/accounts/login/"


@pytest.fixture(autouse=True)
def _fresh_axes(db):
    """Lockout state must not leak between tests (axes keeps attempts in the database)."""
    reset_axes()
    yield
    reset_axes()


def attempt_login(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def logged_in(client):
    return SESSION_KEY in client.session


# --- Who may open the staff pages and the admin ------------------------------------------


@pytest.mark.parametrize(
    ("path", "login_url"),
    [("/staff/", "/accounts/login/?next=/staff/"), ("/admin/", "/admin/login/?next=/admin/")],
)
def test_anonymous_user_is_sent_to_the_login_page(client, path, login_url):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == login_url


def test_member_without_staff_role_is_refused_the_staff_home(client, member_user):
    client.force_login(member_user)
    response = client.get("/staff/")
    assert response.status_code == 403
    assert "无权访问" in response.content.decode()


def test_member_without_staff_flag_cannot_use_the_admin(client, member_user):
    client.force_login(member_user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("role", roles.ALL_ROLES)
def test_every_staff_role_opens_the_staff_home(client, make_staff, role):
    client.force_login(make_staff(role))
    response = client.get("/staff/")
    assert response.status_code == 200
    assert "工作台" in response.content.decode()


def test_inactive_staff_user_cannot_sign_in(client, make_staff):
    staff = make_staff(roles.ORGANISATION, is_active=False)
    response = attempt_login(client, staff.username, PASSWORD)
    assert response.status_code == 200
    assert not logged_in(client)


def test_admin_is_branded_for_the_federation(admin_client):
    response = admin_client.get("/admin/")
    assert "酉阳县总工会 工作平台" in response.content.decode()


def test_admin_signs_in_through_the_portal_login(client):
    # One way in for everyone, with its second step: the admin's own login page redirects.
    response = client.get("/admin/login/?next=/admin/members/member/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Fmembers%2Fmember%2F"


def test_password_change_needs_a_login(client):
    response = client.get("/accounts/password/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_weak_new_password_is_refused(client, member_user):
    client.force_login(member_user)
    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200  # the form again, with errors at the field
    member_user.refresh_from_db()
    assert member_user.check_password(PASSWORD)
    assert "密码太短：至少需要 10 个字符" in response.content.decode()


def test_logout_needs_a_post(client, member_user):
    client.force_login(member_user)
    assert client.get("/accounts/logout/").status_code == 405
    assert logged_in(client)
    client.post("/accounts/logout/")
    assert not logged_in(client)


# --- Login lockout (django-axes) ------------------------------------------------------------


def test_login_page_signs_in_with_the_right_password(client, make_staff):
    staff = make_staff(roles.WELFARE)
    response = attempt_login(client, staff.username, PASSWORD)
    assert response.status_code == 302
    assert logged_in(client)
    assert AccessLog.objects.filter(username=staff.username).exists()


def test_repeated_failures_lock_the_account_even_for_the_right_password(client, settings):
    user = UserFactory()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        response = attempt_login(client, user.username, "wrong password")
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()

    response = attempt_login(client, user.username, PASSWORD)
    assert response.status_code == 429
    assert not logged_in(client)
    # Every failed attempt is logged.
    assert AccessFailureLog.objects.filter(username=user.username).count() >= 5


def test_failures_below_the_limit_do_not_lock(client, settings):
    user = UserFactory()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt_login(client, user.username, "wrong password").status_code == 200
    assert attempt_login(client, user.username, PASSWORD).status_code == 302
    assert logged_in(client)


def test_lockout_ends_after_the_cool_off(client, settings):
    user = UserFactory()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        attempt_login(client, user.username, "wrong password")
    assert attempt_login(client, user.username, PASSWORD).status_code == 429

    long_ago = timezone.now() - settings.AXES_COOLOFF_TIME - timezone.timedelta(minutes=1)
    AccessAttempt.objects.filter(username=user.username).update(attempt_time=long_ago)
    assert attempt_login(client, user.username, PASSWORD).status_code == 302


# --- CSRF -----------------------------------------------------------------------------------


def test_login_without_csrf_token_is_refused():
    user = UserFactory()
    client = Client(enforce_csrf_checks=True)
    response = attempt_login(client, user.username, PASSWORD)
    assert response.status_code == 403
    assert not logged_in(client)


def test_login_with_csrf_token_from_the_form_succeeds():
    user = UserFactory()
    client = Client(enforce_csrf_checks=True)
    client.get(LOGIN)
    token = client.cookies["csrftoken"].value
    response = client.post(
        LOGIN, {"username": user.username, "password": PASSWORD, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert logged_in(client)


# --- Session lifetime (yuyang_union.middleware) ---------------------------------------------


class Clock:
    def __init__(self, now):
        self.now = now

    def time(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = Clock(1_800_000_000.0)
    monkeypatch.setattr(middleware, "time", fake)
    return fake


def test_session_survives_activity_within_the_idle_timeout(client, make_staff, clock, settings):
    client.force_login(make_staff(roles.LEGAL))
    assert client.get("/staff/").status_code == 200
    clock.now += settings.SESSION_IDLE_TIMEOUT - 10
    assert client.get("/staff/").status_code == 200
    assert logged_in(client)


def test_idle_session_is_logged_out(client, make_staff, clock, settings):
    client.force_login(make_staff(roles.LEGAL))
    assert client.get("/staff/").status_code == 200
    clock.now += settings.SESSION_IDLE_TIMEOUT + 1
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert not logged_in(client)


def test_session_ends_at_its_maximum_age_despite_activity(client, make_staff, clock, settings):
    client.force_login(make_staff(roles.LEGAL))
    assert client.get("/staff/").status_code == 200
    step = settings.SESSION_IDLE_TIMEOUT // 2
    started = clock.now
    while clock.now - started + step <= settings.SESSION_COOKIE_AGE:
        clock.now += step
        assert client.get("/staff/").status_code == 200
    clock.now = started + settings.SESSION_COOKIE_AGE + 1
    response = client.get("/staff/")
    assert response.status_code == 302
    assert not logged_in(client)


# --- Health check -------------------------------------------------------------------------


def test_healthz_answers_ok_after_a_database_round_trip(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_without_a_database(client, monkeypatch):
    from django.db import OperationalError

    from yuyang_union import views

    class DeadConnection:
        def cursor(self):
            raise OperationalError("could not connect to server")

    monkeypatch.setattr(views, "connection", DeadConnection())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert b"could not connect" not in response.content  # no internals in the answer


# --- Response headers ---------------------------------------------------------------------


def csp_directives(response):
    policy = response["Content-Security-Policy"]
    directives = {}
    for part in policy.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize("path", ["/", LOGIN, "/admin/login/"])
def test_responses_carry_a_strict_content_security_policy(client, path):
    directives = csp_directives(client.get(path))
    assert directives["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]


def test_site_pages_have_no_inline_script_or_style(client, make_staff):
    client.force_login(make_staff(roles.ADMINISTRATORS))
    for path in ["/", LOGIN, "/staff/", "/accounts/password/"]:
        html = client.get(path).content.decode()
        assert "<script>" not in html, path
        assert " style=" not in html, path
        assert " onclick=" not in html, path


def test_responses_carry_the_other_security_headers(client):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_no_hsts_over_plain_http(client):
    assert "Strict-Transport-Security" not in client.get("/")


def test_hsts_over_https_when_https_is_on(client, settings):
    # What settings.py sets with HTTPS=on (tests/test_settings.py checks that mapping).
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")


def test_https_redirect_spares_the_health_check(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/").status_code == 301
    assert client.get("/healthz").status_code == 200

"""Production settings: `check --deploy` is clean, HTTPS switches, no secret key default."""

import json
import re
import secrets
import string

import pytest

from tests.processes import ROOT, run_python

# A production environment: what a deployment's environment file sets (see .env.example).
PRODUCTION = {
    "DEBUG": "off",
    "SECRET_KEY": "".join(
        secrets.choice(string.ascii_letters + string.digits + "!@#%^&*(-_=+)") for _ in range(60)
    ),
    "HTTPS": "on",
    "ALLOWED_HOSTS": "portal.example.cn",
    "PERSONAL_DATA_KEY": "x",
}


def settings_as_seen_with(env_overrides, names):
    code = (
        "import json, django; from django.conf import settings; django.setup();"
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}, default=str))"
    )
    result = run_python(["-c", code], env_overrides)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_deploy_check_is_clean_with_production_settings(settings):
    # The key the development database holds its identifiers under (checked: see below).
    production = {**PRODUCTION, "PERSONAL_DATA_KEY": settings.PERSONAL_DATA_KEY}
    result = run_python(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_fails_on_a_personal_data_key_that_is_not_the_datas():
    result = run_python(["manage.py", "check"], PRODUCTION)
    assert result.returncode != 0
    assert "personal_data.E001" in result.stderr


HTTPS_SETTINGS = [
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
]


def test_https_on_turns_on_secure_cookies_redirect_and_hsts():
    seen = settings_as_seen_with(PRODUCTION, HTTPS_SETTINGS)
    assert seen == {
        "DEBUG": False,
        "SECURE_SSL_REDIRECT": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
    }


def test_https_off_sends_no_hsts():
    seen = settings_as_seen_with({**PRODUCTION, "HTTPS": "off"}, HTTPS_SETTINGS)
    assert seen["SECURE_HSTS_SECONDS"] == 0
    assert seen["SECURE_SSL_REDIRECT"] is False
    assert seen["SESSION_COOKIE_SECURE"] is False


def test_debug_is_off_unless_set():
    # Without DEBUG anywhere (not in the environment, no .env), production behaviour.
    code = (
        "import environ; environ.Env.read_env = lambda *a, **k: None;"
        "import django; from django.conf import settings; django.setup();"
        "print(settings.DEBUG)"
    )
    result = run_python(["-c", code], {"SECRET_KEY": PRODUCTION["SECRET_KEY"]}, drop=["DEBUG"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_no_secret_key_default_outside_debug():
    code = (
        "import environ; environ.Env.read_env = lambda *a, **k: None;"
        "import django; from django.conf import settings; django.setup()"
    )
    result = run_python(["-c", code], {"DEBUG": "off"}, drop=["SECRET_KEY"])
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("LANGUAGE_CODE", "zh-hans"),
        ("TIME_ZONE", "Asia/Shanghai"),
        ("USE_TZ", True),
        ("USE_I18N", True),
    ],
)
def test_chinese_defaults(settings, name, expected):
    assert getattr(settings, name) == expected


def test_database_connections_survive_a_restart(settings):
    database = settings.DATABASES["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["CONN_MAX_AGE"] > 0
    assert database["CONN_HEALTH_CHECKS"] is True


def test_static_files_are_compressed_and_hashed_in_production():
    seen = settings_as_seen_with(PRODUCTION, ["STORAGES", "MIDDLEWARE"])
    assert "CompressedManifestStaticFilesStorage" in json.dumps(seen["STORAGES"])
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in seen["MIDDLEWARE"]


def test_env_example_documents_every_setting_read_from_the_environment():
    source = (ROOT / "yuyang_union" / "settings.py").read_text(encoding="utf-8")
    read = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z][A-Z0-9_]*)"', source))
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    documented = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", example, flags=re.MULTILINE))
    assert read, "no setting found: the pattern no longer matches settings.py"
    assert read - documented == set()


def test_the_cache_is_local_memory_unless_a_redis_is_named():
    alone = settings_as_seen_with(PRODUCTION, ["CACHES"])["CACHES"]["default"]
    assert alone["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    shared = settings_as_seen_with(
        {**PRODUCTION, "CACHE_URL": "redis://cache.internal:6379/1"}, ["CACHES"]
    )["CACHES"]["default"]
    # Django's own Redis backend (the redis package is in the lock files), not django-redis.
    assert shared["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert shared["LOCATION"] == "redis://cache.internal:6379/1"

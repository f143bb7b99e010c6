"""Settings of the portal: one module, configured from the environment (see .env.example)."""

import os
import tempfile
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

from yuyang_union.storage.configuration import folder_storages, media_origins, object_storages

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env (written by `make run`) fills in what the real environment leaves unset.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# Outside DEBUG there is no default: a production site without a key must not start.
SECRET_KEY = env("SECRET_KEY") if not DEBUG else env("SECRET_KEY", default="dev-only-insecure")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Key for personal identifiers (ID numbers, phones) kept encrypted at rest. Never in the repo.
PERSONAL_DATA_KEY = env("PERSONAL_DATA_KEY", default="dev-only-personal-data-key" if DEBUG else "")
# During a key rotation: the previous keys, newest first, still accepted for reading (see README).
PERSONAL_DATA_OLD_KEYS = env.list("PERSONAL_DATA_OLD_KEYS", default=[])
# How long the identifier access log is kept (purge_identifier_access_log; never under 183).
IDENTIFIER_ACCESS_LOG_RETENTION_DAYS = env.int("IDENTIFIER_ACCESS_LOG_RETENTION_DAYS", default=365)

INSTALLED_APPS = [
    # Django's admin, on a site whose autocomplete takes its term by POST (admin_site.py).
    "yuyang_union.admin_site.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "yuyang_union.third_party_apps.AxesConfig",  # django-axes, named in Chinese
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "treebeard",
    "import_export",
    "auditlog",
    "pgtrigger",
    # the job queue, in the same database (its tables come with its migrations)
    "procrastinate.contrib.django",
    "yuyang_union",
    "yuyang_union.personal_data",
    "yuyang_union.accounts",
    "yuyang_union.history",
    "yuyang_union.jobs",
    "yuyang_union.page_cache",
    "yuyang_union.applications",
    "members",
    "welfare",
    "competitions",
    "legal_aid",
    "events",
    "yuyang_union.summary",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything asks the database (the session, the user, the key check): while it
    # cannot be reached, a 503 maintenance page and one log line a minute, not 500s.
    "yuyang_union.outage.middleware.DatabaseOutageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "yuyang_union.middleware.ChineseFirstLocaleMiddleware",
    # Before anything reads a person: a wrong personal-data key gives a 503 page, not 500s.
    "yuyang_union.personal_data.middleware.PersonalDataKeyMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): the session passed the second factor.
    "django_otp.middleware.OTPMiddleware",
    # History entries name the signed-in user who made each change, on every page.
    "auditlog.middleware.AuditlogMiddleware",
    "yuyang_union.middleware.SessionLifetimeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A save that lost the race with another one reads as a page saying what changed.
    "yuyang_union.versions.middleware.StaleVersionMiddleware",
    # A staff session with the password alone reaches only the second-factor pages.
    "yuyang_union.accounts.middleware.SecondFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Axes last, as its documentation asks: it turns lockouts into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "yuyang_union.urls"
WSGI_APPLICATION = "yuyang_union.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "yuyang_union.context_processors.navigation",
            ],
        },
    },
]

# One PostgreSQL everywhere, reached as two roles (least privilege). The site connects as a
# role that reads and writes rows but owns no table (DATABASE_URL): it can neither change the
# schema nor drop, disable or bypass the triggers that keep paid entries final, nor empty a
# table. `manage.py migrate` connects as the owner of the tables (DATABASE_OWNER_URL, the
# "owner" alias) and then grants the site role its rows (yuyang_union/database/). Unset, both
# are roles of the project-local cluster of scripts/devdb.sh, reached through the Unix socket
# inside .pgdata/.
local_database = {
    "ENGINE": "django.db.backends.postgresql",
    "NAME": "yuyang",
    "HOST": str(BASE_DIR / ".pgdata"),
}
if env("DATABASE_URL", default=""):
    DATABASES = {"default": env.db("DATABASE_URL")}
else:
    DATABASES = {
        "default": {**local_database, "USER": "yuyang_site"},
        "owner": {**local_database, "USER": "yuyang_owner"},
    }
if env("DATABASE_OWNER_URL", default=""):
    DATABASES["owner"] = env.db("DATABASE_OWNER_URL")
# Persistent connections, checked before reuse, so the site rides out a database restart.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Parallel test runs on one server (e.g. two checkouts' CI) each name their own test database.
DATABASES["default"]["TEST"] = {"NAME": env("TEST_DATABASE_NAME", default=None)}
# A streaming replica (DATABASE_REPLICA_URL, e.g. scripts/replica.sh's): the summary and the
# export and report jobs read from it, everything else and every write from the primary
# (yuyang_union.database.routers). Unset: one database. In tests it mirrors the default alias.
if env("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = {
        **env.db("DATABASE_REPLICA_URL"),
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"MIRROR": "default"},
    }
DATABASE_REPLICA_ALIAS = "replica" if "replica" in DATABASES else ""
DATABASE_ROUTERS = ["yuyang_union.database.routers.ReplicaRouter"]
# The role that migrate grants the site's privileges to: the default alias's user. A setting of
# its own because the test session connects the default alias as the owner (tests/conftest.py)
# while migrate must still grant the site role on the test database.
DATABASE_SITE_ROLE = DATABASES["default"].get("USER", "")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache (CACHE_URL): this process's memory by default; on more than one web node, one
# Redis or Valkey for all (redis://host:6379/1, Django's own Redis backend), so that what one
# node caches serves every node. Public pages keep their content here until their records
# change (yuyang_union.page_cache), and at most PUBLIC_PAGE_CACHE_SECONDS for what the clock
# or other records change (an event becoming past, a renamed employer).
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://yuyang-union")}
PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=300)

# Axes first (lockouts); then members by the mobile number on the roster (found by its keyed
# digest: no phone is stored with the account); then login names.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "members.auth.MemberPhoneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "yuyang_union.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Sessions end after SESSION_IDLE_TIMEOUT without a request and SESSION_COOKIE_AGE after login
# (both enforced by yuyang_union.middleware.SessionLifetimeMiddleware).
# Sessions live in the database, shared by every web node; with a shared cache (CACHE_URL)
# SESSION_ENGINE=django.contrib.sessions.backends.cached_db reads them from it first.
SESSION_ENGINE = env("SESSION_ENGINE", default="django.contrib.sessions.backends.db")
SESSION_COOKIE_AGE = env.int("SESSION_MAX_AGE", default=12 * 3600)
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=3600)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Staff sign in with a second factor (yuyang_union.accounts): the name authenticator apps
# show, and how long a check of password and code covers sensitive acts.
OTP_TOTP_ISSUER = "酉阳县总工会"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
REAUTHENTICATION_MINUTES = env.int("REAUTHENTICATION_MINUTES", default=15)

# Lockout: AXES_FAILURE_LIMIT failures of one username, whatever the address, or from one
# address, whatever the username, pause sign-in for the cool-off.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# The attempts keep the form's data: not the login typed (it may be a phone number) nor codes.
AXES_SENSITIVE_PARAMETERS = ["username", "password", "token"]
AXES_LOCKOUT_CALLABLE = "yuyang_union.accounts.lockout.lockout_response"
# The client's address behind PROXY_COUNT reverse proxies (yuyang_union.accounts.client_address).
PROXY_COUNT = env.int("PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "yuyang_union.accounts.client_address.client_address"
# A mobile number typed as the login is recorded as its account's login name, or a stand-in
# built from its keyed digest: never in the clear (members.auth).
AXES_USERNAME_CALLABLE = "members.auth.axes_username"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Confidential uploads (legal-aid case documents): never under MEDIA_URL; served only through
# views that check who may see them.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private_media")
# Where files live (yuyang_union/storage): local folders (MEDIA_ROOT, PRIVATE_MEDIA_ROOT and the
# two below), or, when several machines run the portal, prefixes of one S3-compatible bucket
# (MinIO or any S3 service). Private files never have a URL there either.
STORAGE_S3_BUCKET = env("STORAGE_S3_BUCKET", default="")
_s3 = {
    "bucket": STORAGE_S3_BUCKET,
    "endpoint_url": env("STORAGE_S3_ENDPOINT_URL", default=None),
    "region": env("STORAGE_S3_REGION", default=None),
    "media_domain": env("STORAGE_S3_MEDIA_DOMAIN", default=None),
}
if STORAGE_S3_BUCKET:
    _file_storages = object_storages(
        **_s3,
        access_key=env("STORAGE_S3_ACCESS_KEY_ID", default=None),
        secret_key=env("STORAGE_S3_SECRET_ACCESS_KEY", default=None),
    )
else:
    _file_storages = folder_storages()
STORAGES = {
    **_file_storages,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_PERMISSIONS = 0o640

# Backups (`manage.py backup`, yuyang_union/backups/): one folder each, kept by the retention
# rule; 0700, files 0600 (personal data). Never inside a web root; never committed.
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / "backups")

# Import files waiting between their preview and their confirmation: encrypted, in a folder of
# their own, deleted once used and purged after IMPORT_UPLOAD_MAX_AGE_HOURS
# (yuyang_union.excel.uploads; `manage.py purge_import_uploads`).
IMPORT_EXPORT_TMP_STORAGE_CLASS = "yuyang_union.excel.uploads.EncryptedTempFolderStorage"
IMPORT_UPLOAD_DIR = env.path(
    "IMPORT_UPLOAD_DIR",
    default=Path(tempfile.gettempdir()) / f"yuyang-union-imports-{os.getuid()}",
)
IMPORT_UPLOAD_MAX_AGE_HOURS = env.float("IMPORT_UPLOAD_MAX_AGE_HOURS", default=2)
# What an uploaded workbook may be (yuyang_union.excel.limits): its size, what it unpacks to
# (zip bombs), its sheets, rows and columns. A file past any of them is refused at once.
IMPORT_MAX_UPLOAD_MB = env.float("IMPORT_MAX_UPLOAD_MB", default=20)
IMPORT_MAX_UNPACKED_MB = env.float("IMPORT_MAX_UNPACKED_MB", default=300)
IMPORT_MAX_COMPRESSION_RATIO = env.float("IMPORT_MAX_COMPRESSION_RATIO", default=100)
IMPORT_MAX_SHEETS = env.int("IMPORT_MAX_SHEETS", default=20)
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=200_000)
IMPORT_MAX_COLUMNS = env.int("IMPORT_MAX_COLUMNS", default=100)

# Background jobs (yuyang_union.jobs, on Procrastinate): their result files wait in a folder
# of their own (0700; files with personal data encrypted), shared by web nodes and workers when
# they run on several machines, and are deleted JOB_RESULT_HOURS after the job ends.
JOB_RESULT_DIR = env.path("JOB_RESULT_DIR", default=BASE_DIR / "job_results")
JOB_RESULT_HOURS = env.float("JOB_RESULT_HOURS", default=24)

# HTTPS: on behind TLS in production. HSTS is sent only when HTTPS is on.
HTTPS = env.bool("HTTPS", default=False)
if env.bool("BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=HTTPS)
# Monitoring probes the health check over plain HTTP on the host itself.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=HTTPS)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=HTTPS)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy: everything from this site only; no inline script anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Event images kept in the bucket are shown from where its URLs point.
if STORAGE_S3_BUCKET:
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] += media_origins(**_s3)

# Error reports (the admins' mail, the debug page) and logs mask ID numbers and mobile
# numbers wherever they appear (yuyang_union.personal_data.error_reports).
_ERROR_REPORTS = "yuyang_union.personal_data.error_reports"
DEFAULT_EXCEPTION_REPORTER_FILTER = f"{_ERROR_REPORTS}.PersonalDataReporterFilter"
DEFAULT_EXCEPTION_REPORTER = f"{_ERROR_REPORTS}.PersonalDataExceptionReporter"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "personal_data": {"()": f"{_ERROR_REPORTS}.ScrubPersonalData"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    # Every handler masks identifiers (a 500's traceback, runserver's request lines with
    # their query strings, a login name that is a phone number).
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["personal_data"],
        },
        "mail_admins": {
            "level": "ERROR",
            "class": "django.utils.log.AdminEmailHandler",
            "filters": ["require_debug_false", "personal_data"],
        },
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["personal_data"],
        },
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own defaults, with the handlers above: errors mailed to ADMINS (outside
        # DEBUG) and written to the console through the root logger.
        "django": {"handlers": ["mail_admins"], "level": "INFO"},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        # Attempts and lockouts; axes writes the attempts to the database as well.
        "axes": {"level": "INFO"},
        "axes.apps": {"level": "WARNING"},
        "django.db.backends": {"level": "INFO"},
        # The nightly backup run by the job queue: a failure is mailed to ADMINS.
        "yuyang_union.backups": {"handlers": ["mail_admins"], "level": "INFO"},
        # Text messages (the console backend writes them here, the phone masked).
        "yuyang_union.sms": {"level": "INFO"},
        # The queue's start-up lines (tasks registered) at every command are noise; the
        # worker's own lines (jobs started and ended) stay.
        "procrastinate.blueprints": {"level": "WARNING"},
        "procrastinate.periodic": {"level": "WARNING"},
    },
}

# Rows loaded raw (fixtures, and tests restoring the migrated rows) are not new changes: the
# history keeps what people did, not data loading.
AUDITLOG_DISABLE_ON_RAW_SAVE = True

# Online applications (yuyang_union/applications): working days for a first answer (受理 or
# 未通过; holidays from the admin's calendar), and what an applicant may attach.
APPLICATION_ANSWER_WORKING_DAYS = env.int("APPLICATION_ANSWER_WORKING_DAYS", default=7)
APPLICATION_DOCUMENT_MAX_MB = env.float("APPLICATION_DOCUMENT_MAX_MB", default=10)
APPLICATION_DOCUMENTS_MAX = env.int("APPLICATION_DOCUMENTS_MAX", default=6)

# Text messages to members' phones (codes for activation and recovery): a backend of
# yuyang_union.sms, built with SMS_OPTIONS (a JSON object: the provider's credentials, signature,
# template...). The default writes each message to the log, the phone masked.
SMS_BACKEND = env("SMS_BACKEND", default="yuyang_union.sms.backends.console.SmsBackend")
SMS_OPTIONS = env.json("SMS_OPTIONS", default={})

ADMINS = [("Admin", a) for a in env.list("ADMIN_EMAILS", default=[])]
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")

# Password of the demo logins that `make run` creates (local .env only).
DEMO_PASSWORD = env("DEMO_PASSWORD", default="")

# The most a single entry of each kind may be, in yuan (yuyang_union.bounds): above it a form
# says to check the number of digits. Each is set from the environment (MONEY_CEILING_GRANT...).
MONEY_CEILINGS = {
    kind: Decimal(env.str(f"MONEY_CEILING_{kind.upper()}", default=default))
    for kind, default in {
        "grant": "50000",  # one relief grant (送温暖, 金秋助学 and the like)
        "education_aid": "20000",  # one student's aid for a year
        "mutual_aid": "100000",  # a mutual-aid premium or claim
        "campaign_budget": "100000000",  # a campaign's whole budget
        "case": "100000000",  # an amount claimed or recovered in a case
        "income": "100000",  # a household's monthly income per person
    }.items()
}

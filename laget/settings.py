"""One settings module; everything that differs between machines comes from the environment."""

import os
import sys
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import django.conf.locale
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from laget.lib.env import env_bool, env_int, env_list, env_secret, env_str
from laget.lib.fieldkeys import field_keys, lookup_key
from laget.lib.keyring import env_keyring
from laget.lib.languages import EXTRA_LANG_INFO, FAMILY_LANGUAGE_CHOICES

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("LAGET_DEBUG", False)
SECRET_KEY = env_secret("LAGET_SECRET_KEY", debug=DEBUG)
ALLOWED_HOSTS = env_list("LAGET_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("LAGET_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "django_htmx",
    # Lockout after failed password logins (laget/accounts/lockout.py).
    "axes",
    "laget.accounts",
    # The second factor: TOTP authenticators and recovery codes (laget/signin).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "laget.signin",
    "laget.orgs",
    "laget.people",
    "laget.audit",
    "laget.cases",
    "laget.consent",
    "laget.family",
    "laget.tools",
    "laget.guide",
    "laget.training",
    "laget.directory",
    "laget.public",
    "laget.registry",
    "laget.implementation",
    "laget.surveys",
    "laget.monitoring",
    "laget.logreview",
    "laget.transfer",
    # The population register's feed position and notices (docs/FOLKEREGISTERET.md).
    "laget.folkeregister",
    "laget.archive",
    "laget.plans",
    "laget.retention",
    "laget.scale",
    "laget.api",
    "laget.demo",
    "laget.notify",
    "laget.portal",
    # Practice mode: fictional cases on the real pages, kept out of everything real.
    "laget.practice",
    "laget.ops",
    "django_tasks",
    "django_tasks_db",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise: static files stay cacheable, everything else is never stored.
    "laget.lib.nostore.NoStoreMiddleware",
    # Database unreachable (restarting, failing over): 503 and "try again", not a 500.
    "laget.api.unavailable.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "laget.lib.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Idle and absolute session timeouts (laget/accounts/middleware.py).
    "laget.accounts.middleware.SessionTimeoutMiddleware",
    # A session that still owes its second factor is anonymous to every page and the API.
    "laget.signin.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # With DEBUG on (the demo), a 404 shows Laget's page, not Django's technical one.
    "laget.api.error_pages.DebugNotFoundMiddleware",
    # A practice case's pages run inside the practice scope (laget/practice/middleware.py).
    "laget.practice.middleware.PracticeMiddleware",
    # Last, as axes asks: turns a locked-out login's answer into the lockout page (429).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "laget.urls"
WSGI_APPLICATION = "laget.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "laget" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "laget.practice.context.practice_mode",
            ],
        },
    },
]

# SQLite is the embedded default for the demo; production and CI use PostgreSQL via DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'var' / 'laget.sqlite3'}",
        conn_max_age=env_int("LAGET_DB_CONN_MAX_AGE", 0),
        conn_health_checks=True,  # a persistent connection that died is replaced, not used
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers take the lock when they begin, so the audit chain never forks on the demo database.
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
# Scale-out (docs/PRODUCTION.md, "Scale-out"). Reports, dashboards and the registry's read pages
# read from a PostgreSQL streaming replica when LAGET_REPLICA_URL is set (laget/lib/dbrouting.py),
# unless it is down or more than LAGET_REPLICA_MAX_LAG_SECONDS behind: then from the primary.
LAGET_REPLICA_URL = env_str("LAGET_REPLICA_URL", "")
if LAGET_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        LAGET_REPLICA_URL,
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
    )
    # A replica that is down costs a report at most this long once per check, not a hang.
    DATABASES["replica"]["OPTIONS"] = {"connect_timeout": 2}
DATABASE_ROUTERS = ["laget.lib.dbrouting.ReplicaRouter"]
LAGET_REPLICA_MAX_LAG_SECONDS = env_int("LAGET_REPLICA_MAX_LAG_SECONDS", 30)
LAGET_REPLICA_CHECK_SECONDS = env_int("LAGET_REPLICA_CHECK_SECONDS", 2)
# PgBouncer in transaction mode gives each transaction any server connection: psycopg must not
# prepare statements on one, Django must not keep a server-side cursor open across them.
if env_bool("LAGET_PGBOUNCER", False):
    for _db in DATABASES.values():
        if _db["ENGINE"] == "django.db.backends.postgresql":
            _db.setdefault("OPTIONS", {})["prepare_threshold"] = None
            _db["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "cases:my_cases"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Health data: at least 12 characters (Django's default is 8).
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nb"
# Every language Laget speaks: staff pages in bokmål and English, the family side in the
# families' languages too (laget/lib/languages.py; the middleware picks per page).
LANGUAGES = FAMILY_LANGUAGE_CHOICES
# Languages Django ships no translation of, so knows nothing about.
django.conf.locale.LANG_INFO.update(EXTRA_LANG_INFO)
LOCALE_PATHS = [BASE_DIR / "laget" / "locale"]
# Formats for the family languages Django has none for (laget/formats).
FORMAT_MODULE_PATH = ["laget.formats"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "laget" / "static"]
# Uploaded files (scanned paper consents) are personal data: never served as static files,
# only through views that check access and write the audit log.
MEDIA_ROOT = Path(env_str("LAGET_MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Sessions stay in the database, shared by every app process: Django's database sessions with
# the user beside each (laget/accounts/sessions.py), so a user's sessions are listed and ended
# with one query. A session ends after LAGET_SESSION_IDLE_SECONDS without a request and
# LAGET_SESSION_SECONDS after the login, whatever happens (laget/accounts/middleware.py).
SESSION_ENGINE = "laget.accounts.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("LAGET_SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_AGE = env_int("LAGET_SESSION_SECONDS", 8 * 3600)
LAGET_SESSION_IDLE_SECONDS = env_int("LAGET_SESSION_IDLE_SECONDS", 30 * 60)
# A password reset link works this long (seconds).
PASSWORD_RESET_TIMEOUT = 2 * 3600
# No script reads the CSRF cookie: htmx sends the token from the page (base.html, hx-headers).
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Laget's own page for a refused form (Django's has an inline style the CSP blocks); under
# /api/ the API's JSON 403 instead.
CSRF_FAILURE_VIEW = "laget.api.handlers.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Production runs behind a TLS-terminating proxy (docs/PRODUCTION.md). LAGET_TLS_PROXY=1 trusts
# its X-Forwarded-Proto header, which the proxy must always set (overwrite), never pass through.
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("LAGET_TLS_PROXY", False) else None
)
# The proxy redirects http to https too; this catches what reaches Django over http anyway.
# Off by default: the test suite and the demo speak plain http.
SECURE_SSL_REDIRECT = env_bool("LAGET_SSL_REDIRECT", False)
# Load balancers check the app machines over plain http on the private network.
SECURE_REDIRECT_EXEMPT = [r"^helse/$"]
# Browsers remember to use https only; sent on https responses only.
SECURE_HSTS_SECONDS = env_int("LAGET_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("LAGET_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("LAGET_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [
    # security.W021 asks for HSTS preload. Preloading binds the whole domain (the municipality's,
    # not only Laget's) to https in browsers for months and is hard to undo, so it is the
    # domain owner's choice: LAGET_HSTS_PRELOAD=1.
    "security.W021",
]

# Django's cache holds rate limits (login, survey answers) and the public guide's pages, so
# with more than one process it must be shared: the database by default (create its table
# with `manage.py createcachetable`), Redis or Valkey to scale out (LAGET_CACHE=redis,
# LAGET_CACHE_URL=redis://host:6379/0; needs the `redis` package). One process's memory
# (locmem) only for the demo and the tests.
TESTING = "pytest" in sys.modules
if TESTING:
    # A second installation for the transfer tests (laget/transfer/tests/test_package.py): a
    # package is exported from one database and imported into this one. pytest-django creates
    # it only for the tests that ask for it.
    DATABASES["peer"] = {**DATABASES["default"], "NAME": f"{DATABASES['default']['NAME']}_peer"}
    if "replica" in DATABASES:
        # The standby replays the primary's test databases by itself; none is created on it.
        DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
# A test runs in a transaction on the primary that the standby never sees: the suite reads from
# the primary, except the replica's own tests (laget/ops/tests/test_scale_out.py).
LAGET_REPLICA_READS = env_bool("LAGET_REPLICA_READS", not TESTING)
LAGET_CACHE = env_str("LAGET_CACHE", "locmem" if DEBUG or TESTING else "database")
if LAGET_CACHE == "locmem":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
elif LAGET_CACHE == "database":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "laget_cache",
        }
    }
elif LAGET_CACHE == "redis":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_str("LAGET_CACHE_URL", ""),
        }
    }
    if not CACHES["default"]["LOCATION"]:
        raise ImproperlyConfigured("LAGET_CACHE=redis needs LAGET_CACHE_URL")
    if TESTING and os.environ.get("PYTEST_XDIST_WORKER", "").startswith("gw"):
        # Tests clear the cache (Redis's FLUSHDB): each pytest-xdist worker its own database.
        _worker = int(os.environ["PYTEST_XDIST_WORKER"][2:])
        CACHES["default"]["LOCATION"] = (
            urlsplit(CACHES["default"]["LOCATION"])._replace(path=f"/{_worker + 1}").geturl()
        )
else:
    raise ImproperlyConfigured(
        f"LAGET_CACHE must be locmem, database or redis, got {LAGET_CACHE!r}"
    )

# The national tables (the same for every viewer; slow to compute) are kept this long (seconds)
# in the cache. The municipal dashboard reads rollups instead (LAGET_ROLLUP_MAX_AGE_SECONDS).
LAGET_FIGURE_CACHE_SECONDS = env_int("LAGET_FIGURE_CACHE_SECONDS", 0 if DEBUG or TESTING else 600)

# The municipal dashboard reads its case figures from rollups that `manage.py refresh_figures`
# (laget-figures.timer, every 5 minutes) keeps; a rollup older than this (seconds), or made
# on another day, is not used: the figures are computed for the request instead. 0: no rollups.
LAGET_ROLLUP_MAX_AGE_SECONDS = env_int("LAGET_ROLLUP_MAX_AGE_SECONDS", 900)
# Practice cases (laget/practice) are removed this many days after they were started, by the
# nightly `manage.py practice_clean`, which also removes those of owners who can no longer log in.
LAGET_PRACTICE_KEEP_DAYS = env_int("LAGET_PRACTICE_KEEP_DAYS", 90)

# Children's and guardians' names, contact data and national ids and the log's free text are
# encrypted in the application (laget/lib/crypto.py) with keys that never enter the database:
# LAGET_FIELD_KEYS, comma-separated Fernet keys, the first encrypts (rotate with
# `manage.py rotate_field_keys`); LAGET_LOOKUP_KEY, the HMAC key of the national ids' lookup
# hashes. Required when DEBUG is off; the demo and the tests use public development keys.
LAGET_FIELD_KEYS = field_keys(debug=DEBUG or TESTING)
LAGET_LOOKUP_KEY = lookup_key(debug=DEBUG or TESTING)

# How many proxies in front of Laget append to X-Forwarded-For (nginx: 1). 0 (the default)
# trusts no header: the address is the socket's.
LAGET_TRUSTED_PROXIES = env_int("LAGET_TRUSTED_PROXIES", 0)

# Lockout after failed password logins (django-axes; laget/accounts/lockout.py): this many
# failures of one username from one address lock that pair, LAGET_LOGIN_ADDRESS_FAILURE_LIMIT
# failures of any usernames from one address lock the address, for LAGET_LOGIN_COOLOFF_MINUTES
# after the last failure. Raise the address limit if many staff share one address (NAT).
LAGET_LOGIN_FAILURE_LIMIT = env_int("LAGET_LOGIN_FAILURE_LIMIT", 5)
LAGET_LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LAGET_LOGIN_ADDRESS_FAILURE_LIMIT", 20)
LAGET_LOGIN_COOLOFF_MINUTES = env_int("LAGET_LOGIN_COOLOFF_MINUTES", 15)
AXES_FAILURE_LIMIT = LAGET_LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LAGET_LOGIN_COOLOFF_MINUTES)
# The order matters: the pair first, the address second (LockoutHandler.get_failures).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "laget.accounts.lockout.LockoutHandler"
AXES_CLIENT_IP_CALLABLE = "laget.lib.client.client_address"
AXES_WHITELIST_CALLABLE = "laget.accounts.lockout.password_attempts_only"
AXES_LOCKOUT_CALLABLE = "laget.accounts.lockout.lockout_response"
# Keep no more than the lockout needs: no log of successful logins, no log of every failure,
# usernames and addresses masked in axes' own log lines and in the form data it keeps.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = False
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "csrfmiddlewaretoken", "otp", "otp_token"]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Deny by default: every endpoint must say who may use it.
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # drf-spectacular's, with the 413/415 every body-reading operation can answer.
    "DEFAULT_SCHEMA_CLASS": "laget.api.schema.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "EXCEPTION_HANDLER": "laget.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_THROTTLE_RATES": {"login": "10/min"},
    # Throttles key on the client's address: the socket's, or with proxies in front the one
    # the nearest trusted proxy reports. Never a header the client sets itself.
    "NUM_PROXIES": LAGET_TRUSTED_PROXIES,
}
# An API token works this many hours from the login; then the API answers 401 and the script
# logs in again. The owner ends their tokens at /konto/innlogginger/.
LAGET_TOKEN_HOURS = env_int("LAGET_TOKEN_HOURS", 8)
if LAGET_TOKEN_HOURS < 1 or LAGET_SESSION_IDLE_SECONDS < 60 or LAGET_LOGIN_FAILURE_LIMIT < 1:
    raise ImproperlyConfigured(
        "LAGET_TOKEN_HOURS, LAGET_SESSION_IDLE_SECONDS and LAGET_LOGIN_FAILURE_LIMIT must be "
        "at least 1 hour, 60 seconds and 1"
    )
REST_KNOX = {"TOKEN_TTL": timedelta(hours=LAGET_TOKEN_HOURS), "AUTO_REFRESH": False}
SPECTACULAR_SETTINGS = {
    "TITLE": "Laget API",
    "DESCRIPTION": "The stafettlogg and organisation API. Same access rules and audit as the web.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "UnitKindEnum": "laget.orgs.models.UnitKind",
        "OrgRoleEnum": "laget.orgs.models.Role",
        "SubjectKindEnum": "laget.people.models.SubjectKind",
        "FamilyRoleEnum": "laget.people.models.FamilyRole",
        "ProtectedAddressEnum": "laget.people.models.ProtectedAddress",
        "EntryKindEnum": "laget.cases.choices.EntryKind",
        "MeetingKindEnum": "laget.cases.choices.MeetingKind",
        "MeasureStatusEnum": "laget.cases.choices.MeasureStatus",
        "MeetingStatusEnum": "laget.cases.choices.MeetingStatus",
        "ParticipantRoleEnum": "laget.cases.choices.ParticipantRole",
        "LevelEnum": "laget.cases.choices.Level",
        "AttendeeResponseEnum": "laget.cases.choices.Response",
        "ConsentPartyResponseEnum": "laget.consent.models.PartyResponse",
        "ServiceKindEnum": "laget.directory.models.ServiceKind",
        "ServiceMatchedFieldEnum": "laget.directory.search.Field",
    },
}

# No personal data in logs: Django's request logging prints URLs only, and URLs hold ids only.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "filters": {"no_4xx_traceback": {"()": "laget.lib.logfilters.NoTracebackBelow500"}},
    "root": {"handlers": ["console"], "level": env_str("LAGET_LOG_LEVEL", "WARNING")},
    "loggers": {
        # The audit chain's anchors are logged whatever the level: a copy outside the database.
        "laget.audit.anchor": {"level": "INFO"},
        # A refused request (403) is one line, not a traceback.
        "django.request": {"filters": ["no_4xx_traceback"]},
        # httpx logs each request's URL at INFO, and a register lookup's URL holds the national
        # id (laget/folkeregister/client.py logs what it asked, without it).
        "httpx": {"level": "WARNING"},
        "httpcore": {"level": "WARNING"},
    },
}

# The audit chain's HMAC keys, "id:key,id:key", the first signs new rows; never in the database.
# Required when DEBUG is off; the demo and the tests derive one from SECRET_KEY.
LAGET_AUDIT_KEYS = env_keyring(
    "LAGET_AUDIT_KEYS", derive_from=SECRET_KEY if DEBUG or TESTING else None
)
# Where `audit_anchor` (and each backup) appends the chain's head; empty: the log only.
LAGET_AUDIT_ANCHOR_DIR = env_str("LAGET_AUDIT_ANCHOR_DIR", "")

# Email goes out through an SMTP server, sent by the background worker (manage.py db_worker),
# never in a request. The demo uses the console backend (LAGET_EMAIL_BACKEND).
EMAIL_BACKEND = env_str("LAGET_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("LAGET_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("LAGET_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("LAGET_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("LAGET_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("LAGET_EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("LAGET_EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set LAGET_EMAIL_USE_TLS or LAGET_EMAIL_USE_SSL, not both")
EMAIL_TIMEOUT = env_int("LAGET_EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("LAGET_DEFAULT_FROM_EMAIL", "Laget <ikke-svar@laget.invalid>")
# Where links in emails point: the address people open Laget at.
LAGET_BASE_URL = env_str("LAGET_BASE_URL", "http://127.0.0.1:8000")
# A failed send is tried again after 1, 2, 4, … times this many seconds, at most this many times.
LAGET_NOTIFY_RETRY_SECONDS = env_int("LAGET_NOTIFY_RETRY_SECONDS", 60)
LAGET_NOTIFY_MAX_ATTEMPTS = env_int("LAGET_NOTIFY_MAX_ATTEMPTS", 5)
# Background tasks are rows in the database, run by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Upper bound for free text in the log (entries, minutes); bigger input is rejected with a clear error.
LAGET_MAX_TEXT = env_int("LAGET_MAX_TEXT", 20_000)

if env_bool("LAGET_FAST_HASHER", False):
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Accept the tax authority's synthetic test national ids (month + 80). Demo and tests only.
LAGET_SYNTHETIC_IDS = env_bool("LAGET_SYNTHETIC_IDS", DEBUG)

# After a case is closed its last stafettholder and the responsible unit's leader may read it
# for this many days (to finish the paperwork, answer the family); then nobody on staff does.
LAGET_CLOSED_CASE_READ_DAYS = env_int("LAGET_CLOSED_CASE_READ_DAYS", 30)

# Transfer packages between installations of Laget (laget/transfer, docs/TRANSFER.md): this
# installation's name in the packages it signs, its Ed25519 private key (base64 of the 32 raw
# bytes; empty: it cannot export), and the installations whose packages it takes in, each as
# name=public key (base64 of the 32 raw bytes), comma-separated. No key is ever in the code.
LAGET_TRANSFER_NAME = env_str("LAGET_TRANSFER_NAME", "")
LAGET_TRANSFER_KEY = env_str("LAGET_TRANSFER_KEY", "")
LAGET_TRANSFER_TRUSTED = env_list("LAGET_TRANSFER_TRUSTED", [])

# The privacy officer's log review (laget/logreview): more distinct cases opened by one user in
# one day than this is flagged; reads before START or from END o'clock (local time), or on a
# Saturday or Sunday, are outside working hours; SAMPLE reads a month go to the readers' leaders.
LAGET_REVIEW_CASES_PER_DAY = env_int("LAGET_REVIEW_CASES_PER_DAY", 30)
LAGET_REVIEW_WORK_START = env_int("LAGET_REVIEW_WORK_START", 7)
LAGET_REVIEW_WORK_END = env_int("LAGET_REVIEW_WORK_END", 18)
LAGET_REVIEW_SAMPLE = env_int("LAGET_REVIEW_SAMPLE", 10)

# Retention (laget/retention, docs/RETENTION.md): the defaults of a municipality's policy, in
# months (its admin changes them on the page sletting/); sessions and API tokens are deleted
# this many days after they ended, for the whole installation. The access log is kept
# LAGET_AUDIT_RETENTION_MONTHS and then pruned by `manage.py audit_prune` run as the database
# owner; 0 keeps it for ever. Five years by default: long enough for any log control, complaint
# or inquiry we know of; the municipality sets it from its own log-control routine.
LAGET_RETENTION_CLOSED_CASE_MONTHS = env_int("LAGET_RETENTION_CLOSED_CASE_MONTHS", 12)
LAGET_RETENTION_CONSENT_MONTHS = env_int("LAGET_RETENTION_CONSENT_MONTHS", 12)
LAGET_RETENTION_SCAN_MONTHS = env_int("LAGET_RETENTION_SCAN_MONTHS", 3)
LAGET_RETENTION_NOTIFICATION_MONTHS = env_int("LAGET_RETENTION_NOTIFICATION_MONTHS", 3)
LAGET_RETENTION_SESSION_DAYS = env_int("LAGET_RETENTION_SESSION_DAYS", 7)
LAGET_RETENTION_TOKEN_DAYS = env_int("LAGET_RETENTION_TOKEN_DAYS", 7)
LAGET_AUDIT_RETENTION_MONTHS = env_int("LAGET_AUDIT_RETENTION_MONTHS", 60)
if (
    min(LAGET_RETENTION_CLOSED_CASE_MONTHS, LAGET_RETENTION_CONSENT_MONTHS) < 1
    or not 0 <= LAGET_RETENTION_SCAN_MONTHS <= LAGET_RETENTION_CONSENT_MONTHS
    or 0 < LAGET_AUDIT_RETENTION_MONTHS < 12
):
    raise ImproperlyConfigured(
        "LAGET_RETENTION_*_MONTHS: closed cases and consents at least 1, scans 0 up to the "
        "consents' months; LAGET_AUDIT_RETENTION_MONTHS 0 (for ever) or at least 12."
    )

# Archive packages of closed logs (laget/archive, docs/ARCHIVE.md). `manage.py archive_push`
# delivers them to a folder (e.g. the archive's SFTP-mounted drop) and/or an HTTPS endpoint
# that takes the zip with the token as a bearer token. Screening written on every package:
# the access code (tilgangsrestriksjon) and its legal authority (skjermingshjemmel).
LAGET_ARCHIVE_PUSH_DIR = env_str("LAGET_ARCHIVE_PUSH_DIR", "")
LAGET_ARCHIVE_PUSH_URL = env_str("LAGET_ARCHIVE_PUSH_URL", "")
LAGET_ARCHIVE_PUSH_TOKEN = env_str("LAGET_ARCHIVE_PUSH_TOKEN", "")
LAGET_ARCHIVE_ACCESS_CODE = env_str("LAGET_ARCHIVE_ACCESS_CODE", "13")
LAGET_ARCHIVE_SCREENING_AUTHORITY = env_str(
    "LAGET_ARCHIVE_SCREENING_AUTHORITY", "Offl. § 13, jf. fvl. § 13"
)

# The demo: its shortcut login for guardians, `seed_demo` and the national-scale generator exist
# only with this on (`./dev demo` and `./dev bench` set it). Never in production.
LAGET_DEMO = env_bool("LAGET_DEMO", False)

# The longest a consent may run before the family is asked again (days from today). The law
# sets no number; three years is the municipal practice the demo follows.
LAGET_CONSENT_MAX_DAYS = env_int("LAGET_CONSENT_MAX_DAYS", 3 * 365)

# From this age the child consents for themselves and may use the family portal.
LAGET_CHILD_CONSENT_AGE = env_int("LAGET_CHILD_CONSENT_AGE", 15)
# The child reads and writes in their own log from this age, in their own words
# (laget/family/access.py); consent still waits for LAGET_CHILD_CONSENT_AGE.
LAGET_CHILD_VOICE_AGE = env_int("LAGET_CHILD_VOICE_AGE", 12)
# After a report of concern, staff activity is held back from the family's access log for this
# many days unless child welfare ends it sooner; it may set up to LAGET_HOLD_BACK_MAX_DAYS.
LAGET_HOLD_BACK_DAYS = env_int("LAGET_HOLD_BACK_DAYS", 21)
LAGET_HOLD_BACK_MAX_DAYS = env_int("LAGET_HOLD_BACK_MAX_DAYS", 90)

# The family portal logs guardians (and the child from the age limit) in with OpenID Connect:
# ID-porten in production. Name the issuer (its discovery document gives the endpoints) or each
# endpoint; an endpoint named here wins over the discovered one.
LAGET_OIDC_ISSUER = env_str("LAGET_OIDC_ISSUER", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("LAGET_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = env_str("LAGET_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = env_str("LAGET_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = env_str("LAGET_OIDC_JWKS_ENDPOINT", "")
LAGET_OIDC_END_SESSION_ENDPOINT = env_str("LAGET_OIDC_END_SESSION_ENDPOINT", "")
OIDC_RP_CLIENT_ID = env_str("LAGET_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = env_str("LAGET_OIDC_CLIENT_SECRET", "")
OIDC_RP_SCOPES = env_str("LAGET_OIDC_SCOPES", "openid profile")
OIDC_RP_SIGN_ALGO = env_str("LAGET_OIDC_SIGN_ALGO", "RS256")
# The claim that carries the national identity number (ID-porten: "pid").
LAGET_OIDC_PID_CLAIM = env_str("LAGET_OIDC_PID_CLAIM", "pid")
# E.g. "idporten-loa-high": asked for, and then required of the ID token's acr.
LAGET_OIDC_ACR_VALUES = env_str("LAGET_OIDC_ACR_VALUES", "")
OIDC_USE_PKCE = True
# How the client authenticates at the token endpoint: secret in the form body, or HTTP Basic.
OIDC_TOKEN_USE_BASIC_AUTH = env_bool("LAGET_OIDC_TOKEN_BASIC_AUTH", False)
OIDC_AUTHENTICATION_CALLBACK_URL = "portal:oidc_callback"
# Kept in the server-side session for the provider's logout (id_token_hint).
OIDC_STORE_ID_TOKEN = True
OIDC_TIMEOUT = env_int("LAGET_OIDC_TIMEOUT", 10)

# The population register (Folkeregisteret, docs/FOLKEREGISTERET.md): the API's base URL (up to
# and including /api), the token service (Maskinporten in production) and the municipality's
# client there, the audience its assertions name, the scope, and the key (PEM) that signs them
# with the certificate (PEM, sent as x5c) or the key id registered at the token service. Empty:
# Laget does not ask the register. Time limits in seconds; retries of 429/5xx/lost connections
# wait BACKOFF_MS, doubling, at most BACKOFF_CAP_MS.
LAGET_FOLKEREGISTER_URL = env_str("LAGET_FOLKEREGISTER_URL", "")
LAGET_FOLKEREGISTER_TOKEN_URL = env_str("LAGET_FOLKEREGISTER_TOKEN_URL", "")
LAGET_FOLKEREGISTER_CLIENT_ID = env_str("LAGET_FOLKEREGISTER_CLIENT_ID", "")
LAGET_FOLKEREGISTER_AUDIENCE = env_str("LAGET_FOLKEREGISTER_AUDIENCE", "")
LAGET_FOLKEREGISTER_SCOPE = env_str(
    "LAGET_FOLKEREGISTER_SCOPE", "folkeregister:deling/offentligmedhjemmel"
)
LAGET_FOLKEREGISTER_KEY_PATH = env_str("LAGET_FOLKEREGISTER_KEY_PATH", "")
LAGET_FOLKEREGISTER_CERTIFICATE_PATH = env_str("LAGET_FOLKEREGISTER_CERTIFICATE_PATH", "")
LAGET_FOLKEREGISTER_KEY_ID = env_str("LAGET_FOLKEREGISTER_KEY_ID", "")
LAGET_FOLKEREGISTER_CONNECT_TIMEOUT = env_int("LAGET_FOLKEREGISTER_CONNECT_TIMEOUT", 5)
LAGET_FOLKEREGISTER_READ_TIMEOUT = env_int("LAGET_FOLKEREGISTER_READ_TIMEOUT", 20)
LAGET_FOLKEREGISTER_MAX_ATTEMPTS = env_int("LAGET_FOLKEREGISTER_MAX_ATTEMPTS", 4)
LAGET_FOLKEREGISTER_BACKOFF_MS = env_int("LAGET_FOLKEREGISTER_BACKOFF_MS", 500)
LAGET_FOLKEREGISTER_BACKOFF_CAP_MS = env_int("LAGET_FOLKEREGISTER_BACKOFF_CAP_MS", 8000)
# Pages where a stafettholder waits for the answer use shorter limits and fewer attempts.
LAGET_FOLKEREGISTER_PAGE_READ_TIMEOUT = env_int("LAGET_FOLKEREGISTER_PAGE_READ_TIMEOUT", 5)
LAGET_FOLKEREGISTER_PAGE_MAX_ATTEMPTS = env_int("LAGET_FOLKEREGISTER_PAGE_MAX_ATTEMPTS", 2)
if LAGET_FOLKEREGISTER_MAX_ATTEMPTS < 1 or LAGET_FOLKEREGISTER_PAGE_MAX_ATTEMPTS < 1:
    raise ImproperlyConfigured("LAGET_FOLKEREGISTER_*MAX_ATTEMPTS must be 1 or more")

# Staff sign in through the municipality's identity provider (Entra ID, ID-porten, HelseID) with
# a client of their own, configured like the portal's: the issuer (its discovery document gives
# the endpoints) or each endpoint. LAGET_STAFF_OIDC_CLAIM names the claim matched to an
# existing active staff user's LAGET_STAFF_OIDC_USER_FIELD ("email" or "username"); nobody is
# created. LAGET_STAFF_OIDC_ACR_VALUES (space-separated) are asked for and one of them is
# required of the ID token's acr. docs/PRODUCTION.md, "Staff sign-in", has each provider's values.
LAGET_STAFF_OIDC_NAME = env_str("LAGET_STAFF_OIDC_NAME", "")
LAGET_STAFF_OIDC_ISSUER = env_str("LAGET_STAFF_OIDC_ISSUER", "")
LAGET_STAFF_OIDC_AUTHORIZATION_ENDPOINT = env_str("LAGET_STAFF_OIDC_AUTHORIZATION_ENDPOINT", "")
LAGET_STAFF_OIDC_TOKEN_ENDPOINT = env_str("LAGET_STAFF_OIDC_TOKEN_ENDPOINT", "")
LAGET_STAFF_OIDC_USERINFO_ENDPOINT = env_str("LAGET_STAFF_OIDC_USERINFO_ENDPOINT", "")
LAGET_STAFF_OIDC_JWKS_ENDPOINT = env_str("LAGET_STAFF_OIDC_JWKS_ENDPOINT", "")
LAGET_STAFF_OIDC_CLIENT_ID = env_str("LAGET_STAFF_OIDC_CLIENT_ID", "")
LAGET_STAFF_OIDC_CLIENT_SECRET = env_str("LAGET_STAFF_OIDC_CLIENT_SECRET", "")
LAGET_STAFF_OIDC_SCOPES = env_str("LAGET_STAFF_OIDC_SCOPES", "openid profile email")
LAGET_STAFF_OIDC_SIGN_ALGO = env_str("LAGET_STAFF_OIDC_SIGN_ALGO", "RS256")
LAGET_STAFF_OIDC_TOKEN_BASIC_AUTH = env_bool("LAGET_STAFF_OIDC_TOKEN_BASIC_AUTH", False)
LAGET_STAFF_OIDC_CLAIM = env_str("LAGET_STAFF_OIDC_CLAIM", "email")
LAGET_STAFF_OIDC_USER_FIELD = env_str("LAGET_STAFF_OIDC_USER_FIELD", "email")
if LAGET_STAFF_OIDC_USER_FIELD not in ("email", "username"):
    raise ImproperlyConfigured("LAGET_STAFF_OIDC_USER_FIELD must be email or username")
LAGET_STAFF_OIDC_ACR_VALUES = env_str("LAGET_STAFF_OIDC_ACR_VALUES", "")

# Staff who sign in with a password give a code from an authenticator app too (TOTP) when they
# have one, and must set one up when it is required: here for everyone, or by the municipal
# admin for their municipality (laget/signin/second_factor.py).
LAGET_REQUIRE_SECOND_FACTOR = env_bool("LAGET_REQUIRE_SECOND_FACTOR", False)
# The name authenticator apps show beside the code.
OTP_TOTP_ISSUER = env_str("LAGET_TOTP_ISSUER", "Laget")
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out password login before any other backend checks it.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "laget.portal.oidc.PortalOIDCBackend",
    # Finds the user of a staff session started at the identity provider (laget/signin/oidc.py).
    "laget.signin.oidc.StaffOIDCBackend",
]


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


# Content-Security-Policy (django-csp), in every environment, tests and demo included, so that
# what passes the tests is what production enforces. No inline scripts or styles anywhere:
# scripts and styles are static files. The family portal's logout form is answered with a
# redirect to the OpenID provider's end-session endpoint, and browsers apply form-action to
# such redirects: the provider's origins are allowed as form targets. ID-porten's issuer
# (idporten.no) and its login/logout host (login.idporten.no) differ, so name the end-session
# endpoint (LAGET_OIDC_END_SESSION_ENDPOINT) or add its origin to LAGET_CSP_FORM_ACTION.
_FORM_ACTION = [SELF]
for _url in [
    LAGET_OIDC_ISSUER,
    OIDC_OP_AUTHORIZATION_ENDPOINT,
    LAGET_OIDC_END_SESSION_ENDPOINT,
    *env_list("LAGET_CSP_FORM_ACTION", []),
]:
    if _origin(_url) and _origin(_url) not in _FORM_ACTION:
        _FORM_ACTION.append(_origin(_url))
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "frame-ancestors": [NONE],
        "form-action": _FORM_ACTION,
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

"""Django settings. Every deployment-specific value comes from an environment variable.

Importing this module only reads the environment: it creates no folder and opens no file or
connection (kontaktcenter.core.directories makes the data folders when the application starts).
"""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

import dj_database_url
import django_stubs_ext

from kontaktcenter.core.env import (
    ConfigurationError,
    env_bool,
    env_choice,
    env_email,
    env_int,
    env_list,
    env_origins,
    env_path,
    env_peer,
    env_port,
    env_present,
    env_str,
)

# Lets Django's generic classes be written with their type (ModelAdmin[Organisation]).
django_stubs_ext.monkeypatch()

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = env_path("KONTAKTCENTER_DATA_DIR", default=Path.cwd() / "var")

DEBUG = env_bool("KONTAKTCENTER_DEBUG", default=False)
_DEVELOPMENT_SECRET = "insecure-development-key-never-use-in-production"  # noqa: S105
SECRET_KEY = env_str("KONTAKTCENTER_SECRET_KEY", _DEVELOPMENT_SECRET if DEBUG else None)
if not DEBUG and SECRET_KEY == _DEVELOPMENT_SECRET:
    raise ConfigurationError("KONTAKTCENTER_SECRET_KEY must be set to a real secret outside DEBUG.")
ALLOWED_HOSTS = env_list("KONTAKTCENTER_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
# Behind a proxy that changes the host or port, the public origin(s) must be listed here.
CSRF_TRUSTED_ORIGINS = env_origins("KONTAKTCENTER_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "kontaktcenter.core",
    "kontaktcenter.accounts",
    "kontaktcenter.directory",
    "kontaktcenter.routing",
    "kontaktcenter.cases",
    "kontaktcenter.statistics",
    "kontaktcenter.forwarding",
    "kontaktcenter.knowledge",
    "kontaktcenter.telephony",
    "kontaktcenter.email_channel",
    "kontaktcenter.desk",
    "kontaktcenter.api",
    "kontaktcenter.portal",
    "kontaktcenter.demo",
]

MIDDLEWARE = [
    "kontaktcenter.core.middleware.RequestIdMiddleware",
    # /healthz, /readyz and /metrics, answered before host checks and sessions.
    "kontaktcenter.api.operations.OperationsMiddleware",
    "kontaktcenter.core.metrics.RequestMetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "kontaktcenter.api.middleware.ApiLimitsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "kontaktcenter.urls"
WSGI_APPLICATION = "kontaktcenter.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kontaktcenter.desk.context_processors.navigation",
                "kontaktcenter.desk.context_processors.delivery_warnings",
            ],
        },
    },
]


def _database_config() -> dict[str, object]:
    url = env_str("DATABASE_URL", "")
    if not url:
        # The folder is made when the application starts (core.directories), not here.
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "kontaktcenter.sqlite3",
            "OPTIONS": {
                # WAL lets readers work while one writer commits; IMMEDIATE avoids the
                # "database is locked" upgrade failure when two writers start together.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            # Tests use a file too, so they run SQLite as production does (WAL, locking).
            "TEST": {"NAME": DATA_DIR / "test.sqlite3"},
            "CONN_HEALTH_CHECKS": True,
        }
    try:
        config = dj_database_url.parse(
            url,
            conn_max_age=env_int("DATABASE_CONN_MAX_AGE", default=60, minimum=0),
            # A persistent connection the database server closed (restart, idle timeout) is
            # replaced at the next request instead of failing it; workers live for days.
            conn_health_checks=True,
        )
    except ValueError as error:
        raise ConfigurationError(f"DATABASE_URL cannot be used: {error}") from None
    if "sqlite" in str(config["ENGINE"]):
        config.setdefault("OPTIONS", {}).update(
            {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"}
        )
    return dict(config)


DATABASES = {"default": _database_config()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "desk:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "sv"
# Each language is named in itself, as language switchers do.
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
# WhiteNoise serves from the app folders (finders) until collectstatic fills STATIC_ROOT;
# core.directories makes the folder at start-up so WhiteNoise finds it.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# --- HTTPS behind a TLS-terminating proxy ------------------------------------------------------
# waitress speaks plain HTTP; HTTPS ends at a proxy (nginx, HAProxy, a load balancer). Only when
# the deployment says so is X-Forwarded-Proto trusted: the proxy must set it on every request
# and drop any value the client sent, or a client could claim HTTPS.
BEHIND_TLS_PROXY = env_bool("KONTAKTCENTER_BEHIND_TLS_PROXY", default=False)
_TLS_PROXY_OPTIONS = (
    "KONTAKTCENTER_TRUSTED_PROXY",
    "KONTAKTCENTER_SSL_REDIRECT",
    "KONTAKTCENTER_HSTS_SECONDS",
    "KONTAKTCENTER_HSTS_INCLUDE_SUBDOMAINS",
    "KONTAKTCENTER_HSTS_PRELOAD",
)
SECURE_PROXY_SSL_HEADER: tuple[str, str] | None = None
# The peer whose X-Forwarded-Proto `kontaktcenter serve` passes on; waitress drops the header
# from every other peer (read by core's serve command, not by Django).
TRUSTED_PROXY: str | None = None
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
SECURE_HSTS_PRELOAD = False
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    TRUSTED_PROXY = env_peer("KONTAKTCENTER_TRUSTED_PROXY", default="127.0.0.1")
    SECURE_SSL_REDIRECT = env_bool("KONTAKTCENTER_SSL_REDIRECT", default=True)
    # An hour by default: browsers keep HSTS for its whole lifetime, so raise it once HTTPS has
    # proved itself, and include subdomains only when every subdomain speaks HTTPS.
    SECURE_HSTS_SECONDS = env_int("KONTAKTCENTER_HSTS_SECONDS", default=3600, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool(
        "KONTAKTCENTER_HSTS_INCLUDE_SUBDOMAINS", default=False
    )
    SECURE_HSTS_PRELOAD = env_bool("KONTAKTCENTER_HSTS_PRELOAD", default=False)
    if SECURE_HSTS_PRELOAD and not (
        SECURE_HSTS_INCLUDE_SUBDOMAINS and SECURE_HSTS_SECONDS >= 31_536_000
    ):
        raise ConfigurationError(
            "KONTAKTCENTER_HSTS_PRELOAD=1 needs KONTAKTCENTER_HSTS_INCLUDE_SUBDOMAINS=1 and "
            "KONTAKTCENTER_HSTS_SECONDS of at least 31536000 (one year)."
        )
elif stray := env_present(*_TLS_PROXY_OPTIONS):
    raise ConfigurationError(
        f"{', '.join(stray)} only apply behind a TLS proxy: set "
        "KONTAKTCENTER_BEHIND_TLS_PROXY=1 or remove them."
    )

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("KONTAKTCENTER_SECURE_COOKIES", default=BEHIND_TLS_PROXY)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"

# --- e-mail -----------------------------------------------------------------------------------
_EMAIL_BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}
EMAIL_BACKEND = _EMAIL_BACKENDS[
    env_choice(
        "KONTAKTCENTER_EMAIL_BACKEND",
        choices=_EMAIL_BACKENDS,
        default="console" if DEBUG else "smtp",
    )
]
# The file backend makes this folder itself when it is first used, not on import.
EMAIL_FILE_PATH = DATA_DIR / "mail"
EMAIL_HOST = env_str("KONTAKTCENTER_EMAIL_HOST", "localhost")
EMAIL_USE_TLS = env_bool("KONTAKTCENTER_EMAIL_STARTTLS", default=False)
EMAIL_USE_SSL = env_bool("KONTAKTCENTER_EMAIL_SSL", default=False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ConfigurationError(
        "Set only one of KONTAKTCENTER_EMAIL_STARTTLS (a plain connection upgraded to TLS, "
        "usually port 587) and KONTAKTCENTER_EMAIL_SSL (TLS from the start, usually port 465)."
    )
EMAIL_PORT = env_port(
    "KONTAKTCENTER_EMAIL_PORT", default=465 if EMAIL_USE_SSL else 587 if EMAIL_USE_TLS else 25
)
EMAIL_HOST_USER = env_str("KONTAKTCENTER_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("KONTAKTCENTER_EMAIL_PASSWORD", "")
if bool(EMAIL_HOST_USER) != bool(EMAIL_HOST_PASSWORD):
    raise ConfigurationError(
        "Set both KONTAKTCENTER_EMAIL_USER and KONTAKTCENTER_EMAIL_PASSWORD, or neither."
    )
EMAIL_TIMEOUT = env_int("KONTAKTCENTER_EMAIL_TIMEOUT", default=10, minimum=1)
DEFAULT_FROM_EMAIL = env_email(
    "KONTAKTCENTER_EMAIL_FROM", default="noreply@kontaktcenter.localhost"
)
# The sender of error reports to administrators.
SERVER_EMAIL = env_email("KONTAKTCENTER_SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
EMAIL_SUBJECT_PREFIX = "[Kontaktcenter] "


# --- cache shared by every web and worker process ---------------------------------------------
# The database cache's table is made by core's migration 0001_shared_cache_table, so every
# `migrate` (deployments, the demo, the test databases) has it without `createcachetable`.
DATABASE_CACHE_TABLE = "kontaktcenter_cache"


def _cache_config() -> dict[str, object]:
    value = env_str("KONTAKTCENTER_CACHE", "database").strip()
    if value.lower() == "database":
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": DATABASE_CACHE_TABLE,
        }
    if value.lower() == "locmem":
        # One cache per process: fine for a single process, not shared between workers.
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if value.startswith(("redis://", "rediss://", "unix://")):
        if find_spec("redis") is None:
            raise ConfigurationError(
                "KONTAKTCENTER_CACHE is a Redis URL, but the redis package is not installed "
                "(pip install 'kontaktcenter[redis]')."
            )
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": value}
    # The value is not repeated: a mistyped Redis URL may hold a password.
    raise ConfigurationError(
        "KONTAKTCENTER_CACHE must be database, locmem or a Redis URL "
        "(redis://host:6379/0, rediss://…, unix://…)."
    )


CACHES = {"default": {**_cache_config(), "KEY_PREFIX": "kontaktcenter"}}

# Case references shown to people: KC-2026-000123.
CASE_REFERENCE_PREFIX = env_str("KONTAKTCENTER_CASE_PREFIX", "KC")
# Where staff reach the desk; links in delivered e-mails point here.
PUBLIC_BASE_URL = env_str("KONTAKTCENTER_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")

# --- the resident e-service and the e-mail channel (docs/email-channel.md) -----------------------
# A resident writing to a case closed at most this many days ago reopens it; later, a new case
# linked to the old one is started.
CASE_REOPEN_WITHIN_DAYS = env_int("KONTAKTCENTER_REOPEN_WITHIN_DAYS", default=30, minimum=0)
# Submissions (new inquiries, replies, ratings) one client may make within the window.
ESERVICE_RATE_LIMIT = env_int("KONTAKTCENTER_ESERVICE_RATE_LIMIT", default=10, minimum=1)
ESERVICE_RATE_WINDOW_SECONDS = env_int("KONTAKTCENTER_ESERVICE_RATE_WINDOW", default=600, minimum=1)
# Files one e-mail may add to its case (each within the attachment limits further down).
EMAIL_ATTACHMENTS_MAX_COUNT = env_int("KONTAKTCENTER_ATTACHMENTS_MAX", default=10, minimum=0)
# How often a worker reads the functional mailboxes.
EMAIL_POLL_SECONDS = env_int("KONTAKTCENTER_EMAIL_POLL_SECONDS", default=60, minimum=1)
# A mail that fails this many times is moved to its mailbox's retry folder for a person.
EMAIL_INTAKE_MAX_FAILURES = env_int("KONTAKTCENTER_EMAIL_MAX_FAILURES", default=3, minimum=1)

# --- forwarding to organisations' own systems (docs/forwarding.md) ----------------------------
# Hosts deliveries may reach over plain http and inside private networks: local test receivers.
FORWARDING_ALLOWED_HOSTS = env_list("KONTAKTCENTER_FORWARDING_ALLOWED_HOSTS", default=[])
FORWARDING_TIMEOUT_SECONDS = env_int("KONTAKTCENTER_FORWARDING_TIMEOUT", default=10, minimum=1)
# A worker's claim on a delivery; longer than any one send may take.
FORWARDING_LEASE_SECONDS = env_int("KONTAKTCENTER_FORWARDING_LEASE", default=60, minimum=1)
FORWARDING_MAX_ATTEMPTS = env_int("KONTAKTCENTER_FORWARDING_MAX_ATTEMPTS", default=12, minimum=1)
FORWARDING_BACKOFF_BASE_SECONDS = env_int(
    "KONTAKTCENTER_FORWARDING_BACKOFF_BASE", default=10, minimum=1
)
FORWARDING_BACKOFF_MAX_SECONDS = env_int(
    "KONTAKTCENTER_FORWARDING_BACKOFF_MAX", default=3600, minimum=1
)
FORWARDING_CIRCUIT_FAILURES = env_int(
    "KONTAKTCENTER_FORWARDING_CIRCUIT_FAILURES", default=5, minimum=1
)
FORWARDING_CIRCUIT_COOLDOWN_SECONDS = env_int(
    "KONTAKTCENTER_FORWARDING_CIRCUIT_COOLDOWN", default=300, minimum=1
)
# An endpoint failing this long is shown as a warning to its organisation's administrators.
FORWARDING_WARN_AFTER_MINUTES = env_int(
    "KONTAKTCENTER_FORWARDING_WARN_AFTER", default=30, minimum=1
)
# How often an idle worker looks for work when the database cannot notify it (SQLite).
FORWARDING_POLL_MS = env_int("KONTAKTCENTER_FORWARDING_POLL_MS", default=500, minimum=10)
# On PostgreSQL idle workers LISTEN for new deliveries; 0 makes them poll (to compare, or behind a
# connection pooler in transaction mode, which drops LISTEN).
FORWARDING_LISTEN = env_bool("KONTAKTCENTER_FORWARDING_LISTEN", default=True)

# --- attachments on cases (docs/attachments.md) -------------------------------------------------
# Outside the web root: files are served only by the desk's download view, after its checks.
ATTACHMENTS_DIR = env_path("KONTAKTCENTER_ATTACHMENTS_DIR", default=DATA_DIR / "attachments")
ATTACHMENT_MAX_BYTES = (
    env_int("KONTAKTCENTER_ATTACHMENT_MAX_MB", default=20, minimum=1, maximum=1024) * 1024 * 1024
)
# Types as sniffed from the content (libmagic), not as the sender named them.
ATTACHMENT_TYPES = env_list(
    "KONTAKTCENTER_ATTACHMENT_TYPES",
    default=[
        "application/pdf",
        "image/jpeg",
        "image/png",
        "image/gif",
        "image/webp",
        "image/heic",
        "image/tiff",
        "text/plain",
        "text/csv",
        "application/msword",
        "application/vnd.ms-excel",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
        "message/rfc822",
    ],
)
# --- the API and Open311 (docs/api.md) ---------------------------------------------------------
# Requests a minute per integration key (or per client address without one), across processes.
API_RATE_LIMIT_PER_MINUTE = env_int("KONTAKTCENTER_API_RATE_LIMIT", default=600, minimum=1)
# The largest request body the API and Open311 accept, in bytes.
API_MAX_BODY_BYTES = env_int("KONTAKTCENTER_API_MAX_BODY", default=65_536, minimum=1_024)

# "json" (the default): one JSON object a line without personal data, for the city's log store
# (kontaktcenter/core/logs.py); "text" for reading in a terminal while developing.
LOG_FORMAT = env_str("KONTAKTCENTER_LOG_FORMAT", "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "kontaktcenter.core.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "text" if LOG_FORMAT == "text" else "json",
        }
    },
    "root": {"handlers": ["console"], "level": env_str("KONTAKTCENTER_LOG_LEVEL", "INFO")},
    # httpx logs every request's full URL at INFO; the Open311 API key travels in the query.
    "loggers": {"httpx": {"level": "WARNING"}},
}

# Automatic categorisation (routing.classifier): retrain after this many agents' corrections,
# and nightly when there are any; until then a correction acts at once through the memory.
CLASSIFIER_RETRAIN_EVERY = env_int("KONTAKTCENTER_CLASSIFIER_RETRAIN_EVERY", default=50, minimum=1)
# A bearer token /metrics asks for; empty leaves it open, for a scraper on a network the reverse
# proxy does not expose (docs/deployment.md).
METRICS_TOKEN = env_str("KONTAKTCENTER_METRICS_TOKEN", "")

# How often a worker runs retention (gallring) by the records-management plan; 0 leaves it to
# a scheduled `kontaktcenter retention` (docs/privacy.md).
RETENTION_EVERY_SECONDS = env_int("KONTAKTCENTER_RETENTION_EVERY", default=3600, minimum=0)

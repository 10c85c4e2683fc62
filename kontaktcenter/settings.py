"""Django settings. Every deployment-specific value comes from an environment variable.

Importing this module only reads the environment: it creates no folder and opens no file or
connection (kontaktcenter.core.directories makes the data folders when the application starts).
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
import django_stubs_ext

from kontaktcenter.core.env import (
    ConfigurationError,
    env_bool,
    env_int,
    env_list,
    env_path,
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
CSRF_TRUSTED_ORIGINS = env_list("KONTAKTCENTER_CSRF_TRUSTED_ORIGINS", default=[])

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
    "kontaktcenter.desk",
    "kontaktcenter.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
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
            conn_max_age=env_int("DATABASE_CONN_MAX_AGE", default=60),
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

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("KONTAKTCENTER_SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"

# Case references shown to people: KC-2026-000123.
CASE_REFERENCE_PREFIX = env_str("KONTAKTCENTER_CASE_PREFIX", "KC")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("KONTAKTCENTER_LOG_LEVEL", "INFO")},
}

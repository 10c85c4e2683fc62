"""What a deployer notices of the settings: wrong values stop the start with the variable's name,
HTTPS options apply only behind a TLS proxy, and loading the settings writes nothing to disk.

Each case loads the settings in a fresh Python process with its own environment, as a start of
the application would.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

NAMES = [
    "CACHES",
    "CSRF_COOKIE_SECURE",
    "DATABASES",
    "DEFAULT_FROM_EMAIL",
    "EMAIL_BACKEND",
    "EMAIL_FILE_PATH",
    "EMAIL_PORT",
    "EMAIL_USE_SSL",
    "EMAIL_USE_TLS",
    "SECURE_HSTS_SECONDS",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SERVER_EMAIL",
    "SESSION_COOKIE_SECURE",
]

LOAD = f"""
import json
import kontaktcenter.settings as s
print(json.dumps({{name: getattr(s, name) for name in {NAMES!r}}}, default=str))
"""

# Stand-ins for the optional redis package, installed or not, whatever this machine has.
REDIS_MISSING = "import sys; sys.modules['redis'] = None\n"
REDIS_INSTALLED = (
    "import sys, types, importlib.machinery\n"
    "sys.modules['redis'] = types.ModuleType('redis')\n"
    "sys.modules['redis'].__spec__ = importlib.machinery.ModuleSpec('redis', None)\n"
)


def _run(code: str, data_dir: Path, variables: dict[str, str]) -> subprocess.CompletedProcess[str]:
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("KONTAKTCENTER_")
        and name not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    environment |= {
        "KONTAKTCENTER_SECRET_KEY": "a-test-secret-that-is-long-enough-for-django-checks-0123",
        "KONTAKTCENTER_DATA_DIR": str(data_dir),
        **variables,
    }
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        env=environment,
        cwd=data_dir.parent,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def loaded(data_dir: Path, prelude: str = "", **variables: str) -> dict[str, Any]:
    result = _run(prelude + LOAD, data_dir, variables)
    assert result.returncode == 0, result.stderr
    values: dict[str, Any] = json.loads(result.stdout)
    return values


def refused(data_dir: Path, prelude: str = "", **variables: str) -> str:
    """The message the start stops with."""
    result = _run(prelude + LOAD, data_dir, variables)
    assert result.returncode != 0, "the settings were accepted"
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("kontaktcenter.core.env.ConfigurationError: "), result.stderr
    return last_line.removeprefix("kontaktcenter.core.env.ConfigurationError: ")


# --- the data folder ---------------------------------------------------------------------------


def test_loading_the_settings_creates_no_folder(data_dir: Path) -> None:
    loaded(data_dir)

    assert not data_dir.exists()


def test_the_first_command_makes_the_data_folder_and_opens_the_database(data_dir: Path) -> None:
    result = _run(
        "from kontaktcenter.cli import main; main(['showmigrations', 'core'])", data_dir, {}
    )

    assert result.returncode == 0, result.stderr
    assert "shared_cache_table" in result.stdout
    assert (data_dir / "kontaktcenter.sqlite3").is_file()
    assert (data_dir / "static").is_dir()


def test_a_wrong_value_stops_a_command_with_one_line_naming_the_variable(data_dir: Path) -> None:
    result = _run(
        "from kontaktcenter.cli import main; main(['check'])",
        data_dir,
        {"KONTAKTCENTER_EMAIL_PORT": "smtp"},
    )

    assert result.returncode != 0
    assert result.stderr == (
        "kontaktcenter: Environment variable KONTAKTCENTER_EMAIL_PORT must be an integer, "
        "got 'smtp'.\n"
    )
    assert not data_dir.exists()


# --- HTTPS behind a TLS proxy ------------------------------------------------------------------


def test_the_forwarded_protocol_is_not_trusted_by_default(data_dir: Path) -> None:
    settings = loaded(data_dir)

    assert settings["SECURE_PROXY_SSL_HEADER"] is None
    assert settings["SECURE_SSL_REDIRECT"] is False
    assert settings["SECURE_HSTS_SECONDS"] == 0
    assert settings["SESSION_COOKIE_SECURE"] is False


def test_behind_a_tls_proxy_https_is_trusted_required_and_remembered(data_dir: Path) -> None:
    settings = loaded(data_dir, KONTAKTCENTER_BEHIND_TLS_PROXY="1")

    assert settings["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SECURE_HSTS_SECONDS"] == 3600
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["CSRF_COOKIE_SECURE"] is True


def test_https_options_without_the_proxy_switch_are_refused(data_dir: Path) -> None:
    message = refused(data_dir, KONTAKTCENTER_HSTS_SECONDS="31536000")

    assert "KONTAKTCENTER_HSTS_SECONDS" in message
    assert "KONTAKTCENTER_BEHIND_TLS_PROXY=1" in message


def test_the_trusted_proxy_must_be_an_ip_address(data_dir: Path) -> None:
    """waitress compares the peer's address, so a host name would never match."""
    message = refused(
        data_dir,
        KONTAKTCENTER_BEHIND_TLS_PROXY="1",
        KONTAKTCENTER_TRUSTED_PROXY="proxy.stockholm.se",
    )

    assert "KONTAKTCENTER_TRUSTED_PROXY" in message


def test_hsts_preload_needs_subdomains_and_a_year(data_dir: Path) -> None:
    message = refused(data_dir, KONTAKTCENTER_BEHIND_TLS_PROXY="1", KONTAKTCENTER_HSTS_PRELOAD="1")

    assert "KONTAKTCENTER_HSTS_INCLUDE_SUBDOMAINS" in message


def test_a_trusted_origin_without_its_scheme_is_refused(data_dir: Path) -> None:
    message = refused(data_dir, KONTAKTCENTER_CSRF_TRUSTED_ORIGINS="kontaktcenter.stockholm.se")

    assert "KONTAKTCENTER_CSRF_TRUSTED_ORIGINS" in message


# --- e-mail -----------------------------------------------------------------------------------


def test_production_sends_mail_over_smtp_and_debug_prints_it(data_dir: Path) -> None:
    assert loaded(data_dir)["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    debug = loaded(data_dir, KONTAKTCENTER_DEBUG="1")
    assert debug["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_the_file_backend_writes_under_the_data_folder(data_dir: Path) -> None:
    settings = loaded(data_dir, KONTAKTCENTER_EMAIL_BACKEND="file")

    assert settings["EMAIL_BACKEND"] == "django.core.mail.backends.filebased.EmailBackend"
    assert settings["EMAIL_FILE_PATH"] == str(data_dir / "mail")


def test_an_unknown_mail_backend_is_refused(data_dir: Path) -> None:
    message = refused(data_dir, KONTAKTCENTER_EMAIL_BACKEND="sendmail")

    assert "KONTAKTCENTER_EMAIL_BACKEND" in message
    assert "smtp" in message


@pytest.mark.parametrize(
    ("variables", "port"),
    [
        ({}, 25),
        ({"KONTAKTCENTER_EMAIL_STARTTLS": "1"}, 587),
        ({"KONTAKTCENTER_EMAIL_SSL": "1"}, 465),
        ({"KONTAKTCENTER_EMAIL_SSL": "1", "KONTAKTCENTER_EMAIL_PORT": "2465"}, 2465),
    ],
)
def test_the_smtp_port_follows_the_encryption_unless_given(
    data_dir: Path, variables: dict[str, str], port: int
) -> None:
    assert loaded(data_dir, **variables)["EMAIL_PORT"] == port


@pytest.mark.parametrize("value", ["0", "65536", "smtp"])
def test_a_port_that_cannot_be_is_refused(data_dir: Path, value: str) -> None:
    assert "KONTAKTCENTER_EMAIL_PORT" in refused(data_dir, KONTAKTCENTER_EMAIL_PORT=value)


def test_starttls_and_ssl_together_are_refused(data_dir: Path) -> None:
    message = refused(data_dir, KONTAKTCENTER_EMAIL_STARTTLS="1", KONTAKTCENTER_EMAIL_SSL="1")

    assert "KONTAKTCENTER_EMAIL_STARTTLS" in message
    assert "KONTAKTCENTER_EMAIL_SSL" in message


def test_a_user_without_a_password_is_refused(data_dir: Path) -> None:
    message = refused(data_dir, KONTAKTCENTER_EMAIL_USER="kontaktcenter")

    assert "KONTAKTCENTER_EMAIL_PASSWORD" in message


def test_the_sender_defaults_to_a_development_address_and_may_carry_a_name(
    data_dir: Path,
) -> None:
    assert loaded(data_dir)["DEFAULT_FROM_EMAIL"] == "noreply@kontaktcenter.localhost"
    named = loaded(
        data_dir, KONTAKTCENTER_EMAIL_FROM="Kontaktcenter Stockholm <kontaktcenter@stockholm.se>"
    )
    assert named["DEFAULT_FROM_EMAIL"] == "Kontaktcenter Stockholm <kontaktcenter@stockholm.se>"
    assert named["SERVER_EMAIL"] == named["DEFAULT_FROM_EMAIL"]


def test_a_sender_that_is_not_an_address_is_refused(data_dir: Path) -> None:
    assert "KONTAKTCENTER_EMAIL_FROM" in refused(data_dir, KONTAKTCENTER_EMAIL_FROM="noreply")


# --- the shared cache and the database ----------------------------------------------------------


def test_the_cache_is_the_database_unless_chosen_otherwise(data_dir: Path) -> None:
    cache = loaded(data_dir)["CACHES"]["default"]
    assert cache["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    local = loaded(data_dir, KONTAKTCENTER_CACHE="locmem")["CACHES"]["default"]
    assert local["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_a_redis_url_chooses_redis(data_dir: Path) -> None:
    settings = loaded(data_dir, REDIS_INSTALLED, KONTAKTCENTER_CACHE="redis://cache:6379/1")

    assert settings["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert settings["CACHES"]["default"]["LOCATION"] == "redis://cache:6379/1"


def test_a_redis_url_without_the_redis_package_is_refused(data_dir: Path) -> None:
    message = refused(data_dir, REDIS_MISSING, KONTAKTCENTER_CACHE="redis://cache:6379/1")

    assert "KONTAKTCENTER_CACHE" in message
    assert "kontaktcenter[redis]" in message


def test_an_unknown_cache_is_refused_without_repeating_the_value(data_dir: Path) -> None:
    message = refused(data_dir, KONTAKTCENTER_CACHE="redis:/kc:hemligt@cache")

    assert "KONTAKTCENTER_CACHE" in message
    assert "hemligt" not in message


def test_database_connections_are_checked_before_reuse(data_dir: Path) -> None:
    sqlite = loaded(data_dir)["DATABASES"]["default"]
    postgres = loaded(data_dir, DATABASE_URL="postgres://kc@db:5432/kontaktcenter")
    assert sqlite["CONN_HEALTH_CHECKS"] is True
    assert postgres["DATABASES"]["default"]["CONN_HEALTH_CHECKS"] is True

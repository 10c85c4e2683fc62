"""Typed readers for settings that come from environment variables.

Each reader fails loudly with the variable's name when the value cannot be used, so a
misconfigured deployment stops at start-up instead of misbehaving later. Readers only read the
environment: they create no file and open no connection.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Collection
from email.utils import parseaddr
from pathlib import Path
from urllib.parse import urlsplit

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class ConfigurationError(RuntimeError):
    """An environment variable holds a value the application cannot use."""


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ConfigurationError(f"Environment variable {name} must be set.")
    return value


def env_bool(name: str, *, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    lowered = raw.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ConfigurationError(
        f"Environment variable {name} must be a boolean (1/0, true/false), got {raw!r}."
    )


def env_int(
    name: str, *, default: int, minimum: int | None = None, maximum: int | None = None
) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigurationError(
            f"Environment variable {name} must be an integer, got {raw!r}."
        ) from None
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        if maximum is None:
            allowed = f"at least {minimum}"
        elif minimum is None:
            allowed = f"at most {maximum}"
        else:
            allowed = f"between {minimum} and {maximum}"
        raise ConfigurationError(f"Environment variable {name} must be {allowed}, got {value}.")
    return value


def env_port(name: str, *, default: int) -> int:
    return env_int(name, default=default, minimum=1, maximum=65535)


def env_choice(name: str, *, choices: Collection[str], default: str) -> str:
    """One of a few words, in any letter case."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value not in choices:
        raise ConfigurationError(
            f"Environment variable {name} must be one of {', '.join(sorted(choices))}, got {raw!r}."
        )
    return value


def env_list(name: str, *, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_path(name: str, *, default: Path) -> Path:
    raw = os.environ.get(name)
    return Path(raw).expanduser().resolve() if raw else default


def env_email(name: str, *, default: str) -> str:
    """An address to send from: `noreply@example.se` or `Kontaktcenter <noreply@example.se>`."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip()
    _display_name, address = parseaddr(value)
    local, at, domain = address.rpartition("@")
    if not (local and at and "." in domain) or any(char.isspace() for char in address):
        raise ConfigurationError(
            f"Environment variable {name} must be an e-mail address such as "
            f"kontaktcenter@stockholm.se, got {raw!r}."
        )
    return value


def env_origins(name: str, *, default: list[str]) -> list[str]:
    """Comma-separated origins with their scheme, e.g. `https://kontaktcenter.stockholm.se`."""
    origins = env_list(name, default=default)
    for origin in origins:
        parts = urlsplit(origin)
        if (
            parts.scheme not in {"http", "https"}
            or not parts.netloc
            or parts.path
            or parts.query
            or parts.fragment
        ):
            raise ConfigurationError(
                f"Environment variable {name} must list origins such as "
                f"https://kontaktcenter.stockholm.se (scheme and host, no path), got {origin!r}."
            )
    return origins


def env_peer(name: str, *, default: str) -> str:
    """One IP address (`127.0.0.1`, `10.0.0.5`, `::1`), or `*` for any peer."""
    value = os.environ.get(name, default).strip()
    if value != "*":
        try:
            ipaddress.ip_address(value)
        except ValueError:
            raise ConfigurationError(
                f"Environment variable {name} must be one IP address or *, got {value!r}."
            ) from None
    return value


def env_present(*names: str) -> list[str]:
    """The variables among `names` that are set at all, in the order given."""
    return [name for name in names if name in os.environ]

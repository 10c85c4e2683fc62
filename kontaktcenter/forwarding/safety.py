"""Outbound safety: a delivery endpoint must not turn the server into a way into the city's
own network. URLs must be https and must not resolve to loopback, link-local, private or other
non-public addresses, unless the host is on the operator's allowlist
(KONTAKTCENTER_FORWARDING_ALLOWED_HOSTS; tests and the demo list 127.0.0.1)."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kontaktcenter.core.errors import ErrorCode, error_code

NOT_HTTPS = error_code("endpoint.not_https", _("The address must start with https://."))
NO_HOST = error_code("endpoint.no_host", _("The address has no host name."))
UNRESOLVED = error_code("endpoint.unresolved", _("The host name %(host)s cannot be found in DNS."))
PRIVATE_ADDRESS = error_code(
    "endpoint.private_address",
    _("%(host)s points into a private or local network, which deliveries may not reach."),
)


def _allowed_hosts() -> frozenset[str]:
    return frozenset(host.lower() for host in settings.FORWARDING_ALLOWED_HOSTS)


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    return ip.is_global and not ip.is_multicast


def refusal(url: str) -> tuple[ErrorCode, dict[str, str]] | None:
    """Why deliveries may not go to `url`, or None when they may. Resolves the host."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if not host:
        return NO_HOST, {}
    if host in _allowed_hosts():
        return None
    if parts.scheme != "https":
        return NOT_HTTPS, {}
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, parts.port or 443)}
    except (socket.gaierror, UnicodeError):
        return UNRESOLVED, {"host": host}
    if not addresses or not all(_is_public(str(address)) for address in addresses):
        return PRIVATE_ADDRESS, {"host": host}
    return None

"""`kontaktcenter serve` behind a TLS proxy: HTTPS forwarded by the proxy is served, with HSTS;
the same claim from any other peer is ignored and the request sent to HTTPS.

waitress drops X-Forwarded-Proto from untrusted peers, so without the trust set up by the
command every request would be redirected to itself. This runs the real server.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

LOGIN = "/konto/logga-in/"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _get(port: int, headers: dict[str, str]) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", LOGIN, headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def _serve(tmp_path: Path, **variables: str) -> Iterator[int]:
    port = _free_port()
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("KONTAKTCENTER_")
        and name not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    environment |= {
        "KONTAKTCENTER_SECRET_KEY": "a-test-secret-that-is-long-enough-for-django-checks-0123",
        "KONTAKTCENTER_DATA_DIR": str(tmp_path / "data"),
        "KONTAKTCENTER_BEHIND_TLS_PROXY": "1",
        **variables,
    }
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and command
        [
            sys.executable,
            "-c",
            f"from kontaktcenter.cli import main; main(['serve', '--port', '{port}'])",
        ],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"the server did not start: {server.communicate()[1]!r}")
                time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stderr:
            server.stderr.close()


@pytest.fixture
def behind_local_proxy(tmp_path: Path) -> Iterator[int]:
    yield from _serve(tmp_path)


@pytest.fixture
def behind_a_proxy_elsewhere(tmp_path: Path) -> Iterator[int]:
    yield from _serve(tmp_path, KONTAKTCENTER_TRUSTED_PROXY="192.0.2.10")


def test_https_forwarded_by_the_proxy_is_served_with_hsts(behind_local_proxy: int) -> None:
    response = _get(behind_local_proxy, {"X-Forwarded-Proto": "https"})

    assert response.status == 200
    assert response.getheader("Strict-Transport-Security") == "max-age=3600"


def test_plain_http_is_sent_to_https(behind_local_proxy: int) -> None:
    response = _get(behind_local_proxy, {})

    assert response.status == 301
    assert response.getheader("Location") == f"https://127.0.0.1:{behind_local_proxy}{LOGIN}"


def test_a_claim_of_https_from_another_peer_is_ignored(behind_a_proxy_elsewhere: int) -> None:
    response = _get(behind_a_proxy_elsewhere, {"X-Forwarded-Proto": "https"})

    assert response.status == 301

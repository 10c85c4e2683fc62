"""Receiving systems for the forwarding tests, as real servers on 127.0.0.1.

Each fixture here is self-contained; add new receivers beside them.
"""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.forwarding.smtp_fixtures import smtp_server

__all__ = ["smtp_server"]

# --- Open311 GeoReport v2 ---------------------------------------------------------------------


@dataclass(frozen=True)
class Open311Received:
    """One request the Open311 test server received."""

    method: str
    path: str
    query: dict[str, list[str]]
    form: dict[str, list[str]]
    content_type: str

    def field(self, name: str) -> str:
        """A single form field (POST) or query parameter (GET)."""
        values = self.form.get(name) or self.query.get(name) or []
        assert len(values) == 1, f"{name}: {values}"
        return values[0]


@dataclass
class Open311ServiceRequest:
    service_code: str
    description: str
    status: str = "open"
    status_notes: str = ""


@dataclass
class Open311TestServer:
    """A small GeoReport v2 server: POST requests.json, GET tokens/{token}.json and
    GET requests.json?service_request_id=…, all under /open311/v2 and all checking the API key.

    `answer` says how POST requests.json answers: "id" (a service_request_id), "token" (a token
    to be resolved later with `resolve_token`), "unavailable" (503 with Retry-After) or
    "not_json" (200 with an HTML page). An unknown service code is a GeoReport 400 error.
    `fail_gets` makes every GET answer 503.
    """

    api_key: str = "open311-test-key"
    services: set[str] = field(default_factory=lambda: {"streetlight", "pothole"})
    answer: str = "id"
    fail_gets: bool = False
    retry_after: int = 120
    base_path: str = "/open311/v2"
    received: list[Open311Received] = field(default_factory=list)
    requests: dict[str, Open311ServiceRequest] = field(default_factory=dict)
    tokens: dict[str, str | None] = field(default_factory=dict)
    port: int = 0
    _numbers: Iterator[int] = field(default_factory=lambda: itertools.count(4711))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.base_path}"

    def posts(self) -> list[Open311Received]:
        return [request for request in self.received if request.method == "POST"]

    def gets(self, resource: str) -> list[Open311Received]:
        """GETs of "requests" or "tokens"."""
        prefix = f"{self.base_path}/{resource}"
        return [r for r in self.received if r.method == "GET" and r.path.startswith(prefix)]

    def resolve_token(self, token: str) -> str:
        """The receiver has made the service request the token stands for."""
        with self._lock:
            service_request_id = self.tokens[token] = str(next(self._numbers))
            self.requests[service_request_id] = Open311ServiceRequest("", "")
        return service_request_id

    def set_status(self, service_request_id: str, status: str, notes: str = "") -> None:
        with self._lock:
            self.requests[service_request_id].status = status
            self.requests[service_request_id].status_notes = notes

    # --- what the handler calls (in the server's thread) --------------------------------------

    def handle(self, received: Open311Received) -> tuple[int, dict[str, str], Any]:
        with self._lock:
            self.received.append(received)
            key = received.form.get("api_key") or received.query.get("api_key") or [""]
            if key != [self.api_key]:
                return 403, {}, [{"code": 403, "description": "Invalid api_key"}]
            return self._answer(received)

    def _answer(self, received: Open311Received) -> tuple[int, dict[str, str], Any]:
        path = received.path.removeprefix(self.base_path)
        if received.method == "POST" and path == "/requests.json":
            return self._create(received)
        if received.method == "GET" and self.fail_gets:
            return 503, {}, "Service Unavailable"
        if received.method == "GET" and path.startswith("/tokens/"):
            return self._token(path.removeprefix("/tokens/").removesuffix(".json"))
        if received.method == "GET" and path == "/requests.json":
            wanted = ",".join(received.query.get("service_request_id", [])).split(",")
            return 200, {}, [self._describe(i) for i in wanted if i in self.requests]
        return 404, {}, [{"code": 404, "description": "Not found"}]

    def _token(self, token: str) -> tuple[int, dict[str, str], Any]:
        if token not in self.tokens:
            return 404, {}, [{"code": 404, "description": "Token not found"}]
        return 200, {}, [{"token": token, "service_request_id": self.tokens[token]}]

    def _create(self, received: Open311Received) -> tuple[int, dict[str, str], Any]:
        if self.answer == "unavailable":
            return 503, {"Retry-After": str(self.retry_after)}, "Service Unavailable"
        if self.answer == "not_json":
            return 200, {}, "<html><body>Welcome</body></html>"
        code = (received.form.get("service_code") or [""])[0]
        if code not in self.services:
            description = f"Service code {code} is not a valid service code"
            return 400, {}, [{"code": 400, "description": description}]
        if self.answer == "token":
            token = f"tok-{next(self._numbers)}"
            self.tokens[token] = None
            return 200, {}, [{"token": token}]
        service_request_id = str(next(self._numbers))
        self.requests[service_request_id] = Open311ServiceRequest(
            code, (received.form.get("description") or [""])[0]
        )
        notice = "Thank you, we will repair it within two weeks"
        return 201, {}, [{"service_request_id": service_request_id, "service_notice": notice}]

    def _describe(self, service_request_id: str) -> dict[str, Any]:
        request = self.requests[service_request_id]
        return {
            "service_request_id": service_request_id,
            "status": request.status,
            "status_notes": request.status_notes or None,
            "service_code": request.service_code,
            "description": request.description,
            "address": "Stockholm",
        }


class _Open311Handler(BaseHTTPRequestHandler):
    open311: ClassVar[Open311TestServer]

    def _serve(self, method: str) -> None:
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        received = Open311Received(
            method=method,
            path=parts.path,
            query=parse_qs(parts.query, keep_blank_values=True),
            form=parse_qs(body, keep_blank_values=True) if method == "POST" else {},
            content_type=self.headers.get("Content-Type", ""),
        )
        status, headers, answer = self.open311.handle(received)
        text = answer if isinstance(answer, str) else json.dumps(answer)
        content = text.encode()
        self.send_response(status)
        kind = "text/html" if isinstance(answer, str) else "application/json"
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(content)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(content)

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Quiet: the test asserts on `received` instead."""


@pytest.fixture
def open311_server() -> Iterator[Open311TestServer]:
    """A GeoReport v2 server on a free port of 127.0.0.1, for this test only."""
    state = Open311TestServer()
    handler = type("Open311Handler", (_Open311Handler,), {"open311": state})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, name="open311-test-server", daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join()

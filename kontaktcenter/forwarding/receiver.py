"""An example receiver of webhook deliveries, for integrators to test against (docs/forwarding.md).

    kontaktcenter forwarding receiver --secret S [--secret S2] [--port 8025] [--fail-first N]

It does what a real receiving system must do, in as little code as possible:

- verify `X-Kontaktcenter-Signature` with `signing.verify` against its secrets (401 when the
  signature is missing, wrong or too old);
- deduplicate on the `Idempotency-Key` header: the first time a key arrives it is stored and
  given the next reference `RCV-<n>`; a repeat gets the same reference and changes nothing. Keys
  live in a SQLite file, so a restarted receiver still recognises them;
- answer 200 with JSON `{"reference": "RCV-<n>"}`, which Kontaktcenter stores on the case.

It counts the correctly signed delivery requests it received (`raw`, retries and repeats
included) and the deliveries it took in for the first time (`distinct`) since it started:
`GET /stats` returns them as JSON and they are printed when it stops. To see how Kontaktcenter
retries, `fail_first` answers 503 to the first N signed requests, and `status` answers every
signed request with another status (429 with `retry_after`, a redirect to `location`, 400...).

Standard library only; `Receiver` runs in a thread of its own, so tests start one on a free
port and stop it again.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Self

from kontaktcenter.forwarding import signing

# Larger bodies are refused with 413; a case event is a few kilobytes.
MAX_BODY_BYTES = 1024 * 1024
STORE_FILE_NAME = "example-receiver.sqlite3"
REFERENCE_PREFIX = "RCV-"


@dataclass(frozen=True)
class Stats:
    raw: int
    distinct: int

    def as_json(self) -> dict[str, int]:
        return {"raw": self.raw, "distinct": self.distinct}


@dataclass(frozen=True)
class Remembered:
    reference: str
    duplicate: bool


class KeyStore:
    """The idempotency keys seen so far, in SQLite, each with the reference it was given.

    One connection shared by the server's threads, behind a lock; `":memory:"` keeps nothing
    across restarts.
    """

    def __init__(self, path: str | Path) -> None:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS deliveries ("
            " n INTEGER PRIMARY KEY,"
            " idempotency_key TEXT NOT NULL UNIQUE,"
            " event TEXT NOT NULL,"
            " case_reference TEXT NOT NULL,"
            " received_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)"
        )

    def remember(self, key: str, *, event: str, case_reference: str) -> Remembered:
        """Store `key` unless it is known; either way return its reference."""
        with self._lock:
            # IMMEDIATE: two receivers sharing the file cannot both take the key as new.
            self._db.execute("BEGIN IMMEDIATE")
            try:
                row = self._db.execute(
                    "SELECT n FROM deliveries WHERE idempotency_key = ?", (key,)
                ).fetchone()
                duplicate = row is not None
                if row is None:
                    cursor = self._db.execute(
                        "INSERT INTO deliveries (idempotency_key, event, case_reference)"
                        " VALUES (?, ?, ?)",
                        (key, event, case_reference),
                    )
                    row = (cursor.lastrowid,)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return Remembered(reference=f"{REFERENCE_PREFIX}{row[0]}", duplicate=duplicate)

    def keys(self) -> list[str]:
        """Every idempotency key taken in, in the order they first arrived."""
        with self._lock:
            rows = self._db.execute("SELECT idempotency_key FROM deliveries ORDER BY n").fetchall()
        return [key for (key,) in rows]

    def __len__(self) -> int:
        with self._lock:
            (count,) = self._db.execute("SELECT count(*) FROM deliveries").fetchone()
        return int(count)

    def close(self) -> None:
        with self._lock:
            self._db.close()


@dataclass
class Behaviour:
    """How the receiver answers signed requests (the defaults are a healthy receiver)."""

    # Answer 503 to the first N signed requests, to see retries.
    fail_first: int = 0
    # The status of every other signed request: 2xx takes the delivery in; anything else
    # refuses it without storing its key.
    status: int = 200
    # Retry-After (seconds) on 429 and 503 answers.
    retry_after: int | None = None
    # Location of a 3xx answer.
    location: str = ""


def _summary(payload: Any) -> tuple[str, str]:
    """The event and the case reference of a delivery's body, for the log."""
    if not isinstance(payload, dict):
        return "?", "?"
    case = payload.get("case")
    reference = case.get("reference") if isinstance(case, dict) else None
    return str(payload.get("event") or "?"), str(reference or "?")


class _QuietServer(ThreadingHTTPServer):
    """A sender that hangs up mid-answer (a worker killed, a timeout) is normal for a receiver;
    it is not worth a traceback on the console."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class Receiver:
    """The example receiver: an HTTP server in a thread of its own.

    `start()` binds (port 0 picks a free one, see `url`) and serves; `stop()` shuts it down and
    closes the store. `log` receives one line per request.
    """

    def __init__(
        self,
        *,
        secrets: Sequence[str],
        store: str | Path = ":memory:",
        host: str = "127.0.0.1",
        port: int = 0,
        behaviour: Behaviour | None = None,
        log: Callable[[str], None] | None = None,
        tolerance: int = signing.TOLERANCE_SECONDS,
    ) -> None:
        if not secrets:
            raise ValueError("the receiver needs at least one secret to verify signatures")
        self.secrets = list(secrets)
        self.behaviour = behaviour or Behaviour()
        self.tolerance = tolerance
        self.log = log or (lambda _line: None)
        self.keys = KeyStore(store)
        self._lock = threading.Lock()
        self._raw = 0
        self._distinct = 0
        self._failed = 0
        self._thread: threading.Thread | None = None
        self._closed = False
        self.server = _QuietServer((host, port), _handler_for(self))
        self.server.daemon_threads = True

    # --- running ------------------------------------------------------------------------------

    @property
    def address(self) -> tuple[str, int]:
        host, port = self.server.server_address[:2]
        return str(host), int(port)

    @property
    def url(self) -> str:
        host, port = self.address
        return f"http://{host}:{port}/"

    def start(self) -> Self:
        self._thread = threading.Thread(
            target=self.server.serve_forever,
            kwargs={"poll_interval": 0.1},
            name=f"receiver:{self.address[1]}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> Stats:
        """Stop serving, release the port and the store; returns the final counts. Stopping a
        stopped receiver does nothing."""
        if self._thread is not None:
            self.server.shutdown()
            self._thread.join()
            self._thread = None
        if not self._closed:
            self._closed = True
            self.server.server_close()
            self.keys.close()
        return self.stats()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    # --- counts -------------------------------------------------------------------------------

    def stats(self) -> Stats:
        with self._lock:
            return Stats(raw=self._raw, distinct=self._distinct)

    def _count_raw(self) -> int:
        """Count one signed request; returns how many of them failed on purpose so far
        (0 means this one is not to fail)."""
        with self._lock:
            self._raw += 1
            if self._failed < self.behaviour.fail_first:
                self._failed += 1
                return self._failed
            return 0

    def _count_distinct(self) -> None:
        with self._lock:
            self._distinct += 1

    # --- one request --------------------------------------------------------------------------

    def handle_delivery(self, body: bytes, headers: dict[str, str]) -> Answer:
        """Decide the answer to one POST (no network here; the handler writes it)."""
        signature = headers.get(signing.SIGNATURE_HEADER.lower(), "")
        if not signing.verify(body, signature, self.secrets, tolerance=self.tolerance):
            key = headers.get(signing.IDEMPOTENCY_HEADER.lower(), "-")
            self.log(f"401 {key} signature missing, wrong or too old")
            return Answer(HTTPStatus.UNAUTHORIZED, {"error": "bad signature"})
        key = headers.get(signing.IDEMPOTENCY_HEADER.lower(), "").strip()
        try:
            payload = json.loads(body)
        except ValueError:
            payload = None
        event, case_reference = _summary(payload)
        behaviour = self.behaviour
        failed = self._count_raw()
        if failed:
            self.log(
                f"503 {key or '-'} {event} {case_reference}"
                f" failing on purpose ({failed} of {behaviour.fail_first})"
            )
            return self._refusal(HTTPStatus.SERVICE_UNAVAILABLE)
        if not 200 <= behaviour.status < 300:
            self.log(f"{behaviour.status} {key or '-'} {event} {case_reference} refused (--status)")
            return self._refusal(behaviour.status)
        if not key:
            self.log(f"400 {event} {case_reference} without an Idempotency-Key")
            return Answer(HTTPStatus.BAD_REQUEST, {"error": "Idempotency-Key header missing"})
        if not isinstance(payload, dict):
            self.log(f"400 {key} body is not a JSON object")
            return Answer(HTTPStatus.BAD_REQUEST, {"error": "body is not a JSON object"})
        remembered = self.keys.remember(key, event=event, case_reference=case_reference)
        if not remembered.duplicate:
            self._count_distinct()
        self.log(
            f"{behaviour.status} {key} {event} {case_reference} "
            f"{'duplicate' if remembered.duplicate else 'new'} {remembered.reference}"
        )
        return Answer(behaviour.status, {"reference": remembered.reference})

    def _refusal(self, status: int) -> Answer:
        headers: dict[str, str] = {}
        behaviour = self.behaviour
        slow_down = {HTTPStatus.TOO_MANY_REQUESTS, HTTPStatus.SERVICE_UNAVAILABLE}
        if status in slow_down and behaviour.retry_after is not None:
            headers["Retry-After"] = str(behaviour.retry_after)
        if 300 <= status < 400 and behaviour.location:
            headers["Location"] = behaviour.location
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            phrase = f"HTTP {status}"
        return Answer(status, {"error": phrase}, headers)


@dataclass(frozen=True)
class Answer:
    """What the receiver answers one request: status, JSON body, extra headers."""

    status: int
    body: dict[str, Any]
    headers: dict[str, str] | None = None


def _handler_for(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "KontaktcenterExampleReceiver/1"
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            if self.path.split("?", 1)[0].rstrip("/") == "/stats":
                self._answer(Answer(HTTPStatus.OK, receiver.stats().as_json()))
            else:
                self._answer(Answer(HTTPStatus.NOT_FOUND, {"error": "POST deliveries here"}))

        def do_POST(self) -> None:
            try:
                length = int(self.headers.get("Content-Length") or 0)
            except ValueError:
                length = -1
            if length < 0:
                self._answer(Answer(HTTPStatus.BAD_REQUEST, {"error": "bad Content-Length"}))
                return
            if length > MAX_BODY_BYTES:
                receiver.log(f"413 body of {length} bytes")
                self.close_connection = True
                self._answer(Answer(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"error": "too large"}))
                return
            body = self.rfile.read(length)
            headers = {name.lower(): value for name, value in self.headers.items()}
            self._answer(receiver.handle_delivery(body, headers))

        def _answer(self, answer: Answer) -> None:
            # 204 and 304 answers have no body.
            no_body = answer.status in {HTTPStatus.NO_CONTENT, HTTPStatus.NOT_MODIFIED}
            content = b"" if no_body else json.dumps(answer.body).encode()
            self.send_response(answer.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(content)))
            for name, value in (answer.headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(content)

        def log_message(self, *_args: Any) -> None:
            # The receiver logs one line of its own per request; no access log on stderr.
            return

    return Handler

"""A receiving system for tests that need real deliveries: a webhook server on 127.0.0.1.

Deliveries in these tests go through the real worker steps (`sending.claim` and
`sending.deliver`) over real HTTP, so their attempts, errors and references are the ones
production records.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from pytest_django.fixtures import Settings

from kontaktcenter.forwarding import sending

WORKER = "test-worker"


@dataclass
class WebhookReceiver:
    """Answers every POST with `status`; when it accepts (2xx) it names the case
    `<prefix>-<n>` in a JSON body {"reference": ...}, as a feedback system would."""

    status: int = 200
    prefix: str = "SYN"
    body: str = ""
    port: int = 0
    received: list[dict[str, Any]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/synpunkter"

    def answer(self, payload: dict[str, Any]) -> tuple[int, str]:
        with self._lock:
            self.received.append(payload)
            if 200 <= self.status < 300:
                return self.status, json.dumps({"reference": f"{self.prefix}-{len(self.received)}"})
            return self.status, self.body or f"error {self.status}"


def _handler(receiver: WebhookReceiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            payload = json.loads(self.rfile.read(length) or b"{}")
            status, text = receiver.answer(payload)
            encoded = text.encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(encoded)))
            self.end_headers()
            self.wfile.write(encoded)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    return Handler


@contextmanager
def running_receiver(settings: Settings) -> Iterator[WebhookReceiver]:
    """A feedback system listening on 127.0.0.1, which deliveries may reach in tests."""
    settings.FORWARDING_ALLOWED_HOSTS = ["127.0.0.1"]
    receiver = WebhookReceiver()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(receiver))
    receiver.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield receiver
    server.shutdown()
    server.server_close()
    thread.join()


def send_due() -> int:
    """What one worker pass does: claim the due deliveries and send each once."""
    sent = 0
    for delivery_id in sending.claim(WORKER, limit=100):
        if sending.deliver(delivery_id, WORKER) is not None:
            sent += 1
    return sent

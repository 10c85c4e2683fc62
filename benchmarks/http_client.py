"""A small browser stand-in on the standard library: cookies, CSRF tokens, no redirects followed.

Redirects are returned, not followed, so a timed POST measures that one request only.
"""

from __future__ import annotations

import http.cookiejar
import re
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email.message import Message

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class HttpBenchmarkError(RuntimeError):
    pass


@dataclass(frozen=True)
class Response:
    status: int
    headers: Message
    body: str

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *_args: object, **_kwargs: object) -> None:
        return None


class Browser:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirects()
        )

    def request(self, path: str, data: dict[str, str] | None = None) -> Response:
        encoded = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base_url + path, data=encoded)  # noqa: S310
        if encoded is not None:
            request.add_header("Referer", self.base_url + path)
        try:
            with self.opener.open(request, timeout=120) as response:
                return Response(response.status, response.headers, response.read().decode())
        except urllib.error.HTTPError as error:  # 3xx (not followed), 4xx and 5xx
            body = error.read().decode(errors="replace")
            return Response(error.code, error.headers, body)

    def get(self, path: str) -> Response:
        return self.request(path)

    def post(self, path: str, data: dict[str, str]) -> Response:
        return self.request(path, data)

    def csrf_token(self, path: str) -> str:
        page = self.get(path)
        match = CSRF_INPUT.search(page.body)
        if page.status != 200 or match is None:
            raise HttpBenchmarkError(f"GET {path}: {page.status}, no CSRF token in the form")
        return match.group(1)

    def log_in(self, username: str, password: str) -> None:
        path = "/konto/logga-in/"
        token = self.csrf_token(path)
        answer = self.post(
            path, {"username": username, "password": password, "csrfmiddlewaretoken": token}
        )
        if answer.status != 302:
            raise HttpBenchmarkError(f"log-in as {username} failed: {answer.status}")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until_serving(
    base_url: str, server: subprocess.Popen[bytes], timeout: float = 60.0
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise HttpBenchmarkError(f"the server stopped with exit code {server.returncode}")
        try:
            with urllib.request.urlopen(base_url + "/konto/logga-in/", timeout=5) as answer:  # noqa: S310
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise HttpBenchmarkError(f"the server did not answer within {timeout:.0f} s")

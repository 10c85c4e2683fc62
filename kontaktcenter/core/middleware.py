"""A request id on every request, so the access log and the server log can be joined."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

REQUEST_ID_HEADER = "X-Request-ID"
# A proxy's id is kept only if it looks like one: it ends up in logs and the access log.
_ACCEPTABLE = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")


def request_id_of(request: HttpRequest) -> str:
    """The request's id; made on first use for requests that never passed the middleware."""
    existing: str | None = getattr(request, "request_id", None)
    if existing is None:
        offered = request.headers.get(REQUEST_ID_HEADER, "")
        existing = offered if _ACCEPTABLE.match(offered) else uuid.uuid4().hex
        request.request_id = existing  # type: ignore[attr-defined]
    return existing


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        identifier = request_id_of(request)
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = identifier
        return response

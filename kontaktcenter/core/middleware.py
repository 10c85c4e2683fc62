"""A request id on every request, so the access log and the server log can be joined.

The id is always made here, never taken from the client: the access log keeps one entry per
case and request, so an id a client could choose would let it hide a read behind another's.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

REQUEST_ID_HEADER = "X-Request-ID"


def request_id_of(request: HttpRequest) -> str:
    """The request's id; made on first use for requests that never passed the middleware."""
    existing: str | None = getattr(request, "request_id", None)
    if existing is None:
        existing = uuid.uuid4().hex
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

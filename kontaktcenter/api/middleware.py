"""Rate limits and body sizes in front of the REST API and Open311 (api.limits)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

from kontaktcenter.api import limits
from kontaktcenter.api.open311 import formats

REST_PREFIX = "/api/v1/"
OPEN311_PREFIX = "/open311/"


def _refusal(request: HttpRequest, error: limits.RateLimited | limits.TooLarge) -> HttpResponse:
    status = 429 if isinstance(error, limits.RateLimited) else 413
    if request.path.startswith(OPEN311_PREFIX):
        fmt = formats.XML if request.path.endswith(".xml") else formats.JSON
        response = formats.errors(fmt, status, error.message)
    else:
        response = JsonResponse(error.as_dict(), status=status)
    if isinstance(error, limits.RateLimited):
        response["Retry-After"] = str(error.params["seconds"])
    return response


class ApiLimitsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path
        if not (path.startswith((REST_PREFIX, OPEN311_PREFIX))):
            return self.get_response(request)
        authorization = request.headers.get("Authorization", "")
        presented = authorization[7:].strip() if authorization[:7].lower() == "bearer " else ""
        presented = presented or request.GET.get("api_key", "")
        try:
            limits.check_size(request)
            allowance = limits.check_rate(limits.client_identity(request, presented))
        except (limits.RateLimited, limits.TooLarge) as error:
            return _refusal(request, error)
        response = self.get_response(request)
        response["RateLimit-Limit"] = str(allowance.limit)
        response["RateLimit-Remaining"] = str(allowance.remaining)
        response["RateLimit-Reset"] = str(allowance.retry_after)
        return response

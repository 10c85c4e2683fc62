"""The REST API, version 1 (docs/api.md): django-ninja, typed schemas, OpenAPI 3.1.

Each operation checks the key's scope, calls one service or selector and returns its body;
every `ServiceError` becomes `{"code", "field", "params", "message"}` with the status below.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaError

from kontaktcenter.api import errors, limits
from kontaktcenter.api.v1 import cases, reference
from kontaktcenter.api.v1.auth import NOT_AUTHENTICATED, IntegrationKeyAuth, NotAuthenticated
from kontaktcenter.core.errors import (
    NotFound,
    PermissionDenied,
    ServiceError,
)
from kontaktcenter.core.errors import (
    ValidationError as ServiceValidationError,
)

api = NinjaAPI(
    title="Kontaktcenter API",
    version="1",
    description=(
        "Create and follow cases in Kontaktcenter from other systems. Authenticate with an "
        "integration key: `Authorization: Bearer KEY`. A key acts for its organisation under "
        "the same rules as that organisation's staff. Changelog: docs/api-changelog.md."
    ),
    auth=IntegrationKeyAuth(),
    urls_namespace="api-v1",
    docs_url=None,
)
api.add_router("", cases.router)
api.add_router("", reference.router)


_STATUSES: tuple[tuple[type[ServiceError], int], ...] = (
    (NotAuthenticated, 401),
    (limits.RateLimited, 429),
    (limits.TooLarge, 413),
    (NotFound, 404),
    (PermissionDenied, 403),
    (ServiceValidationError, 422),
)


def status_of(error: ServiceError) -> int:
    return next((status for kind, status in _STATUSES if isinstance(error, kind)), 400)


def error_response(request: HttpRequest, error: ServiceError) -> HttpResponse:
    status = status_of(error)
    response = api.create_response(request, error.as_dict(), status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="kontaktcenter"'
    if isinstance(error, limits.RateLimited):
        response["Retry-After"] = str(error.params["seconds"])
    return response


@api.exception_handler(ServiceError)
def _service_error(request: HttpRequest, error: ServiceError) -> HttpResponse:
    return error_response(request, error)


@api.exception_handler(AuthenticationError)
def _not_authenticated(request: HttpRequest, _error: AuthenticationError) -> HttpResponse:
    return error_response(request, NotAuthenticated(NOT_AUTHENTICATED))


@api.exception_handler(SchemaError)
def _bad_shape(request: HttpRequest, error: SchemaError) -> HttpResponse:
    body: dict[str, Any] = ServiceValidationError(errors.INVALID_REQUEST).as_dict()
    body["errors"] = [
        {"loc": [str(part) for part in item.get("loc", ())], "msg": str(item.get("msg", ""))}
        for item in error.errors
    ]
    return api.create_response(request, body, status=422)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    # Ninja's own refusals (a body that is not JSON, a wrong content type).
    body = ServiceValidationError(errors.INVALID_REQUEST).as_dict()
    status = error.status_code if 400 <= error.status_code < 500 else 400
    return api.create_response(request, body, status=status)

"""Integration keys on the REST API: `Authorization: Bearer KEY`, checked against the scopes.

A wrong, revoked or missing key is 401; a key without the operation's scope is 403. The key
acts for its organisation through `ApiClientActor`, under the same case rules as its staff.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja.security import HttpBearer

from kontaktcenter.accounts.actors import ApiClientActor
from kontaktcenter.accounts.scopes import Scope
from kontaktcenter.accounts.services import integration_key_authenticate
from kontaktcenter.core.errors import PermissionDenied, ServiceError, error_code

NOT_AUTHENTICATED = error_code(
    "api.not_authenticated",
    _("Give a valid integration key as Authorization: Bearer KEY."),
)
SCOPE_MISSING = error_code("api.scope_missing", _("This key does not have the scope %(scope)s."))


class NotAuthenticated(ServiceError):  # noqa: N818
    """HTTP 401."""


class IntegrationKeyAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiClientActor | None:  # noqa: ARG002
        return integration_key_authenticate(token.strip()) if token else None


def actor_of(request: HttpRequest) -> ApiClientActor:
    actor: Any = getattr(request, "auth", None)
    if not isinstance(actor, ApiClientActor):
        raise NotAuthenticated(NOT_AUTHENTICATED)
    return actor


def require(request: HttpRequest, scope: Scope) -> ApiClientActor:
    """The calling integration, if its key has `scope`; 403 otherwise."""
    actor = actor_of(request)
    if scope.value not in actor.scopes:
        raise PermissionDenied(SCOPE_MISSING, scope=scope.value)
    return actor

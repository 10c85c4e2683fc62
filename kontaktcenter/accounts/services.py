"""Integration keys: made by administrators, checked when an outside system presents one."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from datetime import timedelta

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kontaktcenter.accounts.actors import Actor, ApiClientActor, SystemActor, organisation_scope
from kontaktcenter.accounts.models import IntegrationKey, User
from kontaktcenter.accounts.roles import Role
from kontaktcenter.accounts.scopes import Scope
from kontaktcenter.core.clock import now
from kontaktcenter.core.errors import (
    REQUIRED,
    NotFound,
    PermissionDenied,
    ValidationError,
    error_code,
)
from kontaktcenter.directory.models import Organisation

KEY_PREFIX_LENGTH = 12
# How stale a key's "last used" may be: a busy integration writes it once a minute, not per call.
LAST_USED_RESOLUTION = timedelta(minutes=1)
UNKNOWN_SCOPE = error_code(
    "integration_key.unknown_scope",
    _("%(scope)s is not a scope. Choose among: %(choices)s."),
)
SCOPE_REQUIRED = error_code("integration_key.scope_required", _("Give the key at least one scope."))
KEYS_NOT_ALLOWED = error_code(
    "integration_key.not_allowed",
    _("Only system administrators and the organisation's administrators manage its keys."),
)


def _hash(secret: str) -> str:
    # The secret is 256 random bits, so a plain hash cannot be reversed by guessing.
    return hashlib.sha256(secret.encode()).hexdigest()


def may_manage_keys(actor: Actor, organisation: Organisation) -> bool:
    if isinstance(actor, SystemActor):
        return True
    if not isinstance(actor, User):
        return False
    if actor.role == Role.SYSTEM_ADMIN:
        return True
    return actor.role == Role.ORGANISATION_ADMIN and organisation.pk in organisation_scope(actor)


@transaction.atomic
def integration_key_create(
    *,
    actor: Actor,
    organisation: Organisation,
    name: str,
    scopes: Iterable[str] = (Scope.CASES_READ, Scope.CASES_WRITE),
) -> tuple[IntegrationKey, str]:
    """Make a key; returns it with the secret, which is shown this once and never stored."""
    if not may_manage_keys(actor, organisation):
        raise PermissionDenied(KEYS_NOT_ALLOWED)
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ValidationError(REQUIRED, field="name", label=_("Name"))
    secret = "kc_" + secrets.token_urlsafe(32)
    key = IntegrationKey.objects.create(
        name=cleaned[:120],
        organisation=organisation,
        scopes=_clean_scopes(scopes),
        prefix=secret[:KEY_PREFIX_LENGTH],
        secret_hash=_hash(secret),
        created_at=now(),
    )
    return key, secret


def _clean_scopes(scopes: Iterable[str]) -> list[str]:
    cleaned: list[str] = []
    for scope in scopes:
        value = scope.strip().lower()
        if value not in Scope.values:
            raise ValidationError(
                UNKNOWN_SCOPE, field="scopes", scope=value, choices=", ".join(Scope.values)
            )
        if value not in cleaned:
            cleaned.append(value)
    if not cleaned:
        raise ValidationError(SCOPE_REQUIRED, field="scopes")
    return sorted(cleaned)


def integration_key_authenticate(presented: str) -> ApiClientActor | None:
    """The integration a presented secret belongs to, or None for a wrong or revoked key.

    Records when the key was last used, at most once a minute, so administrators can see
    which keys are still in use before they revoke one.
    """
    key = IntegrationKey.objects.filter(
        prefix=presented[:KEY_PREFIX_LENGTH], revoked_at__isnull=True
    ).first()
    if key is None or not hmac.compare_digest(key.secret_hash, _hash(presented)):
        return None
    at = now()
    if key.last_used_at is None or key.last_used_at < at - LAST_USED_RESOLUTION:
        IntegrationKey.objects.filter(pk=key.pk).update(last_used_at=at)
    return ApiClientActor.of(key)


def integration_keys(*, organisation: Organisation | None = None) -> list[IntegrationKey]:
    """Every key, newest first, with its organisation: the operators' list."""
    keys = IntegrationKey.objects.select_related("organisation").order_by("-created_at", "-id")
    if organisation is not None:
        keys = keys.filter(organisation=organisation)
    return list(keys)


KEY_NOT_FOUND = error_code("integration_key.not_found", _("No integration key %(name)s."))
KEY_AMBIGUOUS = error_code(
    "integration_key.ambiguous",
    _("%(name)s names more than one key; give its prefix (kc_…) instead."),
)


def integration_key_find(name_or_prefix: str) -> IntegrationKey:
    """A key by its prefix or, when only one key has it, its name."""
    cleaned = name_or_prefix.strip()
    by_prefix = IntegrationKey.objects.filter(prefix=cleaned[:KEY_PREFIX_LENGTH]).first()
    if by_prefix is not None and cleaned.startswith("kc_"):
        return by_prefix
    matches = list(
        IntegrationKey.objects.select_related("organisation").filter(name__iexact=cleaned)[:2]
    )
    if not matches:
        raise NotFound(KEY_NOT_FOUND, name=cleaned)
    if len(matches) > 1:
        raise ValidationError(KEY_AMBIGUOUS, name=cleaned)
    return matches[0]


@transaction.atomic
def integration_key_revoke(*, actor: Actor, key: IntegrationKey) -> IntegrationKey:
    if not may_manage_keys(actor, key.organisation):
        raise PermissionDenied(KEYS_NOT_ALLOWED)
    if key.revoked_at is None:
        key.revoked_at = now()
        key.save(update_fields=["revoked_at"])
    return key

"""Integration keys: made by administrators, checked when an outside system presents one."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kontaktcenter.accounts.actors import Actor, ApiClientActor, SystemActor, organisation_scope
from kontaktcenter.accounts.models import IntegrationKey, User
from kontaktcenter.accounts.roles import Role
from kontaktcenter.core.clock import now
from kontaktcenter.core.errors import REQUIRED, PermissionDenied, ValidationError, error_code
from kontaktcenter.directory.models import Organisation

KEY_PREFIX_LENGTH = 12
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
    *, actor: Actor, organisation: Organisation, name: str
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
        prefix=secret[:KEY_PREFIX_LENGTH],
        secret_hash=_hash(secret),
        created_at=now(),
    )
    return key, secret


def integration_key_authenticate(presented: str) -> ApiClientActor | None:
    """The integration a presented secret belongs to, or None for a wrong or revoked key."""
    key = IntegrationKey.objects.filter(
        prefix=presented[:KEY_PREFIX_LENGTH], revoked_at__isnull=True
    ).first()
    if key is None or not hmac.compare_digest(key.secret_hash, _hash(presented)):
        return None
    return ApiClientActor.of(key)


@transaction.atomic
def integration_key_revoke(*, actor: Actor, key: IntegrationKey) -> IntegrationKey:
    if not may_manage_keys(actor, key.organisation):
        raise PermissionDenied(KEYS_NOT_ALLOWED)
    if key.revoked_at is None:
        key.revoked_at = now()
        key.save(update_fields=["revoked_at"])
    return key

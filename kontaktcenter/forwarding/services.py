"""Writes of delivery endpoints and deliveries made by people (the desk, the command line).

What the worker writes when it sends is in `sending.py`; what a receiver reports back is in
`inbound.py`.
"""

from __future__ import annotations

import secrets as random_secrets
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from kontaktcenter.accounts.actors import Actor
from kontaktcenter.core.clock import now
from kontaktcenter.core.email_addresses import check_email
from kontaktcenter.core.errors import (
    REQUIRED,
    TOO_LONG,
    PermissionDenied,
    ValidationError,
)
from kontaktcenter.directory.models import Organisation
from kontaktcenter.forwarding import errors, policies, safety
from kontaktcenter.forwarding.choices import DeliveryStatus, EndpointKind, Sends
from kontaktcenter.forwarding.models import Delivery, Endpoint, EndpointSecret, Open311ServiceCode
from kontaktcenter.forwarding.outbox import wake_workers
from kontaktcenter.routing.models import Category

SECRET_MIN_LENGTH = 24
MAX_ACTIVE_SECRETS = 2


def _require_manager(actor: Actor, organisation_id: int) -> None:
    if not policies.may_manage_endpoints_of(actor, organisation_id):
        raise PermissionDenied(errors.NOT_ALLOWED)


def _clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ValidationError(REQUIRED, field="name", label=_("Name"))
    if len(cleaned) > 120:
        raise ValidationError(TOO_LONG, field="name", label=_("Name"), max=120)
    return cleaned


def _check_url(url: str) -> str:
    cleaned = url.strip()
    if not cleaned:
        raise ValidationError(errors.URL_REQUIRED, field="url")
    refused = safety.refusal(cleaned)
    if refused is not None:
        code, params = refused
        raise ValidationError(code, field="url", **params)
    return cleaned


def _check_email(address: str) -> str:
    cleaned = address.strip()
    if not cleaned:
        raise ValidationError(errors.EMAIL_REQUIRED, field="email")
    return check_email(cleaned, field="email")


def _target(
    kind: str, *, url: str, email: str, secret: str, api_key: str, jurisdiction_id: str
) -> dict[str, str]:
    """The fields saying where an endpoint of `kind` sends, checked."""
    if kind == EndpointKind.EMAIL:
        return {"email": _check_email(email)}
    fields = {"url": _check_url(url)}
    if kind == EndpointKind.WEBHOOK and len(secret.strip()) < SECRET_MIN_LENGTH:
        raise ValidationError(errors.SECRET_REQUIRED, field="secret", min=SECRET_MIN_LENGTH)
    if kind == EndpointKind.OPEN311:
        if not api_key.strip():
            raise ValidationError(errors.API_KEY_REQUIRED, field="api_key")
        fields["api_key"] = api_key.strip()
        fields["jurisdiction_id"] = jurisdiction_id.strip()
    return fields


def _new_key_id() -> str:
    return "k" + random_secrets.token_hex(4)


@transaction.atomic
def endpoint_create(
    *,
    actor: Actor,
    organisation: Organisation,
    name: str,
    kind: str,
    url: str = "",
    email: str = "",
    secret: str = "",
    api_key: str = "",
    jurisdiction_id: str = "",
    sends: str = Sends.ALL,
    categories: Iterable[Category] = (),
    service_codes: dict[int, str] | None = None,
    sends_status_changes: bool = False,
    sends_closing: bool = False,
) -> Endpoint:
    """Add a place the organisation's cases are delivered to.

    A webhook needs a URL and a signing secret; an e-mail endpoint a mailbox; an Open311
    endpoint the system's base URL, its API key and which service code each category maps to.
    """
    _require_manager(actor, organisation.pk)
    cleaned_name = _clean_name(name)
    if kind not in EndpointKind.values:
        raise ValidationError(errors.UNKNOWN_KIND, field="kind")
    if sends not in Sends.values:
        raise ValidationError(errors.UNKNOWN_SENDS, field="sends")
    if kind == EndpointKind.OPEN311 and (sends_status_changes or sends_closing):
        raise ValidationError(errors.OPEN311_NEW_ONLY, field="sends_status_changes")
    # Categories matter only to an endpoint that sends chosen categories.
    chosen = list(categories) if sends == Sends.CATEGORIES else []
    if sends == Sends.CATEGORIES and not chosen:
        raise ValidationError(errors.CATEGORIES_REQUIRED, field="categories")
    if Endpoint.objects.filter(organisation=organisation, name__iexact=cleaned_name).exists():
        raise ValidationError(
            errors.NAME_TAKEN, field="name", organisation=organisation.name, name=cleaned_name
        )
    fields = _target(
        kind, url=url, email=email, secret=secret, api_key=api_key, jurisdiction_id=jurisdiction_id
    )
    at = now()
    try:
        with transaction.atomic():
            endpoint = Endpoint.objects.create(
                organisation=organisation,
                name=cleaned_name,
                kind=kind,
                sends=sends,
                sends_status_changes=sends_status_changes,
                sends_closing=sends_closing,
                created_at=at,
                updated_at=at,
                **fields,
            )
    except IntegrityError:
        # Someone added one by that name at the same moment.
        raise ValidationError(
            errors.NAME_TAKEN, field="name", organisation=organisation.name, name=cleaned_name
        ) from None
    if chosen:
        endpoint.categories.set(chosen)
    if kind == EndpointKind.WEBHOOK:
        EndpointSecret.objects.create(
            endpoint=endpoint, key_id=_new_key_id(), secret=secret.strip(), created_at=at
        )
    codes = {key: code.strip() for key, code in (service_codes or {}).items() if code.strip()}
    if kind == EndpointKind.OPEN311 and codes:
        if Category.objects.filter(pk__in=codes).count() != len(codes):
            raise ValidationError(errors.UNKNOWN_CATEGORY, field="service_codes")
        Open311ServiceCode.objects.bulk_create(
            Open311ServiceCode(endpoint=endpoint, category_id=key, service_code=code)
            for key, code in codes.items()
        )
    return endpoint


@transaction.atomic
def endpoint_set_active(*, actor: Actor, endpoint: Endpoint, active: bool) -> Endpoint:
    _require_manager(actor, endpoint.organisation_id)
    endpoint.is_active = active
    endpoint.updated_at = now()
    endpoint.save(update_fields=["is_active", "updated_at"])
    return endpoint


@transaction.atomic
def endpoint_add_secret(*, actor: Actor, endpoint: Endpoint, secret: str) -> EndpointSecret:
    """Start a key rotation: the new secret signs beside the old one until that is retired."""
    _require_manager(actor, endpoint.organisation_id)
    if endpoint.kind != EndpointKind.WEBHOOK:
        raise ValidationError(errors.SECRETS_FOR_WEBHOOKS, field="secret")
    if len(secret.strip()) < SECRET_MIN_LENGTH:
        raise ValidationError(errors.SECRET_REQUIRED, field="secret", min=SECRET_MIN_LENGTH)
    active = EndpointSecret.objects.select_for_update().filter(
        endpoint=endpoint, retired_at__isnull=True
    )
    if active.count() >= MAX_ACTIVE_SECRETS:
        raise ValidationError(errors.TOO_MANY_SECRETS, field="secret")
    return EndpointSecret.objects.create(
        endpoint=endpoint, key_id=_new_key_id(), secret=secret.strip(), created_at=now()
    )


@transaction.atomic
def endpoint_retire_secret(*, actor: Actor, secret: EndpointSecret) -> EndpointSecret:
    """End a rotation: deliveries are no longer signed with this secret."""
    _require_manager(actor, secret.endpoint.organisation_id)
    others = EndpointSecret.objects.select_for_update().filter(
        endpoint_id=secret.endpoint_id, retired_at__isnull=True
    )
    if secret.retired_at is None and not others.exclude(pk=secret.pk).exists():
        raise ValidationError(errors.LAST_SECRET, field="secret")
    if secret.retired_at is None:
        secret.retired_at = now()
        secret.save(update_fields=["retired_at"])
    return secret


def _queue_again(deliveries: Iterable[Delivery]) -> int:
    at = now()
    ids = [delivery.pk for delivery in deliveries]
    count = Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.DEAD).update(
        status=DeliveryStatus.PENDING,
        attempts=0,
        next_attempt_at=at,
        leased_until=None,
        leased_by="",
    )
    if count:
        wake_workers()
    return count


@transaction.atomic
def delivery_retry(*, actor: Actor, delivery: Delivery) -> Delivery:
    """Send a dead delivery again, with a fresh set of attempts."""
    _require_manager(actor, delivery.endpoint.organisation_id)
    # Checked on the row as it is now, not the caller's copy: another retry may have come first.
    if not _queue_again([delivery]):
        raise ValidationError(errors.NOT_DEAD)
    delivery.refresh_from_db()
    return delivery


@transaction.atomic
def endpoint_retry_dead(*, actor: Actor, endpoint: Endpoint) -> int:
    """Send every dead delivery of the endpoint again (after the receiver was fixed)."""
    _require_manager(actor, endpoint.organisation_id)
    dead = Delivery.objects.select_for_update().filter(
        endpoint=endpoint, status=DeliveryStatus.DEAD
    )
    # A fixed receiver should get its backlog at once, not after the circuit's cool-down.
    Endpoint.objects.filter(pk=endpoint.pk).update(
        paused_until=None, failures_in_row=0, failing_since=None, updated_at=now()
    )
    return _queue_again(dead)

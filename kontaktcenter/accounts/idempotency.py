"""Idempotent POSTs: the same `Idempotency-Key` with the same request gives the same answer once.

The record is inserted *before* the work, in the work's transaction. A concurrent twin's insert
then waits on the unique constraint (PostgreSQL's index lock, SQLite's one writer) until the first
commits, fails, and reads the first answer; if the first fails, its record goes with it and the
twin may do the work. So however many copies arrive at once, one change is made.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from kontaktcenter.accounts.actors import ApiClientActor
from kontaktcenter.accounts.models import IdempotencyRecord
from kontaktcenter.core.clock import now
from kontaktcenter.core.errors import ValidationError, error_code

MAX_KEY_LENGTH = 255
# Stripe keeps keys for a day; a retrying client gives up long before.
KEPT_FOR = timedelta(hours=24)
PRUNE_EVERY = 500

KEY_INVALID = error_code(
    "idempotency.key_invalid",
    _("The Idempotency-Key header must be 1 to 255 printable ASCII characters."),
)
KEY_REUSED = error_code(
    "idempotency.key_reused",
    _("This Idempotency-Key was already used with a different request."),
)


@dataclass(frozen=True)
class Answer:
    status_code: int
    body: str


def fingerprint(method: str, path: str, body: bytes) -> str:
    digest = hashlib.sha256()
    for part in (method.upper().encode(), path.encode(), body):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def clean_key(value: str) -> str:
    if not 1 <= len(value) <= MAX_KEY_LENGTH or not all(32 <= ord(c) < 127 for c in value):
        raise ValidationError(KEY_INVALID, field="Idempotency-Key")
    return value


def _stored(actor: ApiClientActor, key: str, request_fingerprint: str) -> Answer | None:
    record = (
        IdempotencyRecord.objects.filter(integration_key_id=actor.key_id, idempotency_key=key)
        .only("request_fingerprint", "status_code", "response_body", "created_at")
        .first()
    )
    if record is None:
        return None
    if record.created_at < now() - KEPT_FOR:
        # Forgotten: the key may be used afresh.
        IdempotencyRecord.objects.filter(pk=record.pk, created_at=record.created_at).delete()
        return None
    if record.request_fingerprint != request_fingerprint:
        raise ValidationError(KEY_REUSED, field="Idempotency-Key")
    return Answer(record.status_code, record.response_body)


def idempotent(
    *,
    actor: ApiClientActor,
    key: str,
    request_fingerprint: str,
    work: Callable[[], Answer],
) -> Answer:
    """Do `work` once for this key and request; a repeat gets the first answer.

    `work` runs inside the transaction that holds the record; a `ServiceError` it raises rolls
    both back, so a refused request may be corrected and sent again with the same key.
    """
    key = clean_key(key)
    key_id = actor.key_id
    assert key_id is not None, "an API client always has a key"
    earlier = _stored(actor, key, request_fingerprint)
    if earlier is not None:
        return earlier
    try:
        with transaction.atomic():
            record = IdempotencyRecord.objects.create(
                integration_key_id=key_id,
                idempotency_key=key,
                request_fingerprint=request_fingerprint,
                status_code=0,
                response_body="",
                created_at=now(),
            )
            answer = work()
            IdempotencyRecord.objects.filter(pk=record.pk).update(
                status_code=answer.status_code, response_body=answer.body
            )
            if record.pk % PRUNE_EVERY == 0:
                # Self-maintaining, like Django's database cache: every so many answers, the
                # ones older than a day go (by the created_at index), so no job is needed.
                transaction.on_commit(idempotency_prune)
            return answer
    except IntegrityError:
        # A twin committed first; its answer is ours.
        earlier = _stored(actor, key, request_fingerprint)
        if earlier is None:
            raise
        return earlier


def idempotency_prune() -> int:
    """Forget answers older than a day; returns how many."""
    deleted, _per_model = IdempotencyRecord.objects.filter(created_at__lt=now() - KEPT_FOR).delete()
    return deleted

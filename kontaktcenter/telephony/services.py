"""Writes of telephony: the PBX's events in, and the switchboard console's actions.

Events come in through `ingest` (shared by the queue_log reader, the AMI listener and the
webhook); the console's transfers, callbacks and night service are written here, each checked
against `policies` in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kontaktcenter.accounts.actors import Actor, ApiClientActor
from kontaktcenter.accounts.models import User
from kontaktcenter.core.clock import now
from kontaktcenter.core.errors import TOO_LONG, NotFound, PermissionDenied, ValidationError
from kontaktcenter.core.phone import normalise_phone
from kontaktcenter.telephony import errors, policies
from kontaktcenter.telephony.choices import MISSED_OUTCOMES, TransferKind, TransferStatus
from kontaktcenter.telephony.events import CallEvent
from kontaktcenter.telephony.ingest import IngestReport, ingest
from kontaktcenter.telephony.models import Call, NightService, Transfer

__all__ = [
    "DEFAULT_RECALL_SECONDS",
    "IngestReport",
    "callback_done",
    "callback_take",
    "ingest",
    "ingest_from_integration",
    "night_service_set",
    "transfer_answered",
    "transfer_start",
    "transfer_take_back",
]

DEFAULT_RECALL_SECONDS = 30


def ingest_from_integration(*, actor: ApiClientActor, events: Sequence[CallEvent]) -> IngestReport:
    """Events from the CTI webhook. Their ids are the sender's, so they are kept apart per key."""
    scoped = [
        CallEvent(
            source=event.source,
            key=f"{actor.key_id}:{event.key}"[:220],
            kind=event.kind,
            occurred_at=event.occurred_at,
            call_id=event.call_id,
            queue=event.queue,
            agent=event.agent,
            data=event.data,
        )
        for event in events
    ]
    return ingest(scoped)


def _operator(actor: Actor) -> User:
    if not policies.may_use_console(actor) or not isinstance(actor, User):
        raise PermissionDenied(errors.NOT_ALLOWED)
    return actor


@transaction.atomic
def transfer_start(
    *,
    actor: Actor,
    target_label: str,
    target_number: str = "",
    kind: TransferKind = TransferKind.BLIND,
    call: Call | None = None,
    caller_number: str = "",
    recall_after_seconds: int = DEFAULT_RECALL_SECONDS,
) -> Transfer:
    """Pass the call on; it comes back to the operator if not answered in time."""
    operator = _operator(actor)
    label = " ".join(target_label.split())
    if not label:
        raise ValidationError(errors.TARGET_REQUIRED, field="target_label")
    if len(label) > 200:
        raise ValidationError(TOO_LONG, field="target_label", label=_("Transfer to"), max=200)
    number = normalise_phone(target_number, field="target_number")
    started = now()
    return Transfer.objects.create(
        operator=operator,
        call=call,
        caller_number=(call.caller_number if call else caller_number)[:40],
        target_label=label,
        target_number=number,
        kind=kind,
        requested_at=started,
        recall_at=started + timedelta(seconds=max(5, recall_after_seconds)),
    )


def _open_transfer(actor: Actor, transfer_id: int) -> Transfer:
    operator = _operator(actor)
    transfer = (
        Transfer.objects.select_for_update().filter(pk=transfer_id, operator=operator).first()
    )
    if transfer is None:
        raise NotFound(errors.TRANSFER_NOT_FOUND)
    if transfer.status != TransferStatus.RINGING:
        raise ValidationError(errors.TRANSFER_CLOSED)
    return transfer


@transaction.atomic
def transfer_answered(*, actor: Actor, transfer_id: int) -> Transfer:
    transfer = _open_transfer(actor, transfer_id)
    transfer.status, transfer.closed_at = TransferStatus.ANSWERED, now()
    transfer.save(update_fields=["status", "closed_at"])
    return transfer


@transaction.atomic
def transfer_take_back(*, actor: Actor, transfer_id: int) -> Transfer:
    """The target did not answer: the call is back with the operator."""
    transfer = _open_transfer(actor, transfer_id)
    transfer.status, transfer.closed_at = TransferStatus.RECALLED, now()
    transfer.save(update_fields=["status", "closed_at"])
    return transfer


def _missed_call(actor: Actor, call_id: int) -> tuple[User, Call]:
    operator = _operator(actor)
    call = Call.objects.select_for_update().filter(pk=call_id).first()
    if call is None:
        raise NotFound(errors.CALL_NOT_FOUND)
    if call.outcome not in MISSED_OUTCOMES:
        raise ValidationError(errors.NOT_MISSED)
    return operator, call


@transaction.atomic
def callback_take(*, actor: Actor, call_id: int) -> Call:
    """Say "I am calling this caller back", so two operators do not both ring."""
    operator, call = _missed_call(actor, call_id)
    if call.callback_by_id not in (None, operator.pk):
        raise ValidationError(errors.CALLBACK_TAKEN, name=str(call.callback_by))
    call.callback_by, call.callback_taken_at = operator, now()
    call.save(update_fields=["callback_by", "callback_taken_at"])
    return call


@transaction.atomic
def callback_done(*, actor: Actor, call_id: int) -> Call:
    operator, call = _missed_call(actor, call_id)
    if call.callback_by_id not in (None, operator.pk):
        raise ValidationError(errors.CALLBACK_TAKEN, name=str(call.callback_by))
    moment = now()
    call.callback_by = operator
    call.callback_taken_at = call.callback_taken_at or moment
    call.callback_done_at = moment
    call.save(update_fields=["callback_by", "callback_taken_at", "callback_done_at"])
    return call


@transaction.atomic
def night_service_set(
    *, actor: Actor, is_on: bool, message: str = "", divert_to: str = ""
) -> NightService:
    if not policies.may_switch_night_service(actor) or not isinstance(actor, User):
        raise PermissionDenied(errors.NOT_ALLOWED)
    cleaned = " ".join(message.split())
    if len(cleaned) > 300:
        raise ValidationError(TOO_LONG, field="message", label=_("Message"), max=300)
    return NightService.objects.create(
        is_on=is_on,
        message=cleaned,
        divert_to=normalise_phone(divert_to, field="divert_to"),
        set_by=actor,
        set_at=now(),
    )

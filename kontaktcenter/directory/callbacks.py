"""Callback requests and messages for people and functions that could not be reached (S17).

An operator or agent takes a request for a named person or a function, with the caller's
name and number, what it is about and a deadline; it lands in the person's queue, or in the
queue of every member of the function, in the desk. Whoever it is for marks it done. The
request keeps who took it and when, and who marked it done.

Writes (`callback_request_create`, `callback_request_done`) and reads (`callbacks_for`,
`callbacks_taken_by`, `callback_get`) are here; the rules of who may do what are in
`directory.policies`, the default deadline in `directory.rules`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q, QuerySet

from kontaktcenter.accounts.actors import Actor, staff_user
from kontaktcenter.core import clock
from kontaktcenter.core.email_addresses import check_email
from kontaktcenter.core.errors import (
    REQUIRED,
    TOO_LONG,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from kontaktcenter.core.phone import normalise_phone
from kontaktcenter.directory import errors, policies
from kontaktcenter.directory.models import (
    CallbackKind,
    CallbackRequest,
    Function,
    Person,
)

if TYPE_CHECKING:
    from kontaktcenter.accounts.models import User

# A deadline a little in the past is a slip of the form, not a mistake worth refusing.
DEADLINE_GRACE = timedelta(minutes=5)
MAX_SUBJECT = 200


@dataclass(frozen=True, slots=True)
class CallbackInput:
    kind: CallbackKind
    subject: str
    due_at: datetime
    caller_name: str = ""
    caller_phone: str = ""
    caller_email: str = ""
    message: str = ""


@transaction.atomic
def callback_request_create(
    *,
    actor: Actor,
    request: CallbackInput,
    person_id: int | None = None,
    function_id: int | None = None,
) -> CallbackRequest:
    """Take a callback request or a message for a person or a function."""
    taker = staff_user(actor)
    if taker is None or not policies.may_take_callbacks(taker):
        raise PermissionDenied(errors.CALLBACK_NOT_ALLOWED)
    if (person_id is None) == (function_id is None):
        raise ValidationError(errors.CALLBACK_ONE_RECIPIENT, field="person")
    person: Person | None = None
    function: Function | None = None
    if person_id is not None:
        person = Person.objects.filter(pk=person_id).first()
        if person is None:
            raise NotFound(errors.PERSON_NOT_FOUND)
    elif function_id is not None:
        function = Function.objects.filter(pk=function_id).first()
        if function is None:
            raise NotFound(errors.FUNCTION_NOT_FOUND)
    subject = request.subject.strip()
    if not subject:
        raise ValidationError(REQUIRED, field="subject", label=_label("subject"))
    if len(subject) > MAX_SUBJECT:
        raise ValidationError(TOO_LONG, field="subject", label=_label("subject"), max=MAX_SUBJECT)
    phone = normalise_phone(request.caller_phone, field="caller_phone")
    email = request.caller_email.strip()
    if email:
        check_email(email, field="caller_email")
    if request.kind == CallbackKind.CALLBACK and not (phone or email):
        raise ValidationError(errors.CALLBACK_NEEDS_CONTACT, field="caller_phone")
    now = clock.now()
    if request.due_at < now - DEADLINE_GRACE:
        raise ValidationError(errors.CALLBACK_DUE_IN_PAST, field="due_at")
    return CallbackRequest.objects.create(
        kind=request.kind,
        person=person,
        function=function,
        caller_name=request.caller_name.strip()[:120],
        caller_phone=phone,
        caller_email=email,
        subject=subject,
        message=request.message.strip(),
        due_at=request.due_at,
        taken_at=now,
        taken_by=taker,
    )


@transaction.atomic
def callback_request_done(*, actor: Actor, request_id: int, outcome: str = "") -> CallbackRequest:
    """Mark a request done: the caller was called back, or the message was read."""
    user = staff_user(actor)
    # Visibility first (its joins cannot be locked), then the row itself under a lock, so two
    # people pressing "done" at once are told it was already done rather than both winning.
    visible = CallbackRequest.objects.filter(pk=request_id).filter(_visible_to(actor)).exists()
    callback = (
        CallbackRequest.objects.select_for_update().filter(pk=request_id).first()
        if visible
        else None
    )
    if callback is None or user is None:
        raise NotFound(errors.CALLBACK_NOT_FOUND)
    if not policies.may_complete_callback(user, callback, _person_ids_of(user)):
        raise PermissionDenied(errors.CALLBACK_NOT_YOURS)
    if callback.done_at is not None:
        raise ValidationError(errors.CALLBACK_ALREADY_DONE)
    callback.done_at = clock.now()
    callback.done_by = user
    callback.outcome = outcome.strip()[:200]
    callback.save(update_fields=["done_at", "done_by", "outcome"])
    return callback


# --- reads ---------------------------------------------------------------------------------


def _person_ids_of(user: User) -> list[int]:
    return list(Person.objects.filter(account=user).values_list("pk", flat=True))


def _visible_to(actor: Actor) -> Q:
    """Requests for the actor's own directory entry or functions; a supervisor sees all; an
    operator or agent also sees the ones they took."""
    user = staff_user(actor)
    if user is None:
        return Q(pk__in=[])
    if policies.sees_all_callbacks(user):
        return Q()
    mine = Q(person__account=user) | Q(function__members__account=user)
    if policies.may_take_callbacks(user):
        mine |= Q(taken_by=user)
    return mine


def _base() -> QuerySet[CallbackRequest]:
    return CallbackRequest.objects.select_related(
        "person", "function", "function__organisation", "taken_by", "done_by"
    )


def callbacks_for(actor: Actor, *, include_done: bool = False) -> list[CallbackRequest]:
    """The actor's queue: open requests for them or their functions, the earliest due first."""
    user = staff_user(actor)
    if user is None:
        return []
    mine = Q(person__account=user) | Q(function__members__account=user)
    if policies.sees_all_callbacks(user):
        mine = Q()
    requests = _base().filter(mine)
    if not include_done:
        requests = requests.filter(done_at__isnull=True)
    return list(requests.distinct().order_by("due_at", "id")[:200])


def callbacks_taken_by(actor: Actor, *, days: int = 7) -> list[CallbackRequest]:
    """What the operator or agent took lately, done or not: their own follow-up list."""
    user = staff_user(actor)
    if user is None:
        return []
    since = clock.now() - timedelta(days=days)
    return list(
        _base().filter(taken_by=user, taken_at__gte=since).order_by("-taken_at", "-id")[:200]
    )


def callback_get(actor: Actor, request_id: int) -> CallbackRequest:
    callback = _base().filter(pk=request_id).filter(_visible_to(actor)).distinct().first()
    if callback is None:
        raise NotFound(errors.CALLBACK_NOT_FOUND)
    return callback


def callback_recipient_name(person_id: int | None, function_id: int | None) -> str:
    """The name of whom a request is being taken for, for the form's heading."""
    if person_id is not None:
        person = Person.objects.filter(pk=person_id).first()
        if person is None:
            raise NotFound(errors.PERSON_NOT_FOUND)
        return str(person)
    if function_id is not None:
        function = Function.objects.filter(pk=function_id).first()
        if function is None:
            raise NotFound(errors.FUNCTION_NOT_FOUND)
        return function.name
    raise ValidationError(errors.CALLBACK_ONE_RECIPIENT, field="person")


def _label(field: str) -> str:
    return str(getattr(CallbackRequest._meta.get_field(field), "verbose_name", field))

"""Absences: who cannot be reached, why, until when, and who answers meanwhile."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from kontaktcenter.accounts.actors import Actor, staff_user
from kontaktcenter.accounts.roles import Role
from kontaktcenter.core import clock
from kontaktcenter.core.errors import NotFound, PermissionDenied, ValidationError
from kontaktcenter.directory import errors
from kontaktcenter.directory.models import Absence, AbsenceReason, Person

# Who may register anyone's absence: the switchboard keeps presence for those who call in sick.
ABSENCE_KEEPERS = frozenset({Role.SWITCHBOARD_OPERATOR, Role.SUPERVISOR, Role.SYSTEM_ADMIN})


@transaction.atomic
def absence_register(
    *,
    actor: Actor,
    person_id: int,
    reason: AbsenceReason,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    substitute_id: int | None = None,
    note: str = "",
) -> Absence:
    """Register that a person is away from `starts_at` (now if not given) until `ends_at`
    (unknown if not given). The person themselves, switchboard operators, supervisors and
    system administrators may."""
    user = staff_user(actor)
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        raise NotFound(errors.PERSON_NOT_FOUND)
    own = user is not None and person.account_id == user.pk
    if user is None or not (own or user.role in ABSENCE_KEEPERS):
        raise PermissionDenied(errors.ABSENCE_NOT_ALLOWED)
    starts = starts_at or clock.now()
    if ends_at is not None and ends_at <= starts:
        raise ValidationError(errors.ABSENCE_ENDS_BEFORE_START, field="ends_at")
    substitute = None
    if substitute_id is not None:
        substitute = Person.objects.filter(pk=substitute_id).exclude(pk=person.pk).first()
        if substitute is None:
            raise NotFound(errors.PERSON_NOT_FOUND)
    return Absence.objects.create(
        person=person,
        reason=reason,
        starts_at=starts,
        ends_at=ends_at,
        substitute=substitute,
        note=note.strip()[:200],
        registered_at=clock.now(),
        registered_by=user,
    )


@transaction.atomic
def absence_end(*, actor: Actor, person_id: int) -> int:
    """The person is back: every absence covering now ends now. Returns how many ended."""
    user = staff_user(actor)
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        raise NotFound(errors.PERSON_NOT_FOUND)
    own = user is not None and person.account_id == user.pk
    if user is None or not (own or user.role in ABSENCE_KEEPERS):
        raise PermissionDenied(errors.ABSENCE_NOT_ALLOWED)
    now = clock.now()
    current = Absence.objects.filter(person=person, starts_at__lte=now).exclude(ends_at__lte=now)
    # One registered this very moment never took effect; it goes, as an end cannot equal
    # its start.
    dropped, _kinds = current.filter(starts_at=now).delete()
    return dropped + current.exclude(starts_at=now).update(ends_at=now)

"""Writes of the directory that organisations make themselves: their opening hours."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import time

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kontaktcenter.accounts.actors import Actor, SystemActor, organisation_scope
from kontaktcenter.accounts.models import User
from kontaktcenter.accounts.roles import Role
from kontaktcenter.core.errors import PermissionDenied, ValidationError, error_code
from kontaktcenter.directory.models import OpeningHours, Organisation, Weekday

HOURS_NOT_ALLOWED = error_code(
    "opening_hours.not_allowed",
    _("Only the organisation's administrator can change its opening hours."),
)
CLOSES_BEFORE_OPENING = error_code(
    "opening_hours.closes_before_opening", _("%(day)s: the closing time must be after opening.")
)


def may_set_opening_hours(actor: Actor, organisation_id: int) -> bool:
    if isinstance(actor, SystemActor):
        return True
    if not isinstance(actor, User):
        return False
    return actor.role == Role.SYSTEM_ADMIN or (
        actor.role == Role.ORGANISATION_ADMIN and organisation_id in organisation_scope(actor)
    )


@transaction.atomic
def opening_hours_set(
    *,
    actor: Actor,
    organisation: Organisation,
    hours: Mapping[int, tuple[time, time] | None],
) -> None:
    """Replace the organisation's weekly hours: weekday (Monday 0) → (opens, closes), or None
    for a closed day. Case deadlines count from the next change of a case on."""
    if not may_set_opening_hours(actor, organisation.pk):
        raise PermissionDenied(HOURS_NOT_ALLOWED)
    for weekday, span in hours.items():
        if span is not None and span[1] <= span[0]:
            raise ValidationError(
                CLOSES_BEFORE_OPENING, field=f"closes_{weekday}", day=Weekday(weekday).label
            )
    OpeningHours.objects.filter(organisation=organisation).delete()
    OpeningHours.objects.bulk_create(
        OpeningHours(organisation=organisation, weekday=weekday, opens=span[0], closes=span[1])
        for weekday, span in sorted(hours.items())
        if span is not None
    )

"""What the case services share: input cleaning, locking and the received-at bounds."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.functional import Promise

from kontaktcenter.accounts.actors import Actor
from kontaktcenter.cases import errors, policies
from kontaktcenter.cases.models import Case, CaseEvent
from kontaktcenter.cases.policies import CaseAction
from kontaktcenter.core.email_addresses import check_email
from kontaktcenter.core.errors import (
    REQUIRED,
    TOO_LONG,
    ErrorCode,
    NotFound,
    PermissionDenied,
    ValidationError,
)

# An e-mail's Date header or a letter's stamp may lag our clock a little, never lead it by much.
RECEIVED_AT_FUTURE_TOLERANCE = timedelta(minutes=5)
# Imports from an older system bring years of history; anything older is a typing error.
RECEIVED_AT_MAX_AGE = timedelta(days=3653)


def clean_text(
    value: str, *, field: str, label: str | Promise, required: bool, max_length: int | None = None
) -> str:
    cleaned = value.strip()
    if required and not cleaned:
        raise ValidationError(REQUIRED, field=field, label=label)
    if max_length is not None and len(cleaned) > max_length:
        raise ValidationError(TOO_LONG, field=field, label=label, max=max_length)
    return cleaned


def clean_email(value: str, *, field: str, label: str | Promise) -> str:
    cleaned = clean_text(value, field=field, label=label, required=False, max_length=254)
    return check_email(cleaned, field=field) if cleaned else cleaned


def clean_received_at(received_at: datetime | None, *, recorded_at: datetime) -> datetime:
    """When the resident got in touch: now unless told, never in the future or absurdly old."""
    if received_at is None:
        return recorded_at
    if timezone.is_naive(received_at):
        raise ValidationError(errors.RECEIVED_NAIVE, field="received_at")
    if received_at > recorded_at + RECEIVED_AT_FUTURE_TOLERANCE:
        raise ValidationError(errors.RECEIVED_IN_FUTURE, field="received_at")
    if received_at < recorded_at - RECEIVED_AT_MAX_AGE:
        raise ValidationError(
            errors.RECEIVED_TOO_OLD, field="received_at", days=RECEIVED_AT_MAX_AGE.days
        )
    return received_at


def require(allowed: bool, error: ErrorCode) -> None:
    if not allowed:
        raise PermissionDenied(error)


def lock_case(
    case: Case,
    actor: Actor,
    action: CaseAction,
    refused: ErrorCode,
    *,
    expected_version: int | None = None,
) -> Case:
    """Re-read the case under a row lock so concurrent changes are applied one after another,
    and check the actor may do `action` to it as it is now.

    `expected_version` is the version of the case the actor's page showed: if the case has
    changed since, the change is refused with what changed (CaseChangedError) instead of silently
    overwriting a colleague's work. The version is raised here for the change about to be
    made, so the events it writes carry it, and saved by `touch`.

    Only the case row is locked (of=self): PostgreSQL refuses FOR UPDATE on the nullable side of
    the outer join to the assignee, and the related rows need no lock. A case the actor may not
    even see is not found, whatever the caller passed in.
    """
    locked = (
        Case.objects.select_for_update(of=("self",))
        .select_related("responsible_organisation", "category", "assignee", "party")
        .get(pk=case.pk)
    )
    if not policies.may(actor, CaseAction.VIEW, locked):
        raise NotFound(errors.CASE_NOT_FOUND, reference=locked.reference)
    require(policies.may(actor, action, locked), refused)
    if expected_version is not None and expected_version != locked.version:
        missed = CaseEvent.objects.filter(case=locked, case_version__gt=expected_version).order_by(
            "occurred_at", "id"
        )
        raise CaseChangedError(list(missed[:MISSED_CHANGES_SHOWN]), locked.version)
    locked.version += 1
    return locked


MISSED_CHANGES_SHOWN = 5


class CaseChangedError(ValidationError):
    """The case changed after the page the change came from was shown. `missed` are the
    changes (newest last) the actor did not see; `version` is the case's version now."""

    def __init__(self, missed: list[CaseEvent], version: int) -> None:
        described = "; ".join(
            f"{timezone.localtime(event.occurred_at):%H:%M} {event.actor_label}: "
            f"{event.get_kind_display()}"
            for event in missed
        )
        super().__init__(errors.CASE_CHANGED, field="version", changes=described or "–")
        self.missed = missed
        self.version = version


def touch(case: Case, at: datetime, *fields: str) -> None:
    case.updated_at = at
    case.save(update_fields=[*fields, "updated_at", "version"])

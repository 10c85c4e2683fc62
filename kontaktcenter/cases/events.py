"""One small constructor per kind of case event, so every entry has the same shape.

`data` always says what changed: before/after for changes, the text for notes and replies. The
resident's contact details are never copied here; events point to the case, and the case to its
party record. Free text a resident or officer wrote is named in PERSONAL_FIELDS so that erasure
can blank it and leave the entry (who, what kind, when) in place.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from kontaktcenter.accounts.actors import Actor, actor_kind, actor_label, staff_user
from kontaktcenter.accounts.models import User
from kontaktcenter.cases.models import Case, CaseEvent, CaseEventKind
from kontaktcenter.email_channel import notices
from kontaktcenter.forwarding import outbox

# Free-text fields of each event kind that may hold personal data.
PERSONAL_FIELDS: dict[str, tuple[str, ...]] = {
    CaseEventKind.CREATED: ("subject",),
    CaseEventKind.NOTE_ADDED: ("text",),
    CaseEventKind.REPLY_SENT: ("text", "to"),
    CaseEventKind.CLOSED: ("resolution",),
    CaseEventKind.REOPENED: ("reason",),
    CaseEventKind.EXTERNAL_UPDATE: ("message",),
    CaseEventKind.RESIDENT_WROTE: ("text",),
}


def _event(case: Case, kind: CaseEventKind, actor: Actor, at: datetime, **data: Any) -> CaseEvent:
    """Write the event and, in the same transaction, the deliveries it causes: the event is the
    one place where changes fan out to the organisations' own systems (S13)."""
    event = CaseEvent.objects.create(
        case=case,
        kind=kind,
        actor_kind=actor_kind(actor),
        actor_label=actor_label(actor),
        actor=staff_user(actor),
        occurred_at=at,
        data=data,
    )
    outbox.fan_out(event)
    # The resident hears of answers and closing on the channel they used (e-mail channel).
    notices.on_case_event(event)
    return event


def created(case: Case, *, actor: Actor, at: datetime) -> CaseEvent:
    return _event(
        case,
        CaseEventKind.CREATED,
        actor,
        at,
        channel=case.channel,
        category={"id": case.category_id, "name": case.category.name},
        subject=case.subject,
        received_at=case.received_at.isoformat(),
    )


def routed(
    case: Case, *, actor: Actor, at: datetime, before: dict[str, Any] | None, reason: str
) -> CaseEvent:
    """`reason` is a routing.rules.RouteReason value; the category is named as it was then."""
    after = {"id": case.responsible_organisation_id, "name": case.responsible_organisation.name}
    return _event(
        case,
        CaseEventKind.ROUTED,
        actor,
        at,
        before=before,
        after=after,
        reason=reason,
        category={"id": case.category_id, "name": case.category.name},
    )


def assigned(
    case: Case, *, actor: Actor, at: datetime, before: User | None, after: User | None
) -> CaseEvent:
    def describe(user: User | None) -> dict[str, Any] | None:
        return None if user is None else {"id": user.pk, "name": str(user)}

    return _event(
        case, CaseEventKind.ASSIGNED, actor, at, before=describe(before), after=describe(after)
    )


def status_changed(case: Case, *, actor: Actor, at: datetime, before: str, after: str) -> CaseEvent:
    return _event(case, CaseEventKind.STATUS_CHANGED, actor, at, before=before, after=after)


def category_changed(
    case: Case, *, actor: Actor, at: datetime, before: dict[str, Any], after: dict[str, Any]
) -> CaseEvent:
    return _event(case, CaseEventKind.CATEGORY_CHANGED, actor, at, before=before, after=after)


def note_added(case: Case, *, actor: Actor, at: datetime, text: str) -> CaseEvent:
    return _event(case, CaseEventKind.NOTE_ADDED, actor, at, text=text)


def reply_sent(case: Case, *, actor: Actor, at: datetime, text: str, to: str) -> CaseEvent:
    """`to` says how the reply reaches the resident ("email"), not their address."""
    return _event(case, CaseEventKind.REPLY_SENT, actor, at, text=text, to=to)


def closed(case: Case, *, actor: Actor, at: datetime, before: str, resolution: str) -> CaseEvent:
    return _event(
        case,
        CaseEventKind.CLOSED,
        actor,
        at,
        before=before,
        after=case.status,
        resolution=resolution,
    )


def reopened(case: Case, *, actor: Actor, at: datetime, before: str, reason: str) -> CaseEvent:
    return _event(
        case, CaseEventKind.REOPENED, actor, at, before=before, after=case.status, reason=reason
    )


def external_update(
    case: Case,
    *,
    actor: Actor,
    at: datetime,
    endpoint: str,
    reference: str,
    status: str,
    message: str,
) -> CaseEvent:
    """The receiving system reported its reference or status ("closed: the lamp is repaired")."""
    return _event(
        case,
        CaseEventKind.EXTERNAL_UPDATE,
        actor,
        at,
        endpoint=endpoint,
        reference=reference,
        status=status,
        message=message,
    )


def scrubbed(case: Case, *, actor: Actor, at: datetime, reason: str) -> CaseEvent:
    """`reason` is a short code (erasure request, retention), never the person's data."""
    return _event(case, CaseEventKind.SCRUBBED, actor, at, reason=reason)


def resident_wrote(case: Case, *, actor: Actor, at: datetime, text: str, channel: str) -> CaseEvent:
    """The resident's own message, from the tracking page (`web`) or a mail (`email`)."""
    return _event(case, CaseEventKind.RESIDENT_WROTE, actor, at, text=text, channel=channel)


def follow_up_created(
    case: Case, *, actor: Actor, at: datetime, reference: str = "", follows: str = ""
) -> CaseEvent:
    """A resident wrote to a case closed too long ago: the old case names the new one
    (`reference`), the new one names the old (`follows`)."""
    return _event(
        case, CaseEventKind.FOLLOW_UP_CREATED, actor, at, reference=reference, follows=follows
    )

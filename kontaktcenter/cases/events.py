"""One small constructor per kind of case event, so every entry has the same shape.

`data` always says what changed: before/after for changes, the text for notes and replies. The
resident's contact details are never copied here; events point to the case, and the case to its
party record. Free text a resident or officer wrote is named in PERSONAL_FIELDS so that erasure
can blank it and leave the entry (who, what kind, when) in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kontaktcenter.accounts.actors import Actor, actor_kind, actor_label, staff_user
from kontaktcenter.accounts.models import User
from kontaktcenter.cases.models import Case, CaseEvent, CaseEventKind, CaseQueue
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
    CaseEventKind.RESOLVED: ("resolution",),
    CaseEventKind.FORWARDED: ("reason",),
    CaseEventKind.ASSIGNED: ("reason",),
    CaseEventKind.QUEUE_CHANGED: ("reason",),
    CaseEventKind.FORM_FILLED: ("values",),
    CaseEventKind.SPLIT_INTO: ("subject", "attachments"),
    # File names may name the resident ("Anna Svensson läkarintyg.pdf").
    CaseEventKind.ATTACHMENT_ADDED: ("attachment",),
    CaseEventKind.SPLIT_FROM: ("attachments",),
    CaseEventKind.MERGED_INTO: ("moved",),
    CaseEventKind.MERGED_FROM: ("moved",),
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
        case_version=case.version,
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
    case: Case,
    *,
    actor: Actor,
    at: datetime,
    before: User | None,
    after: User | None,
    reason: str = "",
) -> CaseEvent:
    def describe(user: User | None) -> dict[str, Any] | None:
        return None if user is None else {"id": user.pk, "name": str(user)}

    extra = {"reason": reason} if reason else {}
    return _event(
        case,
        CaseEventKind.ASSIGNED,
        actor,
        at,
        before=describe(before),
        after=describe(after),
        **extra,
    )


def queue_changed(
    case: Case,
    *,
    actor: Actor,
    at: datetime,
    before: CaseQueue | None,
    after: CaseQueue | None,
    reason: str = "",
) -> CaseEvent:
    def describe(queue: CaseQueue | None) -> dict[str, Any] | None:
        return None if queue is None else {"id": queue.pk, "name": queue.name}

    extra = {"reason": reason} if reason else {}
    return _event(
        case,
        CaseEventKind.QUEUE_CHANGED,
        actor,
        at,
        before=describe(before),
        after=describe(after),
        **extra,
    )


def resolved(case: Case, *, actor: Actor, at: datetime, before: str, resolution: str) -> CaseEvent:
    return _event(
        case,
        CaseEventKind.RESOLVED,
        actor,
        at,
        before=before,
        after=case.status,
        resolution=resolution,
    )


def forwarded(
    case: Case, *, actor: Actor, at: datetime, before: dict[str, Any], reason: str
) -> CaseEvent:
    """Sent by hand to another organisation; `before` names the one it left, as it was named."""
    after = {"id": case.responsible_organisation_id, "name": case.responsible_organisation.name}
    return _event(
        case, CaseEventKind.FORWARDED, actor, at, before=before, after=after, reason=reason
    )


def priority_changed(
    case: Case,
    *,
    actor: Actor,
    at: datetime,
    before: int,
    after: int,
    deadline_before: datetime | None,
    deadline_after: datetime | None,
) -> CaseEvent:
    def describe(moment: datetime | None) -> str | None:
        return None if moment is None else moment.isoformat()

    return _event(
        case,
        CaseEventKind.PRIORITY_CHANGED,
        actor,
        at,
        before=before,
        after=after,
        deadline_before=describe(deadline_before),
        deadline_after=describe(deadline_after),
    )


def form_filled(
    case: Case, *, actor: Actor, at: datetime, version: int, values: dict[str, Any]
) -> CaseEvent:
    return _event(case, CaseEventKind.FORM_FILLED, actor, at, version=version, values=values)


def checklist_ticked(
    case: Case, *, actor: Actor, at: datetime, item: str, text: str, done: bool
) -> CaseEvent:
    return _event(case, CaseEventKind.CHECKLIST_TICKED, actor, at, item=item, text=text, done=done)


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


@dataclass(frozen=True)
class ExternalUpdate:
    case_id: int
    endpoint: str
    reference: str


def external_updates(updates: list[ExternalUpdate], *, actor: Actor, at: datetime) -> None:
    """Many receivers' first references at once, as a worker records a batch of deliveries.
    Written in one statement: this kind of event causes no deliveries of its own."""
    assert CaseEventKind.EXTERNAL_UPDATE not in outbox.FANNED_OUT_KINDS
    CaseEvent.objects.bulk_create(
        CaseEvent(
            case_id=update.case_id,
            kind=CaseEventKind.EXTERNAL_UPDATE,
            actor_kind=actor_kind(actor),
            actor_label=actor_label(actor),
            actor=staff_user(actor),
            occurred_at=at,
            data={
                "endpoint": update.endpoint,
                "reference": update.reference,
                "status": "",
                "message": "",
            },
        )
        for update in updates
    )


def scrubbed(case: Case, *, actor: Actor, at: datetime, reason: str) -> CaseEvent:
    """`reason` is a short code (erasure request, retention), never the person's data."""
    return _event(case, CaseEventKind.SCRUBBED, actor, at, reason=reason)


def attachment_added(
    case: Case,
    *,
    actor: Actor,
    at: datetime,
    attachment_id: int,
    name: str,
    size: int,
    content_type: str,
) -> CaseEvent:
    return _event(
        case,
        CaseEventKind.ATTACHMENT_ADDED,
        actor,
        at,
        attachment={"id": attachment_id, "name": name, "size": size, "type": content_type},
    )


def _ref(case: Case) -> dict[str, Any]:
    return {"id": case.pk, "reference": case.reference}


def linked(case: Case, *, actor: Actor, at: datetime, other: Case, kind: str) -> CaseEvent:
    return _event(case, CaseEventKind.LINKED, actor, at, other=_ref(other), link=kind)


def unlinked(case: Case, *, actor: Actor, at: datetime, other: Case) -> CaseEvent:
    return _event(case, CaseEventKind.UNLINKED, actor, at, other=_ref(other))


def marked_duplicate(
    case: Case, *, actor: Actor, at: datetime, original: Case, duplicate: Case
) -> CaseEvent:
    """Written on both cases; `original` and `duplicate` say which is which."""
    return _event(
        case,
        CaseEventKind.MARKED_DUPLICATE,
        actor,
        at,
        original=_ref(original),
        duplicate=_ref(duplicate),
    )


def merged_into(
    case: Case, *, actor: Actor, at: datetime, survivor: Case, moved: dict[str, Any]
) -> CaseEvent:
    return _event(case, CaseEventKind.MERGED_INTO, actor, at, other=_ref(survivor), moved=moved)


def merged_from(
    case: Case, *, actor: Actor, at: datetime, merged: Case, moved: dict[str, Any]
) -> CaseEvent:
    return _event(case, CaseEventKind.MERGED_FROM, actor, at, other=_ref(merged), moved=moved)


def split_into(
    case: Case, *, actor: Actor, at: datetime, new_case: Case, attachments: list[str]
) -> CaseEvent:
    return _event(
        case,
        CaseEventKind.SPLIT_INTO,
        actor,
        at,
        other=_ref(new_case),
        subject=new_case.subject,
        attachments=attachments,
    )


def split_from(
    case: Case, *, actor: Actor, at: datetime, origin: Case, attachments: list[str]
) -> CaseEvent:
    return _event(
        case, CaseEventKind.SPLIT_FROM, actor, at, other=_ref(origin), attachments=attachments
    )


def parent_changed(
    case: Case, *, actor: Actor, at: datetime, before: Case | None, after: Case | None
) -> CaseEvent:
    return _event(
        case,
        CaseEventKind.PARENT_CHANGED,
        actor,
        at,
        before=_ref(before) if before else None,
        after=_ref(after) if after else None,
    )


def child_changed(case: Case, *, actor: Actor, at: datetime, child: Case, added: bool) -> CaseEvent:
    return _event(case, CaseEventKind.CHILD_CHANGED, actor, at, child=_ref(child), added=added)


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

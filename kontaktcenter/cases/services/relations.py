"""Cases that belong together: links, duplicates, merging, splitting and parent/child (S8).

Every change writes an event on *both* cases, so each history tells the whole story however the
other case goes on. A confidential case is related only to confidential cases: a link shows the
other case's reference in the history, and a reference in a case the contact center reads must
not point into secrecy (S10).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from kontaktcenter.accounts.actors import Actor, actor_label, staff_user
from kontaktcenter.cases import errors, events
from kontaktcenter.cases.choices import OPEN_CASE_STATUSES, CaseLinkKind, CaseStatus
from kontaktcenter.cases.models import Attachment, Case, CaseLink, case_search_text
from kontaktcenter.cases.policies import CaseAction
from kontaktcenter.cases.references import new_tracking_token, next_case_reference
from kontaktcenter.cases.services._common import clean_text, lock_case, touch
from kontaktcenter.cases.services.intake import route
from kontaktcenter.core.clock import now
from kontaktcenter.core.errors import ValidationError
from kontaktcenter.directory.models import Organisation
from kontaktcenter.forwarding.outbox import move_external_references
from kontaktcenter.routing.models import Category


def open_child_references(case: Case) -> list[str]:
    """The references of the case's children still open, oldest first (a few are enough to
    name in a message)."""
    return list(
        Case.objects.filter(parent=case, status__in=OPEN_CASE_STATUSES)
        .order_by("id")
        .values_list("reference", flat=True)[:10]
    )


def _lock_pair(
    actor: Actor,
    case: Case,
    other: Case,
    *,
    other_action: CaseAction,
) -> tuple[Case, Case]:
    """Both cases under a row lock, taken in id order so two agents relating the same pair
    the other way round wait for each other instead of deadlocking."""
    if case.pk == other.pk:
        raise ValidationError(errors.RELATION_TO_ITSELF)
    actions = {case.pk: CaseAction.RELATE, other.pk: other_action}
    locked: dict[int, Case] = {}
    for pk in sorted(actions):
        target = case if pk == case.pk else other
        locked[pk] = lock_case(target, actor, actions[pk], errors.RELATION_NOT_ALLOWED)
    first, second = locked[case.pk], locked[other.pk]
    if first.is_confidential != second.is_confidential:
        raise ValidationError(errors.RELATION_CONFIDENTIALITY)
    return first, second


def _link_between(case: Case, other: Case) -> CaseLink | None:
    return CaseLink.objects.filter(Q(case=case, other=other) | Q(case=other, other=case)).first()


def _store_link(actor: Actor, case: Case, other: Case, kind: CaseLinkKind) -> CaseLink:
    """One row per pair: a related link goes from the lower id, a duplicate from the duplicate."""
    source, target = (
        (case, other)
        if kind == CaseLinkKind.DUPLICATE
        else sorted((case, other), key=lambda each: each.pk)
    )
    existing = _link_between(case, other)
    if existing is not None:
        existing.delete()
    return CaseLink.objects.create(
        case=source,
        other=target,
        kind=kind,
        created_at=now(),
        created_by_label=actor_label(actor),
    )


@transaction.atomic
def case_link(*, actor: Actor, case: Case, other: Case) -> CaseLink:
    """Link two cases as related ("the same lamp", "the same family"); linking twice is
    harmless. The actor handles `case` and may read `other`."""
    case, other = _lock_pair(actor, case, other, other_action=CaseAction.VIEW)
    existing = _link_between(case, other)
    if existing is not None:
        return existing
    link = _store_link(actor, case, other, CaseLinkKind.RELATED)
    at = now()
    events.linked(case, actor=actor, at=at, other=other, kind=CaseLinkKind.RELATED)
    events.linked(other, actor=actor, at=at, other=case, kind=CaseLinkKind.RELATED)
    touch(case, at)
    touch(other, at)
    return link


@transaction.atomic
def case_unlink(*, actor: Actor, case: Case, other: Case) -> None:
    case, other = _lock_pair(actor, case, other, other_action=CaseAction.VIEW)
    existing = _link_between(case, other)
    if existing is None:
        raise ValidationError(errors.LINK_NOT_FOUND)
    existing.delete()
    at = now()
    events.unlinked(case, actor=actor, at=at, other=other)
    events.unlinked(other, actor=actor, at=at, other=case)
    touch(case, at)
    touch(other, at)


def _close(actor: Actor, case: Case, resolution: str, at: datetime) -> None:
    """Close a case a relation ends; a parent with open children stays open."""
    if case.status == CaseStatus.CLOSED:
        return
    refuse_close_with_open_children(case)
    before = case.status
    case.status = CaseStatus.CLOSED
    case.closed_at = at
    touch(case, at, "status", "closed_at")
    events.closed(case, actor=actor, at=at, before=before, resolution=resolution)


@transaction.atomic
def case_mark_duplicate(*, actor: Actor, case: Case, original: Case) -> Case:
    """`case` reports the same matter as `original`: linked as its duplicate and closed, with
    its own history and attachments left where they are (merge moves them)."""
    case, original = _lock_pair(actor, case, original, other_action=CaseAction.VIEW)
    if case.merged_into_id is not None:
        raise ValidationError(
            errors.ALREADY_MERGED, reference=case.reference, survivor=case.merged_into
        )
    at = now()
    _store_link(actor, case, original, CaseLinkKind.DUPLICATE)
    for each in (case, original):
        events.marked_duplicate(each, actor=actor, at=at, original=original, duplicate=case)
    touch(original, at)
    _close(
        actor,
        case,
        gettext("Duplicate of %(reference)s.") % {"reference": original.reference},
        at,
    )
    touch(case, at)
    return case


def _check_mergeable(case: Case, into: Case) -> None:
    for each in (case, into):
        if each.merged_into_id is not None:
            raise ValidationError(
                errors.ALREADY_MERGED,
                reference=each.reference,
                survivor=Case.objects.get(pk=each.merged_into_id).reference,
            )
    if into.status == CaseStatus.CLOSED:
        raise ValidationError(errors.MERGE_CLOSED_SURVIVOR, reference=into.reference)


@transaction.atomic
def case_merge(*, actor: Actor, case: Case, into: Case) -> Case:
    """Merge `case` into `into`, the case that carries on.

    The merged case is closed and points to the survivor; its attachments, its references in
    the receiving systems and its child cases move over; both histories stay and say what moved.
    The actor must handle both cases. Returns the survivor.
    """
    case, into = _lock_pair(actor, case, into, other_action=CaseAction.RELATE)
    _check_mergeable(case, into)
    at = now()
    attachments = list(Attachment.objects.filter(case=case).order_by("id"))
    Attachment.objects.filter(pk__in=[each.pk for each in attachments]).update(case=into)
    systems = move_external_references(from_case=case, to_case=into)
    children = list(Case.objects.filter(parent=case).exclude(pk=into.pk).order_by("id"))
    for child in children:
        child.parent = into
        touch(child, at, "parent")
        events.parent_changed(child, actor=actor, at=at, before=case, after=into)
        events.child_changed(into, actor=actor, at=at, child=child, added=True)
    moved = {
        "attachments": [each.file_name for each in attachments],
        "systems": systems,
        "children": [child.reference for child in children],
    }
    _store_link(actor, case, into, CaseLinkKind.DUPLICATE)
    _close(
        actor,
        case,
        gettext("Merged into %(reference)s.") % {"reference": into.reference},
        at,
    )
    case.merged_into = into
    touch(case, at, "merged_into")
    events.merged_into(case, actor=actor, at=at, survivor=into, moved=moved)
    events.merged_from(into, actor=actor, at=at, merged=case, moved=moved)
    touch(into, at)
    return into


@transaction.atomic
def case_split(
    *,
    actor: Actor,
    case: Case,
    subject: str,
    description: str = "",
    category: Category | None = None,
    district: Organisation | None = None,
    attachment_ids: Sequence[int] = (),
    as_child: bool = False,
) -> Case:
    """Split a second matter off `case` into a new case of its own, routed by its category.

    The new case keeps the resident, the channel and when they got in touch; the chosen
    attachments move to it. With `as_child` it becomes a child of `case`, which then cannot
    close before it. Returns the new case.
    """
    case = lock_case(case, actor, CaseAction.RELATE, errors.RELATION_NOT_ALLOWED)
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(errors.SPLIT_CLOSED)
    category = category or case.category
    if category.is_confidential != case.is_confidential:
        raise ValidationError(errors.RELATION_CONFIDENTIALITY, field="category")
    subject = clean_text(
        subject, field="subject", label=gettext("Subject"), required=True, max_length=200
    )
    description = clean_text(
        description, field="description", label=gettext("Description"), required=False
    )
    chosen = list(Attachment.objects.filter(pk__in=attachment_ids).order_by("id"))
    if len(chosen) != len(set(attachment_ids)) or any(each.case_id != case.pk for each in chosen):
        raise ValidationError(errors.ATTACHMENT_NOT_ON_CASE, field="attachments")
    organisation, reason = route(category, district or case.district)
    at = now()
    new_case = Case.objects.create(
        reference=next_case_reference(timezone.localtime(case.received_at).year),
        tracking_token=new_tracking_token(),
        channel=case.channel,
        category=category,
        responsible_organisation=organisation,
        district=district or case.district,
        is_confidential=case.is_confidential,
        subject=subject,
        description=description,
        party=case.party,
        share_contact_details=case.share_contact_details,
        search_text=case_search_text(
            subject=subject, resident_name=case.party.name if case.party else ""
        ),
        routing_reason=reason.value,
        created_by=staff_user(actor),
        received_at=case.received_at,
        created_at=at,
        updated_at=at,
        location=case.location,
        parent=case if as_child else None,
    )
    Attachment.objects.filter(pk__in=[each.pk for each in chosen]).update(case=new_case)
    names = [each.file_name for each in chosen]
    events.created(new_case, actor=actor, at=at)
    events.routed(new_case, actor=actor, at=at, before=None, reason=reason.value)
    events.split_from(new_case, actor=actor, at=at, origin=case, attachments=names)
    events.split_into(case, actor=actor, at=at, new_case=new_case, attachments=names)
    _store_link(actor, case, new_case, CaseLinkKind.RELATED)
    if as_child:
        events.parent_changed(new_case, actor=actor, at=at, before=None, after=case)
        events.child_changed(case, actor=actor, at=at, child=new_case, added=True)
    touch(case, at)
    return new_case


def _refuse_cycle(child: Case, parent: Case) -> None:
    """`parent` must not be `child` itself or any case below it."""
    ancestor: Case | None = parent
    seen: set[int] = set()
    while ancestor is not None and ancestor.pk not in seen:
        if ancestor.pk == child.pk:
            raise ValidationError(errors.PARENT_CYCLE, field="parent", reference=parent.reference)
        seen.add(ancestor.pk)
        ancestor = (
            Case.objects.only("pk", "parent_id", "reference").filter(pk=ancestor.parent_id).first()
            if ancestor.parent_id
            else None
        )


@transaction.atomic
def case_set_parent(*, actor: Actor, case: Case, parent: Case | None) -> Case:
    """Make `case` a child of `parent` (None: no parent). The actor must handle both; a closed
    parent is refused, because a parent cannot be closed with an open child."""
    before: Case | None = None
    if parent is None:
        case = lock_case(case, actor, CaseAction.RELATE, errors.RELATION_NOT_ALLOWED)
    else:
        case, parent = _lock_pair(actor, case, parent, other_action=CaseAction.RELATE)
        if parent.status == CaseStatus.CLOSED and case.status != CaseStatus.CLOSED:
            raise ValidationError(errors.PARENT_CLOSED, field="parent", reference=parent.reference)
        _refuse_cycle(case, parent)
    if case.parent_id == (parent.pk if parent else None):
        return case
    if case.parent_id is not None:
        before = Case.objects.get(pk=case.parent_id)
    at = now()
    case.parent = parent
    touch(case, at, "parent")
    events.parent_changed(case, actor=actor, at=at, before=before, after=parent)
    if before is not None:
        events.child_changed(before, actor=actor, at=at, child=case, added=False)
    if parent is not None:
        events.child_changed(parent, actor=actor, at=at, child=case, added=True)
    return case


def refuse_close_with_open_children(case: Case) -> None:
    """The lifecycle's check before closing: a parent waits for its open children."""
    if children := open_child_references(case):
        raise ValidationError(errors.OPEN_CHILDREN, references=", ".join(children))

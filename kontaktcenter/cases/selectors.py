"""Reads of contacts and cases, always limited to what the actor may see. Nothing here writes:
interfaces that show confidential cases log those reads with `services.record_reads`."""

from __future__ import annotations

import contextlib

from django.db.models import Q, QuerySet

from kontaktcenter.accounts.actors import Actor
from kontaktcenter.accounts.models import User
from kontaktcenter.cases import errors, policies, search
from kontaktcenter.cases.models import OPEN_CASE_STATUSES, Case, CaseEvent, Contact
from kontaktcenter.cases.policies import CaseAction
from kontaktcenter.core.errors import NotFound, ValidationError
from kontaktcenter.core.phone import normalise_phone
from kontaktcenter.directory.selectors import organisation_with_descendants

_LIST_RELATED = ("category", "responsible_organisation", "assignee", "party")


def visible_cases(actor: Actor) -> QuerySet[Case]:
    """Every case the actor may read."""
    return Case.objects.select_related(*_LIST_RELATED).filter(
        policies.cases_for(actor, CaseAction.VIEW)
    )


def case_get(*, actor: Actor, reference: str) -> Case:
    """One case by its reference. A case the actor may not read is not found, exactly like
    one that does not exist, so a sequential reference reveals nothing."""
    cleaned = reference.strip().upper()
    case = (
        Case.objects.select_related(
            "category", "responsible_organisation", "assignee", "district", "created_by", "party"
        )
        .filter(reference=cleaned)
        .first()
    )
    if case is None or not policies.may(actor, CaseAction.VIEW, case):
        raise NotFound(errors.CASE_NOT_FOUND, reference=cleaned)
    return case


def case_history(case: Case) -> QuerySet[CaseEvent]:
    return case.events.select_related("actor").order_by("occurred_at", "id")


def case_contacts(case: Case) -> QuerySet[Contact]:
    return case.contacts.select_related("agent").order_by("received_at", "id")


def organisation_queue(
    *, actor: Actor, organisation_id: int, status: str | None = None, mine: bool = False
) -> QuerySet[Case]:
    """Open cases of an organisation (and its units), longest-waiting first: the work list."""
    if not policies.may_view_queue(actor, organisation_id):
        raise NotFound(errors.QUEUE_NOT_FOUND)
    # may_view_queue has checked the organisation is in the actor's scope, so filtering by the
    # queue's organisations alone is enough; repeating the policy's scope filter made
    # PostgreSQL misjudge the row count and walk the whole history (benchmarks/README.md, c2).
    cases = Case.objects.select_related(*_LIST_RELATED).filter(
        responsible_organisation_id__in=organisation_with_descendants(organisation_id)
    )
    if not policies.queue_shows_confidential(actor):
        cases = cases.filter(is_confidential=False)
    cases = cases.filter(status=status) if status else cases.filter(status__in=OPEN_CASE_STATUSES)
    if mine and isinstance(actor, User):
        cases = cases.filter(assignee=actor)
    return cases.order_by("received_at", "id")


def case_search(*, actor: Actor, query: str) -> QuerySet[Case]:
    """Find cases by reference, subject or the resident's name, e-mail or phone."""
    cleaned = query.strip()
    cases = visible_cases(actor)
    if not cleaned:
        return cases.none()
    # One branch without an index makes the database read every case. References are stored
    # in capitals (unique index) and words have the full-text index; the resident's e-mail and
    # phone are searched only when the query looks like one.
    matches = Q(reference=cleaned.upper()) | search.text_match(cleaned)
    if "@" in cleaned:
        matches |= Q(party__email__iexact=cleaned)
    # Phone numbers are stored as E.164; find them however the agent types them. A query that
    # is not a phone number simply does not search the phone field.
    with contextlib.suppress(ValidationError):
        matches |= Q(party__phone=normalise_phone(cleaned))
    # Newest registered first, by the primary key: its index serves every database, and
    # cases.search already reads "newest" as the highest ids.
    return cases.filter(matches).order_by("-id")


def recent_contacts(*, actor: Actor, limit: int = 20) -> QuerySet[Contact]:
    if not isinstance(actor, User):
        return Contact.objects.none()
    return (
        Contact.objects.filter(agent=actor)
        .select_related("category", "case", "referred_to")
        .order_by("-started_at")[:limit]
    )


def contact_get(*, actor: Actor, contact_id: int) -> Contact:
    contact = Contact.objects.select_related("category", "case").filter(pk=contact_id).first()
    if contact is None or not isinstance(actor, User) or contact.agent_id != actor.pk:
        raise NotFound(errors.CONTACT_NOT_FOUND)
    return contact


def case_get_by_id(*, actor: Actor, case_id: int) -> Case:
    """One case by its id, for the system's own readers (a threaded e-mail)."""
    case = (
        Case.objects.select_related("category", "responsible_organisation", "party")
        .filter(pk=case_id)
        .first()
    )
    if case is None or not policies.may(actor, CaseAction.VIEW, case):
        raise NotFound(errors.CASE_NOT_FOUND, reference=str(case_id))
    return case


def case_by_tracking_token(token: str) -> Case | None:
    """The case a resident's tracking link opens; None for an unknown or malformed code."""
    if not token or len(token) > 64:
        return None
    return (
        Case.objects.select_related("category", "responsible_organisation", "party")
        .filter(tracking_token=token)
        .first()
    )

"""Reads of contacts and cases, always limited to what the actor may see."""

from __future__ import annotations

import contextlib

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from kontaktcenter.accounts import permissions
from kontaktcenter.accounts.models import Role, User
from kontaktcenter.cases import events, search
from kontaktcenter.cases.models import OPEN_CASE_STATUSES, Case, CaseEvent, Contact
from kontaktcenter.core.clock import now
from kontaktcenter.core.errors import NotFound, PermissionDenied, ValidationError
from kontaktcenter.core.phone import normalise_phone
from kontaktcenter.directory.selectors import organisation_with_descendants


def visible_cases(actor: User) -> QuerySet[Case]:
    """Every case the actor may read; the same rule as permissions.can_view_case."""
    cases = Case.objects.select_related("category", "responsible_organisation", "assignee")
    if actor.role in permissions.ORGANISATION_ROLES:
        return cases.filter(responsible_organisation_id__in=permissions.organisation_scope(actor))
    if actor.role in permissions.CONTACT_CENTER_ROLES or actor.role == Role.SYSTEM_ADMIN:
        return cases.filter(is_confidential=False)
    return cases.none()


def case_get(*, actor: User, reference: str) -> Case:
    """One case by its reference; a read of a confidential case is written to its history."""
    case = (
        Case.objects.select_related(
            "category", "responsible_organisation", "assignee", "district", "created_by"
        )
        .filter(reference=reference.strip().upper())
        .first()
    )
    if case is None:
        raise NotFound(_("No case with reference %(reference)s.") % {"reference": reference})
    if not permissions.can_view_case(actor, case):
        raise PermissionDenied(_("You may not read case %(reference)s.") % {"reference": reference})
    if case.is_confidential:
        with transaction.atomic():
            events.viewed(case, actor=actor, at=now())
    return case


def case_history(case: Case) -> QuerySet[CaseEvent]:
    return case.events.select_related("actor").order_by("occurred_at", "id")


def organisation_queue(
    *, actor: User, organisation_id: int, status: str | None = None, mine: bool = False
) -> QuerySet[Case]:
    """Open cases of an organisation (and its units), oldest first: the officers' work list."""
    if not permissions.can_view_queue(actor, organisation_id):
        raise PermissionDenied(_("You may not see this organisation's queue."))
    # can_view_queue has checked the organisation is in the actor's scope, so filtering by the
    # queue's organisations alone is enough; repeating visible_cases' scope filter made
    # PostgreSQL misjudge the row count and walk the whole history (benchmarks/README.md, c2).
    cases = Case.objects.select_related("category", "responsible_organisation", "assignee").filter(
        responsible_organisation_id__in=organisation_with_descendants(organisation_id)
    )
    if actor.role not in permissions.ORGANISATION_ROLES:
        cases = cases.filter(is_confidential=False)
    cases = cases.filter(status=status) if status else cases.filter(status__in=OPEN_CASE_STATUSES)
    if mine:
        cases = cases.filter(assignee=actor)
    return cases.order_by("created_at", "id")


def case_search(*, actor: User, query: str) -> QuerySet[Case]:
    """Find cases by reference, subject or the resident's name, e-mail or phone."""
    cleaned = query.strip()
    cases = visible_cases(actor)
    if not cleaned:
        return cases.none()
    # One branch without an index makes the database read every case. References are stored
    # in capitals (unique index) and words have the full-text index; e-mail and phone have no
    # index yet, so they are searched only when the query looks like one.
    matches = Q(reference=cleaned.upper()) | search.text_match(cleaned)
    if "@" in cleaned:
        matches |= Q(resident_email__iexact=cleaned)
    # Phone numbers are stored as E.164; find them however the agent types them. A query that
    # is not a phone number simply does not search the phone field.
    with contextlib.suppress(ValidationError):
        matches |= Q(resident_phone=normalise_phone(cleaned))
    return cases.filter(matches).order_by("-created_at")


def recent_contacts(*, actor: User, limit: int = 20) -> QuerySet[Contact]:
    return (
        Contact.objects.filter(agent=actor)
        .select_related("category", "case", "referred_to")
        .order_by("-started_at")[:limit]
    )


def contact_get(*, actor: User, contact_id: int) -> Contact:
    contact = Contact.objects.select_related("category", "case").filter(pk=contact_id).first()
    if contact is None or contact.agent_id != actor.pk:
        raise NotFound(_("Contact not found."))
    return contact

"""Correcting a case's category, which routes it again (S6, S7, S10)."""

from __future__ import annotations

from django.db import transaction

from kontaktcenter.accounts.actors import Actor
from kontaktcenter.cases import errors, events
from kontaktcenter.cases.models import Case, CaseStatus
from kontaktcenter.cases.policies import CaseAction
from kontaktcenter.cases.services import _deadlines
from kontaktcenter.cases.services._common import lock_case, touch
from kontaktcenter.cases.services.intake import record_routing, route_case
from kontaktcenter.cases.services.parties import forget_contact_words
from kontaktcenter.core.clock import now
from kontaktcenter.core.errors import ValidationError
from kontaktcenter.directory.models import Organisation
from kontaktcenter.routing.models import Category
from kontaktcenter.routing.services import category_choice_record


@transaction.atomic
def case_recategorise(
    *,
    actor: Actor,
    case: Case,
    category: Category,
    district: Organisation | None = None,
    concerns: Organisation | None = None,
    expected_version: int | None = None,
) -> Case:
    """Correct the category; the case is routed again by the new category's rule.

    A case moved into a confidential category becomes confidential for good, and the contact
    center keeps nothing more of it than when such a case is created (S10).
    """
    case = lock_case(
        case, actor, CaseAction.HANDLE, errors.HANDLE_NOT_ALLOWED, expected_version=expected_version
    )
    if case.status in {CaseStatus.CLOSED, CaseStatus.RESOLVED}:
        raise ValidationError(errors.RECATEGORISE_CLOSED)
    if category.pk == case.category_id:
        case.version -= 1
        return case
    organisation, reason, ruled = route_case(
        category,
        district or case.district,
        concerns,
        channel=case.channel,
        text=f"{case.subject} {case.description}",
    )
    at = now()
    before_category = {"id": case.category_id, "name": case.category.name}
    before_org = {
        "id": case.responsible_organisation_id,
        "name": case.responsible_organisation.name,
    }
    becomes_confidential = category.is_confidential and not case.is_confidential
    case.category = category
    case.is_confidential = case.is_confidential or category.is_confidential
    events.category_changed(
        case,
        actor=actor,
        at=at,
        before=before_category,
        after={"id": category.pk, "name": category.name},
    )
    fields = ["category", "is_confidential"]
    if organisation.pk != case.responsible_organisation_id:
        case.responsible_organisation = organisation
        case.district = district or case.district
        case.routing_reason = reason.value
        case.assignee = ruled.officer if ruled else None
        case.queue = None
        # A full deadline in the new organisation's working time.
        _deadlines.start(case, at)
        if case.status != CaseStatus.NEW:
            events.status_changed(
                case, actor=actor, at=at, before=case.status, after=CaseStatus.NEW
            )
            case.status = CaseStatus.NEW
        fields += [
            "responsible_organisation",
            "district",
            "routing_reason",
            "assignee",
            "queue",
            "status",
            *_deadlines.DEADLINE_FIELDS,
        ]
        events.routed(case, actor=actor, at=at, before=before_org, reason=reason.value)
    touch(case, at, *fields)
    record_routing(case, ruled)
    if not case.is_confidential:
        # The agent corrected the category: the classifier learns from it (S6).
        category_choice_record(
            actor=actor, text=f"{case.subject}\n{case.description}", chosen=category, source="case"
        )
    if becomes_confidential:
        forget_contact_words(case)
    return case

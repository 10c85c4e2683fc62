"""Cases, categories and the directory as the API's bodies (plain dicts the schemas check)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kontaktcenter.accounts.actors import describe_actor

if TYPE_CHECKING:
    from kontaktcenter.accounts.models import IntegrationIntake
    from kontaktcenter.cases.models import Case, CaseEvent, Contact
    from kontaktcenter.directory.models import Organisation, Person
    from kontaktcenter.routing.models import Category


def named(organisation: Organisation) -> dict[str, str]:
    return {"code": organisation.code, "name": organisation.name}


def case_body(case: Case, intake: IntegrationIntake | None) -> dict[str, Any]:
    party = case.party
    position = None
    if intake is not None and intake.latitude is not None and intake.longitude is not None:
        position = {"lat": intake.latitude, "long": intake.longitude}
    return {
        "reference": case.reference,
        "subject": case.subject,
        "description": case.description,
        "status": case.status,
        "channel": case.channel,
        "category": {"code": case.category.code, "name": case.category.name},
        "responsible_organisation": named(case.responsible_organisation),
        "district": None if case.district_id is None else case.district.code,  # type: ignore[union-attr]
        "confidential": case.is_confidential,
        "resident": None
        if party is None or party.scrubbed_at is not None
        else {"name": party.name, "email": party.email, "phone": party.phone},
        "address": intake.address if intake else "",
        "position": position,
        "received_at": case.received_at,
        "created_at": case.created_at,
        "updated_at": case.updated_at,
        "closed_at": case.closed_at,
    }


def event_body(event: CaseEvent) -> dict[str, Any]:
    return {
        "kind": event.kind,
        "by": describe_actor(event.actor_kind, event.actor_label),
        "occurred_at": event.occurred_at,
        "data": event.data,
    }


def contact_body(contact: Contact) -> dict[str, Any]:
    return {
        "channel": contact.channel,
        "outcome": contact.outcome,
        "received_at": contact.received_at,
        "ended_at": contact.ended_at,
    }


def category_body(category: Category) -> dict[str, Any]:
    return {
        "code": category.code,
        "name": category.name,
        "parent": category.parent.code if category.parent else None,
        "responsible_organisation": named(category.responsible_organisation),
        "handling": category.handling,
        "confidential": category.is_confidential,
    }


def organisation_body(organisation: Organisation, codes: dict[int, str]) -> dict[str, Any]:
    return {
        "code": organisation.code,
        "name": organisation.name,
        "short_name": organisation.short_name,
        "kind": organisation.kind,
        "parent": codes.get(organisation.parent_id) if organisation.parent_id else None,
        "email": organisation.email,
        "phone": organisation.phone,
    }


def person_body(person: Person) -> dict[str, Any]:
    return {
        "name": f"{person.first_name} {person.last_name}",
        "title": person.title,
        "organisation": named(person.organisation),
        "email": person.email,
        "phone": person.phone,
    }

"""Registering a case: clean what was given, route it, record who and when (S1, S6, S7, S10)."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from kontaktcenter.accounts.actors import Actor, staff_user
from kontaktcenter.cases import errors, events, policies
from kontaktcenter.cases.models import (
    Case,
    CaseStatus,
    Contact,
    ContactOutcome,
    Priority,
    case_search_text,
)
from kontaktcenter.cases.references import new_tracking_token, next_case_reference
from kontaktcenter.cases.services import _deadlines
from kontaktcenter.cases.services._common import clean_received_at, clean_text, require
from kontaktcenter.cases.services.contacts import clean_channel, finish_contact, lock_open_contact
from kontaktcenter.cases.services.parties import party_record
from kontaktcenter.core.clock import now
from kontaktcenter.core.errors import ValidationError
from kontaktcenter.directory.models import Organisation, OrganisationKind
from kontaktcenter.directory.selectors import operator_organisation
from kontaktcenter.routing.decisions import RuleRoute, rule_route_for_case
from kontaktcenter.routing.models import Category
from kontaktcenter.routing.rules import (
    CategoryRule,
    Refusal,
    RouteReason,
    RouteRefusal,
    Tier,
    decide_route,
)
from kontaktcenter.routing.services import routing_decision_record
from kontaktcenter.routing.texts import route_explanation

_REFUSALS = {
    RouteRefusal.REFERRAL_ONLY: errors.REFERRAL_ONLY,
    RouteRefusal.DISTRICT_MISSING: errors.DISTRICT_MISSING,
    RouteRefusal.CATEGORY_INACTIVE: errors.CATEGORY_INACTIVE,
    RouteRefusal.CONCERNED_MISSING: errors.CONCERNED_MISSING,
}
_REFUSAL_FIELDS = {
    RouteRefusal.DISTRICT_MISSING: "district",
    RouteRefusal.CONCERNED_MISSING: "concerns",
}


def route(
    category: Category,
    district: Organisation | None,
    concerns: Organisation | None = None,
    *,
    channel: str = "",
    text: str = "",
) -> tuple[Organisation, RouteReason]:
    """The organisation responsible for a case of `category` from a resident of `district`;
    for feedback, `concerns` is the organisation the feedback is about."""
    organisation, reason, _ruled = route_case(
        category, district, concerns, channel=channel, text=text
    )
    return organisation, reason


def route_case(
    category: Category,
    district: Organisation | None,
    concerns: Organisation | None = None,
    *,
    channel: str = "",
    text: str = "",
) -> tuple[Organisation, RouteReason, RuleRoute | None]:
    """As `route`, with the administrators' routing rule that decided, if one did (S7)."""
    if district is not None and district.kind != OrganisationKind.DISTRICT:
        raise ValidationError(errors.NOT_A_DISTRICT, field="district")
    if category.is_active:
        ruled = rule_route_for_case(
            category=category, district=district, channel=channel, text=text
        )
        if ruled is not None:
            if ruled.organisation is not None:
                return ruled.organisation, RouteReason.RULE, ruled
            if ruled.tier == Tier.REFER.value:
                raise ValidationError(errors.REFERRAL_ONLY, field="category")
            raise ValidationError(errors.DISTRICT_MISSING, field="district")
    operator = operator_organisation()
    decision = decide_route(
        CategoryRule(category.handling, category.responsible_organisation_id, category.is_active),
        district_id=district.pk if district else None,
        operator_id=operator.pk,
        concerned_organisation_id=concerns.pk if concerns else None,
    )
    if isinstance(decision, Refusal):
        raise ValidationError(
            _REFUSALS[decision.reason],
            field=_REFUSAL_FIELDS.get(decision.reason, "category"),
        )
    organisation = {
        RouteReason.RESIDENT_DISTRICT: district,
        RouteReason.CONTACT_CENTER: operator,
        RouteReason.CATEGORY_OWNER: category.responsible_organisation,
        RouteReason.CONCERNED_ORGANISATION: concerns,
    }[decision.reason]
    assert organisation is not None
    return organisation, decision.reason, None


@transaction.atomic
def case_create(
    *,
    actor: Actor,
    channel: str,
    category: Category,
    subject: str,
    description: str = "",
    resident_name: str = "",
    resident_email: str = "",
    resident_phone: str = "",
    district: Organisation | None = None,
    contact: Contact | None = None,
    question: str | None = None,
    received_at: datetime | None = None,
    concerns: Organisation | None = None,
    share_contact_details: bool = False,
    priority: int = Priority.NORMAL,
    location: str = "",
) -> Case:
    """Register a case, route it to the responsible organisation and record both as events.

    `received_at` is when the resident got in touch (an e-mail's date, an imported case's
    original time); by default the contact's, or now. The reference's year follows it.
    `location` is the address or place the matter is about; the duplicate check compares it.
    """
    require(policies.may_create_cases(actor), errors.CREATE_NOT_ALLOWED)
    if priority not in Priority.values:
        raise ValidationError(errors.UNKNOWN_PRIORITY, field="priority")
    channel = clean_channel(channel)
    if contact is not None:
        lock_open_contact(contact, actor)
    organisation, reason, ruled = route_case(
        category,
        district,
        concerns,
        channel=channel,
        text=" ".join([subject, description, question or (contact.question if contact else "")]),
    )
    confidential = category.is_confidential
    created_at = now()
    received = clean_received_at(
        received_at or (contact.received_at if contact else None), recorded_at=created_at
    )
    # The resident's words: as the agent rewrote them, or as the contact was started with.
    if question is None and contact is not None:
        question = contact.question
    subject = clean_text(
        subject, field="subject", label=_("Subject"), required=True, max_length=200
    )
    party = party_record(
        name=resident_name, email=resident_email, phone=resident_phone, at=created_at
    )
    case = Case(
        # The registry year is the year in the municipality's time zone, not in UTC.
        reference=next_case_reference(timezone.localtime(received).year),
        tracking_token=new_tracking_token(),
        channel=channel,
        category=category,
        responsible_organisation=organisation,
        district=district,
        is_confidential=confidential,
        subject=subject,
        # Without a description the resident's own words are the description, so nothing that
        # was said is lost when the contact keeps no copy (confidential cases).
        description=clean_text(
            description or question or "",
            field="description",
            label=_("Description"),
            required=False,
        ),
        party=party,
        share_contact_details=share_contact_details and party is not None,
        search_text=case_search_text(subject=subject, resident_name=party.name if party else ""),
        routing_reason=reason.value,
        assignee=ruled.officer if ruled else None,
        # A rule that names the officer hands the case over at once (case work's lifecycle).
        status=CaseStatus.ASSIGNED if ruled and ruled.officer else CaseStatus.NEW,
        created_by=staff_user(actor),
        received_at=received,
        created_at=created_at,
        updated_at=created_at,
        priority=priority,
        location=clean_text(
            location, field="location", label=_("Address or place"), required=False, max_length=200
        ),
    )
    # The clock runs from when the resident got in touch, in the organisation's working time.
    _deadlines.start(case, received)
    case.save(force_insert=True)
    events.created(case, actor=actor, at=created_at)
    events.routed(case, actor=actor, at=created_at, before=None, reason=reason.value)
    record_routing(case, ruled)
    if contact is not None:
        finish_contact(
            contact,
            outcome=ContactOutcome.CASE_CREATED,
            # Secrecy (S10): the contact keeps no copy of a confidential case's words.
            question="" if confidential else question,
            case=case,
            category=category,
            # Nor does it keep who the resident is: routing needs the category and the case.
            party=None if confidential else party,
            ended_at=created_at,
        )
    return case


def record_routing(case: Case, ruled: RuleRoute | None) -> None:
    """The routing decision with its reason, in the city's language, beside the case."""
    if ruled is not None:
        routing_decision_record(case=case, reason=ruled.reason, tier=ruled.tier, rule=ruled.rule)
        return
    with translation.override(settings.LANGUAGE_CODE):
        reason = route_explanation(
            case.routing_reason,
            category=case.category.name,
            organisation=case.responsible_organisation.name,
        )
    tier = "handle" if case.routing_reason == RouteReason.CONTACT_CENTER.value else "forward"
    routing_decision_record(case=case, reason=reason, tier=tier)

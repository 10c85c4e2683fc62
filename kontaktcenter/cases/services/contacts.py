"""Contacts: one interaction with a resident, from its start to its outcome (S1, S3, S5, S14)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kontaktcenter.accounts.actors import Actor, staff_user
from kontaktcenter.accounts.models import User
from kontaktcenter.cases import errors, policies
from kontaktcenter.cases.models import Channel, Contact, ContactOutcome
from kontaktcenter.cases.services._common import clean_received_at, clean_text, require
from kontaktcenter.core.clock import now
from kontaktcenter.core.errors import PermissionDenied, ValidationError
from kontaktcenter.directory.models import Organisation, Site
from kontaktcenter.routing.models import Category

QUESTION_MAX_LENGTH = 10_000


def clean_channel(channel: str) -> str:
    if channel not in Channel.values:
        raise ValidationError(errors.UNKNOWN_CHANNEL, field="channel")
    return channel


def lock_open_contact(contact: Contact, actor: Actor) -> None:
    """Only whoever took the contact finishes it, and only once.

    The outcome is read under a row lock, not from the caller's copy: two requests (two tabs, a
    double click) must not both finish the same contact.
    """
    taken_by_someone_else = (
        contact.agent_id != actor.pk if isinstance(actor, User) else contact.agent_id is not None
    )
    if taken_by_someone_else:
        raise PermissionDenied(errors.CONTACT_NOT_YOURS)
    current = (
        Contact.objects.select_for_update().values_list("outcome", flat=True).get(pk=contact.pk)
    )
    if current != ContactOutcome.OPEN:
        raise ValidationError(errors.CONTACT_FINISHED)


def finish_contact(contact: Contact, *, outcome: str, question: str | None, **changes: Any) -> None:
    """Set the outcome, the end time and, if the agent rewrote it, the question."""
    contact.outcome = outcome
    contact.ended_at = changes.pop("ended_at", None) or now()
    fields = ["outcome", "ended_at"]
    if question is not None:
        contact.question = clean_text(
            question,
            field="question",
            label=_("Question"),
            required=False,
            max_length=QUESTION_MAX_LENGTH,
        )
        fields.append("question")
    for field, value in changes.items():
        setattr(contact, field, value)
        fields.append(field)
    contact.save(update_fields=fields)


@transaction.atomic
def contact_start(
    *,
    actor: Actor,
    channel: str,
    question: str = "",
    site: Site | None = None,
    received_at: datetime | None = None,
) -> Contact:
    """Register that a resident got in touch; the outcome is set when the contact ends."""
    require(policies.may_register_contacts(actor), errors.CONTACTS_NOT_ALLOWED)
    started_at = now()
    agent = staff_user(actor)
    return Contact.objects.create(
        channel=clean_channel(channel),
        site=site or (agent.site if agent else None),
        agent=agent,
        received_at=clean_received_at(received_at, recorded_at=started_at),
        started_at=started_at,
        question=clean_text(
            question,
            field="question",
            label=_("Question"),
            required=False,
            max_length=QUESTION_MAX_LENGTH,
        ),
    )


@transaction.atomic
def contact_answer_directly(
    *,
    actor: Actor,
    contact: Contact,
    answer_note: str = "",
    category: Category | None = None,
    question: str | None = None,
) -> Contact:
    """Tier 1 solved the matter on the spot (S3, S5)."""
    lock_open_contact(contact, actor)
    finish_contact(
        contact,
        outcome=ContactOutcome.ANSWERED_DIRECTLY,
        question=question,
        category=category,
        answer=clean_text(
            answer_note, field="answer", label=_("Answer"), required=False, max_length=10_000
        ),
    )
    return contact


@transaction.atomic
def contact_refer(
    *,
    actor: Actor,
    contact: Contact,
    category: Category,
    referred_to: Organisation | None = None,
    question: str | None = None,
) -> Contact:
    """The matter belongs elsewhere, e.g. facility bookings go to the booking unit (S14)."""
    lock_open_contact(contact, actor)
    finish_contact(
        contact,
        outcome=ContactOutcome.REFERRED,
        question=question,
        category=category,
        referred_to=referred_to or category.responsible_organisation,
    )
    return contact


@transaction.atomic
def contact_transfer(
    *,
    actor: Actor,
    contact: Contact,
    to: Organisation,
    category: Category | None = None,
    question: str | None = None,
) -> Contact:
    """The call was put through to the organisation; counted against first-contact resolution.

    The category is kept when the agent knows it, so per-category statistics see transfers too.
    """
    lock_open_contact(contact, actor)
    finish_contact(
        contact,
        outcome=ContactOutcome.TRANSFERRED,
        question=question,
        referred_to=to,
        category=category,
    )
    return contact

"""The resident's personal data: recorded once per intake, removed in one place."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kontaktcenter.accounts.actors import Actor
from kontaktcenter.cases import errors, events, policies
from kontaktcenter.cases.models import (
    Attachment,
    Case,
    CaseEvent,
    Contact,
    Party,
    case_search_text,
)
from kontaktcenter.cases.services._common import clean_email, clean_text, require
from kontaktcenter.cases.services.attachments import remove_attachments
from kontaktcenter.core.clock import now
from kontaktcenter.core.phone import normalise_phone
from kontaktcenter.forwarding.outbox import forget_in_deliveries


def party_record(*, name: str, email: str, phone: str, at: datetime) -> Party | None:
    """A party for what the resident told us about themselves; None if they stayed anonymous."""
    name = clean_text(name, field="resident_name", label=_("Name"), required=False, max_length=160)
    email = clean_email(email, field="resident_email", label=_("E-mail"))
    phone = normalise_phone(phone, field="resident_phone")
    if not (name or email or phone):
        return None
    return Party.objects.create(name=name, email=email, phone=phone, created_at=at)


def forget_contact_words(case: Case) -> None:
    """Secrecy (S10): what the resident said, and who they are, live only in the confidential
    case, which the contact center cannot read; the contacts keep no copy of either. Nothing is
    lost: the words become the case's description when it has none, and the case keeps its
    party."""
    for contact in case.contacts.all():
        if contact.question and not case.description:
            case.description = contact.question
            case.save(update_fields=["description"])
        contact.question = ""
        contact.answer = ""
        contact.party = None
        contact.save(update_fields=["question", "answer", "party"])


ERASURE_REQUEST = "erasure_request"
RETENTION = "retention"


@transaction.atomic
def party_scrub(*, actor: Actor, party: Party, reason: str = ERASURE_REQUEST) -> Party:
    """Remove a resident's personal data everywhere it is kept, leaving every record's shape.

    The party loses its name and contact details; its contacts lose the question and answer;
    its cases' attachments lose their files and names;
    its cases lose their description and get their category's name as subject; each free-text
    field of their events is blanked and marked `scrubbed`; the deliveries to organisations'
    systems keep no copy either. Counts, categories, organisations,
    times and who did what stay, so statistics and the history still add up.
    """
    require(policies.may_scrub_personal_data(actor), errors.SCRUB_NOT_ALLOWED)
    party = Party.objects.select_for_update().get(pk=party.pk)
    at = now()
    Party.objects.filter(pk=party.pk).update(name="", email="", phone="", scrubbed_at=at)
    Contact.objects.filter(party=party).update(question="", answer="")
    for case in Case.objects.filter(party=party).select_related("category"):
        scrub_case(case, actor=actor, at=at, reason=reason)
    # Files the resident sent, wherever a merge or split has taken them since.
    remove_attachments(
        Attachment.objects.filter(Q(case__party=party) | Q(added_to__party=party)), at=at
    )
    party.refresh_from_db()
    return party


def scrub_case(case: Case, *, actor: Actor, at: datetime, reason: str) -> None:
    """Remove the resident's data from one case (not from its party, which other cases may
    share, nor its attachments, which the caller removes in one go); the case keeps its shape."""
    case.description = ""
    case.subject = case.category.name[:200]
    case.search_text = case_search_text(subject=case.subject, resident_name="")
    # The case type's form may hold a personnummer, an address, a phone number.
    case.form_values = {}
    case.anonymised_at = at
    case.save(
        update_fields=["description", "subject", "search_text", "form_values", "anonymised_at"]
    )
    Contact.objects.filter(case=case).update(question="", answer="")
    for event in CaseEvent.objects.filter(case=case, kind__in=events.PERSONAL_FIELDS):
        fields = events.PERSONAL_FIELDS[event.kind]
        if any(event.data.get(name) for name in fields):
            event.data = {**event.data, **dict.fromkeys(fields, ""), "scrubbed": True}
            event.save(update_fields=["data"])
    forget_in_deliveries(case)
    events.scrubbed(case, actor=actor, at=at, reason=reason)

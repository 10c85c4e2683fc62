"""A person's data on request (GDPR articles 15 and 17) and retention (gallring) by the
records-management plan, under the archives act (issue 16).

Who a request is about is found by personnummer (in case forms), e-mail or phone (the party).
Erasure never overrides the archives act: a case that is a public record the plan still keeps
(open, preserved, or within its retention period) is kept and listed with the reason, never
silently deleted; the retention job removes the data when the time has come. Both anonymise
rather than delete, so every count in the statistics stays what it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.template.loader import render_to_string
from django.utils import translation
from stdnum import exceptions as stdnum_errors
from stdnum.se import personnummer

from kontaktcenter.accounts.actors import Actor
from kontaktcenter.cases import errors, policies
from kontaktcenter.cases.choices import AccessPurpose, CaseStatus
from kontaktcenter.cases.events import PERSONAL_FIELDS
from kontaktcenter.cases.models import Attachment, Case, Contact, Party, RetentionRule
from kontaktcenter.cases.services._common import require
from kontaktcenter.cases.services.access import record_reads
from kontaktcenter.cases.services.attachments import remove_attachments, stored_path
from kontaktcenter.cases.services.parties import ERASURE_REQUEST, RETENTION, scrub_case
from kontaktcenter.core.clock import now
from kontaktcenter.core.errors import ValidationError
from kontaktcenter.core.phone import normalise_phone

# Why a case is kept when its resident asks for erasure.
KEPT_OPEN = "open"  # still being handled
KEPT_PRESERVED = "preserved"  # the plan preserves the category (bevaras)
KEPT_RETENTION = "retention_period"  # a public record the plan keeps until `due`
KEPT_NO_RULE = "no_rule"  # the plan says nothing: kept until someone decides


@dataclass(frozen=True)
class PersonQuery:
    """Who a request is about, cleaned: personnummer as YYYYMMDD-NNNN, phone in E.164."""

    personnummer: str = ""
    email: str = ""
    phone: str = ""


def person_query(*, personnummer_text: str = "", email: str = "", phone: str = "") -> PersonQuery:
    pnr = ""
    if personnummer_text.strip():
        try:
            compact = str(personnummer.validate(personnummer_text.strip()))
            birth = personnummer.get_birth_date(compact)
        except stdnum_errors.ValidationError:
            raise ValidationError(errors.PERSON_QUERY_PERSONNUMMER, field="personnummer") from None
        digits = "".join(character for character in compact if character.isdigit())
        if len(digits) == 10:
            digits = f"{birth.year // 100:02d}{digits}"
        pnr = f"{digits[:8]}-{digits[8:]}"
    query = PersonQuery(
        personnummer=pnr,
        email=email.strip().lower(),
        phone=normalise_phone(phone, field="phone"),
    )
    if not (query.personnummer or query.email or query.phone):
        raise ValidationError(errors.PERSON_QUERY_EMPTY)
    return query


def matching_parties(query: PersonQuery) -> QuerySet[Party]:
    condition = Q(pk__in=[])
    if query.email:
        condition |= Q(email__iexact=query.email)
    if query.phone:
        condition |= Q(phone=query.phone)
    return Party.objects.filter(condition).order_by("pk")


def matching_cases(query: PersonQuery) -> QuerySet[Case]:
    """Every case linked to the person: through their party, or their personnummer in a form."""
    condition = Q(party__in=matching_parties(query))
    if query.personnummer:
        # Forms store a personnummer as YYYYMMDD-NNNN (case_forms.py); the JSON's text holds it.
        with_number = Case.objects.annotate(form_text=Cast("form_values", TextField())).filter(
            form_text__contains=query.personnummer
        )
        condition |= Q(pk__in=with_number.values("pk"))
    return (
        Case.objects.filter(condition)
        .select_related("category", "responsible_organisation", "party")
        .order_by("received_at", "pk")
    )


def matching_contacts(query: PersonQuery) -> QuerySet[Contact]:
    return Contact.objects.filter(
        Q(party__in=matching_parties(query)) | Q(case__in=matching_cases(query))
    ).order_by("received_at", "pk")


# --- what the plan says about a case ---------------------------------------------------------


def retention_due(case: Case, rule: RetentionRule | None) -> datetime | None:
    """When the case's resident data is due to go; None while it is open, preserved or has no
    rule."""
    if rule is None or rule.preserve or case.status != CaseStatus.CLOSED or not case.closed_at:
        return None
    return case.closed_at + timedelta(days=rule.keep_days)


def _rules() -> dict[int, RetentionRule]:
    return {rule.category_id: rule for rule in RetentionRule.objects.all()}


def kept_because(
    case: Case, rule: RetentionRule | None, at: datetime
) -> tuple[str, datetime | None]:
    """Why the archives act keeps the case now ("" if nothing keeps it), and when it is due."""
    if case.status != CaseStatus.CLOSED:
        return KEPT_OPEN, None
    if rule is None:
        return KEPT_NO_RULE, None
    if rule.preserve:
        return KEPT_PRESERVED, None
    due = retention_due(case, rule)
    if due is not None and due > at:
        return KEPT_RETENTION, due
    return "", due


# --- erasure ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeptCase:
    reference: str
    reason: str
    due: datetime | None


@dataclass
class ErasurePlan:
    """What an erasure changes (or, after a dry run, would change)."""

    query: PersonQuery
    dry_run: bool
    anonymised_cases: list[str] = field(default_factory=list)
    kept_cases: list[KeptCase] = field(default_factory=list)
    erased_contacts: int = 0
    erased_parties: int = 0
    kept_parties: int = 0
    removed_attachments: int = 0


@transaction.atomic
def personal_data_erase(*, actor: Actor, query: PersonQuery, dry_run: bool) -> ErasurePlan:
    """Erase what the person may have erased: contacts that never became a case, cases the
    plan no longer keeps, and their contact details once no kept case needs them. With
    `dry_run` nothing changes and the plan lists what would."""
    require(policies.may_scrub_personal_data(actor), errors.SCRUB_NOT_ALLOWED)
    at = now()
    rules = _rules()
    plan = ErasurePlan(query=query, dry_run=dry_run)
    erasable: list[Case] = []
    for case in matching_cases(query).select_for_update(of=("self",)):
        if case.anonymised_at is not None:
            continue
        reason, due = kept_because(case, rules.get(case.category_id), at)
        if reason:
            plan.kept_cases.append(KeptCase(case.reference, reason, due))
        else:
            erasable.append(case)
            plan.anonymised_cases.append(case.reference)
    kept_references = {kept.reference for kept in plan.kept_cases}
    parties = list(matching_parties(query))
    party_ids_kept = set(
        Case.objects.filter(reference__in=kept_references, party__isnull=False).values_list(
            "party_id", flat=True
        )
    )
    loose_contacts = Contact.objects.filter(party__in=parties, case__isnull=True).exclude(
        question="", answer=""
    )
    plan.erased_contacts = loose_contacts.count()
    attachments = Attachment.objects.filter(
        Q(case__in=erasable) | Q(added_to__in=erasable), removed_at__isnull=True
    )
    plan.removed_attachments = attachments.count()
    erased_parties = [party for party in parties if party.pk not in party_ids_kept]
    plan.erased_parties = sum(1 for party in erased_parties if party.scrubbed_at is None)
    plan.kept_parties = len(parties) - len(erased_parties)
    if dry_run:
        return plan
    for case in erasable:
        scrub_case(case, actor=actor, at=at, reason=ERASURE_REQUEST)
    loose_contacts.update(question="", answer="")
    remove_attachments(attachments, at=at)
    Party.objects.filter(pk__in=[party.pk for party in erased_parties]).update(
        name="", email="", phone="", scrubbed_at=at
    )
    return plan


# --- retention (gallring) ----------------------------------------------------------------------


@dataclass
class RetentionReport:
    """What one run of the retention job removed (or, in a dry run, would remove)."""

    dry_run: bool
    at: datetime
    # (category name, plan reference, case references) per category with something due.
    per_category: list[tuple[str, str, list[str]]] = field(default_factory=list)
    removed_attachments: int = 0
    scrubbed_parties: int = 0

    @property
    def cases(self) -> int:
        return sum(len(references) for _name, _plan, references in self.per_category)


def due_cases(at: datetime) -> QuerySet[Case]:
    """Closed cases whose category's rule has run out at `at` and that still hold data."""
    condition = Q(pk__in=[])
    for rule in RetentionRule.objects.filter(preserve=False):
        condition |= Q(
            category_id=rule.category_id, closed_at__lte=at - timedelta(days=rule.keep_days)
        )
    return (
        Case.objects.filter(condition, status=CaseStatus.CLOSED, anonymised_at__isnull=True)
        .select_related("category")
        .order_by("category__name", "closed_at", "pk")
    )


@transaction.atomic
def retention_run(*, actor: Actor, dry_run: bool) -> RetentionReport:
    """Anonymise exactly the cases due under the plan now: their texts, form values, event
    texts, outbox payloads and attachments, and the residents' contact details once none of
    their cases keeps them. Cases stay, with category, organisation and times, so statistics
    keep their counts."""
    require(policies.may_scrub_personal_data(actor), errors.SCRUB_NOT_ALLOWED)
    at = now()
    report = RetentionReport(dry_run=dry_run, at=at)
    due = list(due_cases(at).select_for_update(of=("self",)))
    rules = _rules()
    by_category: dict[int, list[Case]] = {}
    for case in due:
        by_category.setdefault(case.category_id, []).append(case)
    for cases in by_category.values():
        rule = rules[cases[0].category_id]
        report.per_category.append(
            (cases[0].category.name, rule.plan_reference, [case.reference for case in cases])
        )
    attachments = Attachment.objects.filter(
        Q(case__in=due) | Q(added_to__in=due), removed_at__isnull=True
    )
    report.removed_attachments = attachments.count()
    due_ids = {case.pk for case in due}
    party_ids = {case.party_id for case in due if case.party_id is not None}
    # A party goes when every case of theirs has gone or goes now.
    still_needed = set(
        Case.objects.filter(party_id__in=party_ids, anonymised_at__isnull=True)
        .exclude(pk__in=due_ids)
        .values_list("party_id", flat=True)
    )
    scrubbed = party_ids - still_needed
    report.scrubbed_parties = Party.objects.filter(
        pk__in=scrubbed, scrubbed_at__isnull=True
    ).count()
    if dry_run:
        return report
    for case in due:
        scrub_case(case, actor=actor, at=at, reason=RETENTION)
    remove_attachments(attachments, at=at)
    Contact.objects.filter(party_id__in=scrubbed).update(question="", answer="")
    Party.objects.filter(pk__in=scrubbed).update(name="", email="", phone="", scrubbed_at=at)
    return report


# --- access export ---------------------------------------------------------------------------


def _moment(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def personal_data_export(*, actor: Actor, query: PersonQuery, request_id: str) -> dict[str, Any]:
    """Everything kept about the person (GDPR article 15): their contact details, every case,
    contact, message (the case events with text) and attachment linked to their personnummer,
    e-mail or phone, as plain data for JSON and the readable document. Confidential cases read
    for it are written to the access log as an export (S10)."""
    require(policies.may_scrub_personal_data(actor), errors.SCRUB_NOT_ALLOWED)
    cases = list(matching_cases(query).prefetch_related("events", "attachments"))
    record_reads(actor=actor, cases=cases, purpose=AccessPurpose.EXPORT, request_id=request_id)
    rules = _rules()
    at = now()
    case_rows: list[dict[str, Any]] = []
    for case in cases:
        reason, due = kept_because(case, rules.get(case.category_id), at)
        case_rows.append(
            {
                "reference": case.reference,
                "received_at": _moment(case.received_at),
                "closed_at": _moment(case.closed_at),
                "status": case.status,
                "channel": case.channel,
                "category": case.category.name,
                "organisation": case.responsible_organisation.name,
                "confidential": case.is_confidential,
                "subject": case.subject,
                "description": case.description,
                "form_values": case.form_values,
                "anonymised_at": _moment(case.anonymised_at),
                "kept_because": reason,
                "retention_due": _moment(due),
                "messages": [
                    {
                        "kind": event.kind,
                        "at": _moment(event.occurred_at),
                        "by": event.actor_label,
                        **{name: event.data.get(name, "") for name in PERSONAL_FIELDS[event.kind]},
                    }
                    for event in sorted(
                        case.events.all(), key=lambda event: (event.occurred_at, event.pk)
                    )
                    if event.kind in PERSONAL_FIELDS
                ],
                "attachments": [
                    {
                        "file_name": attachment.file_name,
                        "content_type": attachment.content_type,
                        "size": attachment.size,
                        "sha256": attachment.sha256,
                        "removed_at": _moment(attachment.removed_at),
                    }
                    for attachment in case.attachments.all()
                ],
            }
        )
    contacts = [
        {
            "channel": contact.channel,
            "received_at": _moment(contact.received_at),
            "case": contact.case.reference if contact.case else None,
            "question": contact.question,
            "answer": contact.answer,
        }
        for contact in matching_contacts(query).select_related("case")
    ]
    return {
        "generated_at": at.isoformat(),
        "query": {"personnummer": query.personnummer, "email": query.email, "phone": query.phone},
        "contact_details": [
            {
                "name": party.name,
                "email": party.email,
                "phone": party.phone,
                "recorded_at": _moment(party.created_at),
                "removed_at": _moment(party.scrubbed_at),
            }
            for party in matching_parties(query)
        ],
        "cases": case_rows,
        "contacts": contacts,
    }


def personal_data_files(query: PersonQuery) -> list[tuple[str, Path]]:
    """The attachment files still kept for the person: (a name for the export, stored path)."""
    files: list[tuple[str, Path]] = []
    for attachment in Attachment.objects.filter(
        case__in=matching_cases(query), removed_at__isnull=True
    ).select_related("case"):
        path = stored_path(attachment)
        if path.exists():
            files.append(
                (f"{attachment.case.reference}-{attachment.pk}-{attachment.file_name}", path)
            )
    return files


def personal_data_document(export: dict[str, Any]) -> str:
    """The export as a readable, printable HTML document in Swedish."""
    with translation.override("sv"):
        return render_to_string("cases/personal_data.html", {"export": export})

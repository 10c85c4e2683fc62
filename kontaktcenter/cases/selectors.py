"""Reads of contacts and cases, always limited to what the actor may see. Nothing here writes:
interfaces that show confidential cases log those reads with `services.record_reads`."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from kontaktcenter.accounts.actors import Actor, organisation_scope
from kontaktcenter.accounts.models import User
from kontaktcenter.accounts.roles import Role
from kontaktcenter.cases import (
    case_forms,
    deadlines,
    errors,
    policies,
    queue_pages,
    search,
    similarity,
)
from kontaktcenter.cases.models import (
    OPEN_CASE_STATUSES,
    AnswerTemplate,
    Attachment,
    Case,
    CaseAccess,
    CaseEvent,
    CaseLink,
    CaseQueue,
    CaseType,
    CaseTypeVersion,
    Contact,
)
from kontaktcenter.cases.policies import CaseAction
from kontaktcenter.cases.queue_pages import QueueFilters, QueuePage, QueueSort
from kontaktcenter.core.clock import now
from kontaktcenter.core.errors import NotFound, PermissionDenied, ValidationError
from kontaktcenter.core.phone import normalise_phone
from kontaktcenter.directory.selectors import (
    opening_hours_of,
    operator_organisation,
    organisation_with_descendants,
)

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
            "category",
            "responsible_organisation",
            "assignee",
            "district",
            "created_by",
            "party",
            "queue",
            "case_type_version",
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


# --- work lists (issue 7) ---------------------------------------------------------------------

QUEUE_PAGE_SIZE = 50
# The queue shows no resident, so it does not read the party.
_QUEUE_RELATED = ("category", "responsible_organisation", "assignee", "queue")


def queue_page(
    *,
    actor: Actor,
    organisation_id: int,
    filters: QueueFilters,
    cursor: str | None = None,
    size: int = QUEUE_PAGE_SIZE,
) -> QueuePage:
    """One page of an organisation's work list (and its units'), with each case's deadline
    flag (on time, near, overdue, paused). Four queries: the organisation tree, the page's
    ids, its cases, and the opening hours of the organisations on it."""
    if not policies.may_view_queue(actor, organisation_id):
        raise NotFound(errors.QUEUE_NOT_FOUND)
    at = now()
    cases = Case.objects.filter(
        responsible_organisation_id__in=organisation_with_descendants(organisation_id)
    )
    if not policies.queue_shows_confidential(actor):
        cases = cases.filter(is_confidential=False)
    user_id = actor.pk if isinstance(actor, User) else None
    cases = queue_pages.apply_filters(cases, filters, user_id=user_id, at=at)
    shown, next_cursor = queue_pages.page_of(
        cases, filters, cursor, size, related=(*_QUEUE_RELATED,)
    )
    return QueuePage(
        cases=shown,
        next_cursor=next_cursor,
        filters=filters,
        deadline_states=deadline_states(shown, at=at),
    )


def deadline_states(cases: list[Case], *, at: datetime) -> dict[int, str]:
    """Each case's deadline flag, counted in its organisation's working time."""
    hours = opening_hours_of({case.responsible_organisation_id for case in cases})
    return {
        case.pk: deadlines.deadline_state(
            case.deadline_at,
            at,
            hours=hours.get(case.responsible_organisation_id, deadlines.DEFAULT_OPENING_HOURS),
        ).value
        for case in cases
    }


DEADLINE_REPORT_LIMIT = 200


def deadline_report(*, actor: Actor) -> QueuePage:
    """Open cases past or near their deadline, soonest first, for the supervisor (the contact
    center's own cases) or an organisation's administrator (the organisation's)."""
    if not policies.may_see_deadline_report(actor):
        raise NotFound(errors.QUEUE_NOT_FOUND)
    assert isinstance(actor, User)
    at = now()
    cases = Case.objects.select_related(*_LIST_RELATED, "queue").filter(
        status__in=OPEN_CASE_STATUSES,
        # Near is at most NEAR_DEADLINE of working time away, never more than a few days.
        deadline_at__lt=at + timedelta(days=4),
    )
    if actor.role != Role.SYSTEM_ADMIN:
        scope = (
            operator_organisation().pk if actor.role == Role.SUPERVISOR else actor.organisation_id
        )
        cases = cases.filter(responsible_organisation_id__in=organisation_with_descendants(scope))
    if not policies.queue_shows_confidential(actor):
        cases = cases.filter(is_confidential=False)
    candidates = list(cases.order_by("deadline_at", "id")[:DEADLINE_REPORT_LIMIT])
    states = deadline_states(candidates, at=at)
    flagged = [
        case
        for case in candidates
        if states[case.pk] in {deadlines.DeadlineState.OVERDUE, deadlines.DeadlineState.NEAR}
    ]
    return QueuePage(
        cases=flagged,
        next_cursor=None,
        filters=QueueFilters(sort=QueueSort.DEADLINE),
        deadline_states=states,
    )


def case_queues(organisation_id: int) -> QuerySet[CaseQueue]:
    return CaseQueue.objects.filter(organisation_id=organisation_id, is_active=True)


def queue_assignees(organisation_id: int) -> QuerySet[User]:
    """The people a case of the organisation can be assigned to, for the assign forms: its
    officers and administrators, and in the contact center its tier-2 agents and supervisors."""
    scope = organisation_with_descendants(organisation_id)
    officers = Q(role__in=[Role.CASE_OFFICER, Role.ORGANISATION_ADMIN])
    contact_center = Q(role__in=[Role.TIER2_AGENT, Role.SUPERVISOR], organisation__is_operator=True)
    return User.objects.filter(
        officers | contact_center, organisation_id__in=scope, is_active=True
    ).order_by("first_name", "last_name")


def cases_by_references(*, actor: Actor, references: list[str]) -> list[Case]:
    """The cases behind references ticked on a page, those the actor may see."""
    cleaned = [reference.strip().upper() for reference in references if reference.strip()]
    return list(visible_cases(actor).filter(reference__in=cleaned).order_by("received_at", "id"))


# --- case types ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FormRow:
    label: str
    value: str


@dataclass(frozen=True)
class ChecklistRow:
    key: str
    text: str
    done: bool


@dataclass
class CaseWork:
    """What the case page shows of the case type: the form as filled in (under its version),
    the checklist, the form to fill in now and the answer templates."""

    case_type: CaseType | None
    filled_version: int | None
    form_rows: list[FormRow]
    checklist: list[ChecklistRow]
    current_fields: list[case_forms.FormField]
    templates: list[AnswerTemplate]


def case_work(case: Case) -> CaseWork:
    case_type = (
        CaseType.objects.select_related("current_version")
        .filter(category_id=case.category_id, is_active=True)
        .first()
    )
    current = case_type.current_version if case_type else None
    filled = case.case_type_version
    rows = []
    if filled is not None:
        for field_data in filled.fields:
            form_field = case_forms.FormField.from_json(field_data)
            value = case.form_values.get(form_field.key)
            if value is not None:
                rows.append(FormRow(form_field.label, case_forms.display_value(form_field, value)))
    checklist_source = filled or current
    checklist = [
        ChecklistRow(item["key"], item["text"], item["key"] in case.checklist_done)
        for item in (checklist_source.checklist if checklist_source else [])
    ]
    return CaseWork(
        case_type=case_type,
        filled_version=filled.number if filled else None,
        form_rows=rows,
        checklist=checklist,
        current_fields=[case_forms.FormField.from_json(f) for f in current.fields]
        if current
        else [],
        templates=list(case_type.answer_templates.filter(is_active=True)) if case_type else [],
    )


def answer_template_text(*, case: Case, template_id: int) -> str:
    """An answer template filled in for the case, as plain text for the reply box."""
    template = (
        AnswerTemplate.objects.filter(
            pk=template_id, case_type__category_id=case.category_id, is_active=True
        )
        .select_related("case_type")
        .first()
    )
    if template is None:
        raise NotFound(errors.TEMPLATE_NOT_FOUND)
    values = {
        "resident_name": case.party.name if case.party and case.party.name else "",
        "reference": case.reference,
        "subject": case.subject,
        "category": case.category.name,
        "organisation": case.responsible_organisation.name,
    }
    version = case.case_type_version
    if version is not None:
        for field_data in version.fields:
            form_field = case_forms.FormField.from_json(field_data)
            if form_field.key in case.form_values:
                values[form_field.key] = case_forms.display_value(
                    form_field, case.form_values[form_field.key]
                )
    return case_forms.render_template(template.body, values)


def category_form_fields(category_id: int) -> list[case_forms.FormField]:
    """The form of the category's case type as it stands now, or none. Public on purpose: it is
    the form a resident or an outside system fills in (Open311 service definitions)."""
    fields = (
        CaseType.objects.filter(
            category_id=category_id, is_active=True, current_version__isnull=False
        )
        .values_list("current_version__fields", flat=True)
        .first()
    )
    return [case_forms.FormField.from_json(field) for field in fields or []]


def case_types_of(*, actor: Actor) -> QuerySet[CaseType]:
    """The case types the actor may administer."""
    if not isinstance(actor, User):
        return CaseType.objects.none()
    types = CaseType.objects.select_related("category", "organisation", "current_version")
    if actor.role == Role.SYSTEM_ADMIN:
        return types.order_by("name")
    if actor.role != Role.ORGANISATION_ADMIN:
        return types.none()
    return types.filter(organisation_id__in=organisation_scope(actor)).order_by("name")


def case_type_get(*, actor: Actor, case_type_id: int) -> CaseType:
    case_type = case_types_of(actor=actor).filter(pk=case_type_id).first()
    if case_type is None:
        raise NotFound(errors.CASE_TYPE_MISSING)
    return case_type


def case_type_versions(case_type: CaseType) -> QuerySet[CaseTypeVersion]:
    return case_type.versions.select_related("created_by").order_by("-number")


def answer_templates_of(case_type: CaseType) -> QuerySet[AnswerTemplate]:
    return case_type.answer_templates.order_by("name")


# --- attachments ------------------------------------------------------------------------------


def case_attachments(case: Case) -> QuerySet[Attachment]:
    """The files on a case the caller has already read (case_get), oldest first."""
    return case.attachments.select_related("added_to").order_by("added_at", "id")


def attachment_get(*, actor: Actor, reference: str, attachment_id: int) -> Attachment:
    """One attachment of a case the actor may read; anything else is not found."""
    case = case_get(actor=actor, reference=reference)
    attachment = (
        Attachment.objects.select_related("case").filter(pk=attachment_id, case=case).first()
    )
    if attachment is None:
        raise NotFound(errors.ATTACHMENT_NOT_FOUND)
    return attachment


# --- related cases ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RelatedCase:
    case: Case
    # "related", "duplicate_of" (this case is a duplicate of it), "duplicate" (it is a duplicate
    # of this case), "merged_into", "merged_from", "parent" or "child".
    relation: str


def case_relations(*, actor: Actor, case: Case) -> list[RelatedCase]:
    """The cases related to `case` that the actor may read, each once with its relation.
    Cases the actor may not read are left out, not named. Two queries, and a third for the
    related cases when there are any."""
    visible = policies.cases_for(actor, CaseAction.VIEW)
    found: list[tuple[int, str]] = []
    if case.merged_into_id:
        found.append((case.merged_into_id, "merged_into"))
    if case.parent_id:
        found.append((case.parent_id, "parent"))
    below = Case.objects.filter(Q(merged_into=case) | Q(parent=case)).values_list(
        "pk", "merged_into_id"
    )
    found += [(pk, "merged_from" if merged_into else "child") for pk, merged_into in below]
    for link in CaseLink.objects.filter(Q(case=case) | Q(other=case)):
        outgoing = link.case_id == case.pk
        other_id = link.other_id if outgoing else link.case_id
        if link.kind == "duplicate":
            relation = "duplicate_of" if outgoing else "duplicate"
        else:
            relation = "related"
        found.append((other_id, relation))
    seen: dict[int, str] = {}
    for pk, relation in found:
        seen.setdefault(pk, relation)
    cases = Case.objects.select_related("category", "responsible_organisation").filter(
        visible, pk__in=seen
    )
    by_pk = {each.pk: each for each in cases}
    return [RelatedCase(by_pk[pk], relation) for pk, relation in seen.items() if pk in by_pk]


# --- possible duplicates at intake ------------------------------------------------------------

DUPLICATE_WINDOW_DAYS = 30
# The newest cases of the category in the window that are compared; a busy category's older
# reports matter less than the last few hundred.
DUPLICATE_SCAN = 300


@dataclass(frozen=True)
class PossibleDuplicate:
    case: Case
    likeness: similarity.Likeness
    days_ago: int


def possible_duplicates(
    *,
    actor: Actor,
    category_id: int,
    location: str = "",
    text: str = "",
    limit: int = 5,
    window_days: int = DUPLICATE_WINDOW_DAYS,
) -> list[PossibleDuplicate]:
    """Recent cases of the same category, readable by the actor and not merged away, that look
    like the report being registered; best first (cases.similarity explains the score)."""
    if not (location.strip() or text.strip()):
        return []
    at = now()
    candidates = (
        visible_cases(actor)
        .filter(
            category_id=category_id,
            received_at__gte=at - timedelta(days=window_days),
            merged_into__isnull=True,
        )
        .order_by("-received_at", "-id")[:DUPLICATE_SCAN]
    )
    found = []
    for candidate in candidates:
        days = max(0.0, (at - candidate.received_at).total_seconds() / 86_400)
        result = similarity.likeness(
            place=location,
            text=text,
            other_place=candidate.location,
            other_text=f"{candidate.subject} {candidate.description}",
            days_apart=days,
            window_days=window_days,
        )
        if result.suggested:
            found.append(PossibleDuplicate(candidate, result, int(days)))
    found.sort(key=lambda each: (-each.likeness.score, -each.case.pk))
    return found[:limit]


# --- the access log (S10) ---------------------------------------------------------------------

ACCESS_LOG_PAGE = 50


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def access_log(
    *,
    actor: Actor,
    reference: str = "",
    person: str = "",
    first_day: date | None = None,
    last_day: date | None = None,
) -> QuerySet[CaseAccess]:
    """Reads of the confidential cases of the auditor's organisation (and its units), newest
    first; `person` is a staff member's user name or part of their name."""
    if not policies.may_audit_access_log(actor):
        raise PermissionDenied(errors.ACCESS_LOG_NOT_ALLOWED)
    if first_day and last_day and first_day > last_day:
        raise ValidationError(errors.ACCESS_LOG_PERIOD, field="first_day")
    entries = CaseAccess.objects.select_related("case", "attachment").filter(
        case__responsible_organisation_id__in=organisation_scope(actor)
    )
    if reference.strip():
        entries = entries.filter(case__reference=reference.strip().upper())
    if person.strip():
        cleaned = person.strip()
        entries = entries.filter(
            Q(actor__username__iexact=cleaned) | Q(actor_label__icontains=cleaned)
        )
    if first_day:
        entries = entries.filter(accessed_at__gte=_day_start(first_day))
    if last_day:
        entries = entries.filter(accessed_at__lt=_day_start(last_day + timedelta(days=1)))
    return entries.order_by("-accessed_at", "-id")


def access_log_page(
    entries: QuerySet[CaseAccess], *, after: str = "", size: int = ACCESS_LOG_PAGE
) -> tuple[list[CaseAccess], str]:
    """One page of `entries` after the cursor, and the cursor of the next page ("" at the
    end). Keyset pagination: a deep page costs what the first does, however long the log."""
    if after:
        try:
            stamp, _sep, pk = after.rpartition("_")
            at = datetime.fromisoformat(stamp)
            entries = entries.filter(Q(accessed_at__lt=at) | Q(accessed_at=at, id__lt=int(pk)))
        except ValueError:
            entries = entries.none()
    rows = list(entries[: size + 1])
    if len(rows) <= size:
        return rows, ""
    last = rows[size - 1]
    return rows[:size], f"{last.accessed_at.isoformat()}_{last.pk}"


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


def open_cases_per_queue() -> list[tuple[int | None, str, int]]:
    """How many cases wait to be worked in each queue: (queue id, name, count), with None and ""
    for cases in no queue, for the metrics endpoint. Counts only: no case is named."""
    rows = (
        Case.objects.filter(status__in=OPEN_CASE_STATUSES)
        .values_list("queue_id", "queue__name")
        .annotate(count=Count("pk"))
        .order_by("queue_id")
    )
    return [(queue_id, name or "", count) for queue_id, name, count in rows]


# --- the register of incoming records (diarium) ----------------------------------------------

REGISTER_MAX_ROWS = 1000


@dataclass(frozen=True)
class RegisterEntry:
    """One incoming record as an official-records request may see it. For a confidential case
    the subject is masked (`secret`): its number, dates, organisation and status are public,
    what it is about is not (OSL)."""

    reference: str
    received_at: datetime
    registered_at: datetime
    channel: str
    organisation: str
    category: str
    subject: str
    secret: bool
    status: str
    closed_at: datetime | None


def register_entries(
    *, actor: Actor, first_day: date, last_day: date
) -> tuple[list[RegisterEntry], bool]:
    """The cases of the actor's organisations (and units) registered in the period, oldest
    first, with secrecy masked; and whether there were more than REGISTER_MAX_ROWS."""
    if not policies.may_read_register(actor):
        raise PermissionDenied(errors.REGISTER_NOT_ALLOWED)
    if first_day > last_day or (last_day - first_day).days > 366:
        raise ValidationError(errors.REGISTER_PERIOD, field="first_day")
    start = _day_start(first_day)
    end = _day_start(last_day + timedelta(days=1))
    scope = Q(responsible_organisation_id__in=organisation_scope(actor))
    if isinstance(actor, User) and actor.role == Role.SYSTEM_ADMIN:
        scope = Q()
    cases = list(
        Case.objects.filter(scope, created_at__gte=start, created_at__lt=end)
        .select_related("category", "responsible_organisation")
        .order_by("created_at", "pk")[: REGISTER_MAX_ROWS + 1]
    )
    entries = [
        RegisterEntry(
            reference=case.reference,
            received_at=case.received_at,
            registered_at=case.created_at,
            channel=case.get_channel_display(),
            organisation=case.responsible_organisation.name,
            category=case.category.name,
            subject="" if case.is_confidential else case.subject,
            secret=case.is_confidential,
            status=case.get_status_display(),
            closed_at=case.closed_at,
        )
        for case in cases[:REGISTER_MAX_ROWS]
    ]
    return entries, len(cases) > REGISTER_MAX_ROWS

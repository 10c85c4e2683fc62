"""Every write of contacts and cases. Each function is one transaction that also writes the
case events, so the history always matches the case."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kontaktcenter.accounts import permissions
from kontaktcenter.accounts.models import User
from kontaktcenter.cases import events
from kontaktcenter.cases.models import (
    Case,
    CaseStatus,
    Channel,
    Contact,
    ContactOutcome,
    case_search_text,
)
from kontaktcenter.cases.references import new_tracking_token, next_case_reference
from kontaktcenter.core.clock import now
from kontaktcenter.core.errors import PermissionDenied, ValidationError
from kontaktcenter.core.phone import normalise_phone
from kontaktcenter.directory.models import Organisation, OrganisationKind, Site
from kontaktcenter.directory.selectors import operator_organisation
from kontaktcenter.routing.models import Category
from kontaktcenter.routing.rules import (
    CategoryRule,
    Refusal,
    RouteReason,
    RouteRefusal,
    decide_route,
)

# Which status a case may move to from each status; closing has its own service.
_ALLOWED_STATUS_CHANGES: dict[str, set[str]] = {
    CaseStatus.NEW: {CaseStatus.IN_PROGRESS, CaseStatus.WAITING},
    CaseStatus.IN_PROGRESS: {CaseStatus.WAITING},
    CaseStatus.WAITING: {CaseStatus.IN_PROGRESS},
    CaseStatus.CLOSED: set(),
}


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _clean_text(value: str, *, field: str, required: bool, max_length: int | None = None) -> str:
    cleaned = value.strip()
    if required and not cleaned:
        raise ValidationError(_("%(field)s must not be empty.") % {"field": field})
    if max_length is not None and len(cleaned) > max_length:
        raise ValidationError(
            _("%(field)s may be at most %(max)d characters.") % {"field": field, "max": max_length}
        )
    return cleaned


def _clean_email(value: str) -> str:
    cleaned = _clean_text(value, field=_("E-mail"), required=False, max_length=254)
    if cleaned:
        try:
            validate_email(cleaned)
        except DjangoValidationError:
            raise ValidationError(_("Enter a valid e-mail address.")) from None
    return cleaned


def _open_contact(contact: Contact, actor: User) -> None:
    _require(contact.agent_id == actor.pk, _("Only the agent who took the contact can finish it."))
    # Read the outcome under a row lock, not from the caller's copy: two requests (two tabs,
    # a double click) must not both finish the same contact.
    current = (
        Contact.objects.select_for_update().values_list("outcome", flat=True).get(pk=contact.pk)
    )
    if current != ContactOutcome.OPEN:
        raise ValidationError(_("This contact has already been finished."))


def _finish_contact(
    contact: Contact, *, outcome: str, question: str | None, **changes: Any
) -> None:
    """Set the outcome, the end time and, if the agent rewrote it, the question."""
    contact.outcome = outcome
    contact.ended_at = changes.pop("ended_at", None) or now()
    fields = ["outcome", "ended_at"]
    if question is not None:
        contact.question = _clean_text(
            question, field=_("Question"), required=False, max_length=10_000
        )
        fields.append("question")
    for field, value in changes.items():
        setattr(contact, field, value)
        fields.append(field)
    contact.save(update_fields=fields)


# --- contacts -------------------------------------------------------------------------------


@transaction.atomic
def contact_start(
    *, actor: User, channel: str, question: str = "", site: Site | None = None
) -> Contact:
    """Register that a resident got in touch; the outcome is set when the contact ends."""
    _require(permissions.can_register_contacts(actor), _("Your role cannot register contacts."))
    if channel not in Channel.values:
        raise ValidationError(_("Unknown channel."))
    return Contact.objects.create(
        channel=channel,
        site=site or actor.site,
        agent=actor,
        started_at=now(),
        question=_clean_text(question, field=_("Question"), required=False, max_length=10_000),
    )


@transaction.atomic
def contact_answer_directly(
    *,
    actor: User,
    contact: Contact,
    answer_note: str = "",
    category: Category | None = None,
    question: str | None = None,
) -> Contact:
    """Tier 1 solved the matter on the spot (S3, S5)."""
    _open_contact(contact, actor)
    _finish_contact(
        contact,
        outcome=ContactOutcome.ANSWERED_DIRECTLY,
        question=question,
        category=category,
        answer=_clean_text(answer_note, field=_("Answer"), required=False, max_length=10_000),
    )
    return contact


@transaction.atomic
def contact_refer(
    *,
    actor: User,
    contact: Contact,
    category: Category,
    referred_to: Organisation | None = None,
    question: str | None = None,
) -> Contact:
    """The matter belongs elsewhere, e.g. facility bookings go to the booking unit (S14)."""
    _open_contact(contact, actor)
    _finish_contact(
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
    actor: User,
    contact: Contact,
    to: Organisation,
    category: Category | None = None,
    question: str | None = None,
) -> Contact:
    """The call was put through to the organisation; counted against first-contact resolution.

    The category is kept when the agent knows it, so per-category statistics see transfers too.
    """
    _open_contact(contact, actor)
    _finish_contact(
        contact,
        outcome=ContactOutcome.TRANSFERRED,
        question=question,
        referred_to=to,
        category=category,
    )
    return contact


# --- cases ----------------------------------------------------------------------------------


_REFUSAL_TEXT = {
    RouteRefusal.REFERRAL_ONLY: lambda: _(
        "This category is referred to the responsible unit; register the contact as referred."
    ),
    RouteRefusal.DISTRICT_MISSING: lambda: _(
        "Choose the resident's district: this category is handled by the district administration."
    ),
    RouteRefusal.CATEGORY_INACTIVE: lambda: _("This category is no longer in use."),
}


def _route(category: Category, district: Organisation | None) -> tuple[Organisation, RouteReason]:
    if district is not None and district.kind != OrganisationKind.DISTRICT:
        raise ValidationError(_("The chosen district is not a district administration."))
    operator = operator_organisation()
    decision = decide_route(
        CategoryRule(category.handling, category.responsible_organisation_id, category.is_active),
        district_id=district.pk if district else None,
        operator_id=operator.pk,
    )
    if isinstance(decision, Refusal):
        raise ValidationError(_REFUSAL_TEXT[decision.reason]())
    organisation = {
        RouteReason.RESIDENT_DISTRICT: district,
        RouteReason.CONTACT_CENTER: operator,
        RouteReason.CATEGORY_OWNER: category.responsible_organisation,
    }[decision.reason]
    assert organisation is not None
    return organisation, decision.reason


@transaction.atomic
def case_create(
    *,
    actor: User,
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
) -> Case:
    """Register a case, route it to the responsible organisation and record both as events."""
    _require(permissions.can_create_cases(actor), _("Your role cannot create cases."))
    if channel not in Channel.values:
        raise ValidationError(_("Unknown channel."))
    if contact is not None:
        _open_contact(contact, actor)
    organisation, reason = _route(category, district)
    confidential = category.is_confidential
    created_at = now()
    subject = _clean_text(subject, field=_("Subject"), required=True, max_length=200)
    resident_name = _clean_text(resident_name, field=_("Name"), required=False, max_length=160)
    case = Case.objects.create(
        # The registry year is the year in the municipality's time zone, not in UTC.
        reference=next_case_reference(timezone.localtime(created_at).year),
        tracking_token=new_tracking_token(),
        channel=channel,
        category=category,
        responsible_organisation=organisation,
        district=district,
        is_confidential=confidential,
        subject=subject,
        # Without a description the resident's own words are the description, so nothing that
        # was said is lost when the contact keeps no copy (confidential cases).
        description=_clean_text(
            description or question or "", field=_("Description"), required=False
        ),
        resident_name=resident_name,
        search_text=case_search_text(subject=subject, resident_name=resident_name),
        resident_email=_clean_email(resident_email),
        resident_phone=normalise_phone(resident_phone),
        routing_reason=reason.value,
        created_by=actor,
        created_at=created_at,
        updated_at=created_at,
    )
    events.created(case, actor=actor, at=created_at)
    events.routed(case, actor=actor, at=created_at, before=None, reason=reason.value)
    if contact is not None:
        _finish_contact(
            contact,
            outcome=ContactOutcome.CASE_CREATED,
            # Secrecy (S10): what the resident said lives only in the confidential case, which
            # the contact center cannot read; the contact keeps no copy of it.
            question="" if confidential else question,
            case=case,
            category=category,
            ended_at=created_at,
        )
    return case


def _lock_case(case: Case) -> Case:
    """Re-read the case under a row lock so concurrent changes are applied one after another.

    Only the case row is locked (of=self): PostgreSQL refuses FOR UPDATE on the nullable side of
    the outer join to the assignee, and the related rows need no lock.
    """
    return (
        Case.objects.select_for_update(of=("self",))
        .select_related("responsible_organisation", "category", "assignee")
        .get(pk=case.pk)
    )


def _touch(case: Case, at: Any, *fields: str) -> None:
    case.updated_at = at
    case.save(update_fields=[*fields, "updated_at"])


@transaction.atomic
def case_assign(*, actor: User, case: Case, assignee: User | None) -> Case:
    case = _lock_case(case)
    _require(permissions.can_handle_case(actor, case), _("You cannot handle this case."))
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(_("A closed case cannot be assigned; reopen it first."))
    if assignee is not None and not permissions.can_handle_case(assignee, case):
        raise ValidationError(
            _("%(name)s cannot handle cases of this organisation.") % {"name": assignee}
        )
    if case.assignee_id == (assignee.pk if assignee else None):
        return case
    before = case.assignee
    at = now()
    case.assignee = assignee
    fields = ["assignee"]
    if assignee is not None and case.status == CaseStatus.NEW:
        events.status_changed(
            case, actor=actor, at=at, before=case.status, after=CaseStatus.IN_PROGRESS
        )
        case.status = CaseStatus.IN_PROGRESS
        fields.append("status")
    _touch(case, at, *fields)
    events.assigned(case, actor=actor, at=at, before=before, after=assignee)
    return case


@transaction.atomic
def case_change_status(*, actor: User, case: Case, status: str) -> Case:
    case = _lock_case(case)
    _require(permissions.can_handle_case(actor, case), _("You cannot handle this case."))
    if status not in _ALLOWED_STATUS_CHANGES.get(case.status, set()):
        raise ValidationError(
            _("A case with status %(before)s cannot be changed to %(after)s.")
            % {
                "before": case.get_status_display(),
                "after": CaseStatus(status).label if status in CaseStatus.values else status,
            }
        )
    at = now()
    events.status_changed(case, actor=actor, at=at, before=case.status, after=status)
    case.status = status
    _touch(case, at, "status")
    return case


@transaction.atomic
def case_add_note(*, actor: User, case: Case, text: str) -> Case:
    case = _lock_case(case)
    _require(permissions.can_add_note(actor, case), _("You cannot add notes to this case."))
    cleaned = _clean_text(text, field=_("Note"), required=True, max_length=20_000)
    at = now()
    events.note_added(case, actor=actor, at=at, text=cleaned)
    _touch(case, at)
    return case


@transaction.atomic
def case_reply(*, actor: User, case: Case, text: str) -> Case:
    """Record the answer given to the resident. Sending it by e-mail comes with the outbox."""
    case = _lock_case(case)
    _require(permissions.can_handle_case(actor, case), _("You cannot handle this case."))
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(_("Reopen the case before you reply."))
    cleaned = _clean_text(text, field=_("Reply"), required=True, max_length=20_000)
    at = now()
    events.reply_sent(case, actor=actor, at=at, text=cleaned, to=case.resident_email)
    _touch(case, at)
    return case


@transaction.atomic
def case_close(*, actor: User, case: Case, resolution: str) -> Case:
    case = _lock_case(case)
    _require(permissions.can_handle_case(actor, case), _("You cannot handle this case."))
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(_("The case is already closed."))
    cleaned = _clean_text(resolution, field=_("Resolution"), required=True, max_length=2_000)
    at = now()
    before = case.status
    case.status = CaseStatus.CLOSED
    case.closed_at = at
    _touch(case, at, "status", "closed_at")
    events.closed(case, actor=actor, at=at, before=before, resolution=cleaned)
    return case


@transaction.atomic
def case_reopen(*, actor: User, case: Case, reason: str) -> Case:
    case = _lock_case(case)
    _require(permissions.can_handle_case(actor, case), _("You cannot handle this case."))
    if case.status != CaseStatus.CLOSED:
        raise ValidationError(_("Only a closed case can be reopened."))
    cleaned = _clean_text(reason, field=_("Reason"), required=True, max_length=2_000)
    at = now()
    before = case.status
    case.status = CaseStatus.IN_PROGRESS
    case.closed_at = None
    _touch(case, at, "status", "closed_at")
    events.reopened(case, actor=actor, at=at, before=before, reason=cleaned)
    return case


@transaction.atomic
def case_recategorise(
    *, actor: User, case: Case, category: Category, district: Organisation | None = None
) -> Case:
    """Correct the category; the case is routed again by the new category's rule."""
    case = _lock_case(case)
    _require(permissions.can_handle_case(actor, case), _("You cannot handle this case."))
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(_("Reopen the case before you change its category."))
    if category.pk == case.category_id:
        return case
    organisation, reason = _route(category, district or case.district)
    at = now()
    before_category = {"id": case.category_id, "name": case.category.name}
    before_org = {
        "id": case.responsible_organisation_id,
        "name": case.responsible_organisation.name,
    }
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
        case.assignee = None
        if case.status != CaseStatus.NEW:
            events.status_changed(
                case, actor=actor, at=at, before=case.status, after=CaseStatus.NEW
            )
            case.status = CaseStatus.NEW
        fields += ["responsible_organisation", "district", "routing_reason", "assignee", "status"]
        events.routed(case, actor=actor, at=at, before=before_org, reason=reason.value)
    _touch(case, at, *fields)
    return case

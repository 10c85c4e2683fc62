"""Written inquiries: the e-service and the e-mail channel (S1, S16).

Every new written inquiry is a contact, like a phone call, so the statistics count the channels
alike; the resident's later messages are events on the case. A message to a closed case reopens
it within `CASE_REOPEN_WITHIN_DAYS`, and otherwise starts a new case that names the old one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from kontaktcenter.accounts.actors import Actor, ResidentActor, SystemActor
from kontaktcenter.cases import errors, events, policies
from kontaktcenter.cases.models import (
    Case,
    CaseStatus,
    Channel,
    Contact,
    SatisfactionAnswer,
)
from kontaktcenter.cases.policies import CaseAction
from kontaktcenter.cases.services._common import clean_received_at, clean_text, require, touch
from kontaktcenter.cases.services.contacts import QUESTION_MAX_LENGTH
from kontaktcenter.cases.services.intake import case_create
from kontaktcenter.core.clock import now
from kontaktcenter.core.errors import NotFound, ValidationError
from kontaktcenter.directory.models import Organisation
from kontaktcenter.email_channel import notices
from kontaktcenter.routing.models import Category

WRITTEN_CHANNELS = (Channel.WEB.value, Channel.EMAIL.value)
MESSAGE_MAX_LENGTH = 20_000


@transaction.atomic
def written_inquiry_register(
    *,
    actor: Actor,
    channel: str,
    category: Category,
    subject: str,
    description: str,
    language: str,
    resident_name: str = "",
    resident_email: str = "",
    resident_phone: str = "",
    district: Organisation | None = None,
    concerns: Organisation | None = None,
    share_contact_details: bool = False,
    received_at: datetime | None = None,
    mailbox_id: int | None = None,
    in_reply_to: str = "",
    follows: Case | None = None,
) -> Case:
    """A new inquiry from the e-service or a mailbox: its contact, its case, the resident's
    receipt on the channel they used and in their language, all in one transaction."""
    require(policies.may_create_cases(actor), errors.CREATE_NOT_ALLOWED)
    if channel not in WRITTEN_CHANNELS:
        raise ValidationError(errors.WRITTEN_CHANNEL_ONLY, field="channel")
    started_at = now()
    question = clean_text(
        description,
        field="description",
        label=_("Description"),
        required=channel == Channel.WEB,
        max_length=QUESTION_MAX_LENGTH,
    )
    contact = Contact.objects.create(
        channel=channel,
        received_at=clean_received_at(received_at, recorded_at=started_at),
        started_at=started_at,
        question=question,
    )
    case = case_create(
        actor=actor,
        channel=channel,
        category=category,
        subject=subject,
        resident_name=resident_name,
        resident_email=resident_email,
        resident_phone=resident_phone,
        district=district,
        concerns=concerns,
        contact=contact,
        share_contact_details=share_contact_details,
    )
    notices.remember(case, channel=channel, language=language, mailbox_id=mailbox_id)
    if follows is not None:
        at = now()
        events.follow_up_created(follows, actor=actor, at=at, reference=case.reference)
        events.follow_up_created(case, actor=actor, at=at, follows=follows.reference)
    notices.receipt(case, in_reply_to=in_reply_to, follows=follows)
    return case


@dataclass(frozen=True)
class WriteOutcome:
    """Where the resident's message went: `case` is the case that holds it, which is a new
    case when `follows` (the closed one) is set."""

    case: Case
    reopened: bool = False
    follows: Case | None = None


def _may_write(actor: Actor, case: Case) -> bool:
    return (isinstance(actor, ResidentActor) and actor.case_id == case.pk) or isinstance(
        actor, SystemActor
    )


@transaction.atomic
def case_resident_write(
    *,
    actor: Actor,
    case: Case,
    text: str,
    channel: str,
    received_at: datetime | None = None,
    in_reply_to: str = "",
) -> WriteOutcome:
    """The resident wrote again: on the tracking page, or a mail threaded onto the case."""
    locked = (
        Case.objects.select_for_update(of=("self",))
        .select_related("category", "responsible_organisation", "party", "district")
        .get(pk=case.pk)
    )
    if not _may_write(actor, locked):
        raise NotFound(errors.CASE_NOT_FOUND, reference=locked.reference)
    if channel not in WRITTEN_CHANNELS:
        raise ValidationError(errors.WRITTEN_CHANNEL_ONLY, field="channel")
    cleaned = clean_text(
        text, field="message", label=_("Message"), required=True, max_length=MESSAGE_MAX_LENGTH
    )
    at = now()
    received = clean_received_at(received_at, recorded_at=at)
    if locked.status == CaseStatus.CLOSED:
        assert locked.closed_at is not None
        window = timedelta(days=settings.CASE_REOPEN_WITHIN_DAYS)
        if received - locked.closed_at > window:
            return _follow_up(
                actor, locked, cleaned, channel=channel, received=received, in_reply_to=in_reply_to
            )
        before = locked.status
        locked.status = CaseStatus.IN_PROGRESS
        locked.closed_at = None
        touch(locked, at, "status", "closed_at")
        events.reopened(
            locked, actor=actor, at=at, before=before, reason=str(_("The resident wrote again."))
        )
        events.resident_wrote(locked, actor=actor, at=at, text=cleaned, channel=channel)
        return WriteOutcome(case=locked, reopened=True)
    if locked.status == CaseStatus.WAITING:
        events.status_changed(
            locked, actor=actor, at=at, before=locked.status, after=CaseStatus.IN_PROGRESS
        )
        locked.status = CaseStatus.IN_PROGRESS
        touch(locked, at, "status")
    else:
        touch(locked, at)
    events.resident_wrote(locked, actor=actor, at=at, text=cleaned, channel=channel)
    return WriteOutcome(case=locked)


def _follow_up(
    actor: Actor, closed: Case, text: str, *, channel: str, received: datetime, in_reply_to: str
) -> WriteOutcome:
    party = closed.party
    follow_up = written_inquiry_register(
        # A resident may start the new case through the old case's tracking page.
        actor=ResidentActor() if isinstance(actor, ResidentActor) else actor,
        channel=channel,
        category=closed.category,
        subject=closed.subject,
        description=text,
        language=notices.language_of(closed),
        resident_name=party.name if party else "",
        resident_email=party.email if party else "",
        resident_phone=party.phone if party else "",
        district=closed.district,
        concerns=(
            closed.responsible_organisation
            if closed.category.handling == "concerned_organisation"
            else None
        ),
        share_contact_details=closed.share_contact_details,
        received_at=received,
        mailbox_id=notices.mailbox_of(closed),
        in_reply_to=in_reply_to,
        follows=closed,
    )
    return WriteOutcome(case=follow_up, follows=closed)


@transaction.atomic
def satisfaction_answer(
    *, actor: Actor, case: Case, score: int, comment: str = ""
) -> SatisfactionAnswer:
    """The resident's rating of a closed case; one per case. The status is read afresh: the
    caller's copy may predate the closing."""
    case = Case.objects.select_for_update(of=("self",)).get(pk=case.pk)
    if not _may_write(actor, case) or not policies.may(actor, CaseAction.VIEW, case):
        raise NotFound(errors.CASE_NOT_FOUND, reference=case.reference)
    if case.status != CaseStatus.CLOSED:
        raise ValidationError(errors.SATISFACTION_NOT_CLOSED)
    if not 1 <= score <= 5:
        raise ValidationError(errors.SATISFACTION_SCORE, field="score")
    cleaned = clean_text(
        comment, field="comment", label=_("Comment"), required=False, max_length=2_000
    )
    try:
        with transaction.atomic():
            return SatisfactionAnswer.objects.create(
                case=case,
                organisation_id=case.responsible_organisation_id,
                category_id=case.category_id,
                channel=case.channel,
                score=score,
                comment=cleaned,
                answered_at=now(),
            )
    except IntegrityError:
        raise ValidationError(errors.SATISFACTION_ANSWERED) from None

"""Notes inside the city and replies to the resident (S8)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kontaktcenter.accounts.actors import Actor
from kontaktcenter.cases import errors, events
from kontaktcenter.cases.models import Case, CaseStatus
from kontaktcenter.cases.policies import CaseAction
from kontaktcenter.cases.services._common import clean_text, lock_case, touch
from kontaktcenter.core.clock import now
from kontaktcenter.core.errors import ValidationError

REPLY_BY_EMAIL = "email"


@transaction.atomic
def case_add_note(*, actor: Actor, case: Case, text: str) -> Case:
    case = lock_case(case, actor, CaseAction.ADD_NOTE, errors.NOTE_NOT_ALLOWED)
    cleaned = clean_text(text, field="note", label=_("Note"), required=True, max_length=20_000)
    at = now()
    events.note_added(case, actor=actor, at=at, text=cleaned)
    touch(case, at)
    return case


@transaction.atomic
def case_reply(*, actor: Actor, case: Case, text: str, expected_version: int | None = None) -> Case:
    """Record the answer given to the resident. Sending it by e-mail comes with the outbox.

    A reply written on a page that is out of date (a colleague replied or closed the case
    meanwhile) is refused when `expected_version` is given."""
    case = lock_case(
        case, actor, CaseAction.HANDLE, errors.HANDLE_NOT_ALLOWED, expected_version=expected_version
    )
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(errors.REPLY_CLOSED)
    cleaned = clean_text(text, field="reply", label=_("Reply"), required=True, max_length=20_000)
    at = now()
    reaches_by = REPLY_BY_EMAIL if case.party is not None and case.party.email else ""
    events.reply_sent(case, actor=actor, at=at, text=cleaned, to=reaches_by)
    touch(case, at)
    return case

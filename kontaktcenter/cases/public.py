"""What the resident's e-service offers and shows: the categories a resident may choose, and
a case's history as the resident may read it (answers and their own messages, never the
city's internal notes or who handled the case)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from kontaktcenter.cases.models import Case, CaseEventKind, CaseStatus, SatisfactionAnswer
from kontaktcenter.routing.choices import Handling
from kontaktcenter.routing.models import Category


@dataclass(frozen=True)
class PublicCategory:
    id: int
    label: str
    needs_district: bool
    needs_concerned: bool


def public_categories(*, feedback: bool) -> list[PublicCategory]:
    """Active categories a resident may write about: feedback (complaints, suggestions, praise)
    or the rest. Confidential matters (S10) and referrals (bookings, S14) are not offered: they
    go to the district or the booking unit, which the start page points to."""
    categories = (
        Category.objects.filter(is_active=True, is_confidential=False)
        .exclude(handling=Handling.REFERRAL)
        .select_related("parent")
        .order_by("parent__name", "position", "name")
    )
    chosen = []
    for category in categories:
        if bool(category.feedback_kind) != feedback:
            continue
        label = f"{category.parent.name} › {category.name}" if category.parent else category.name
        chosen.append(
            PublicCategory(
                id=category.pk,
                label=label,
                needs_district=category.handling == Handling.RESIDENT_DISTRICT,
                needs_concerned=category.handling == Handling.CONCERNED_ORGANISATION,
            )
        )
    return sorted(chosen, key=lambda item: item.label)


def public_category(category_id: int, *, feedback: bool) -> Category | None:
    if category_id not in {item.id for item in public_categories(feedback=feedback)}:
        return None
    return Category.objects.get(pk=category_id)


RESIDENT_STATUS = {
    CaseStatus.NEW: _("Received, not yet started"),
    CaseStatus.IN_PROGRESS: _("Being handled"),
    CaseStatus.WAITING: _("Waiting for an answer from you"),
    CaseStatus.CLOSED: _("Closed"),
}


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    # question, answer, you_wrote, status, closed, reopened, follow_up (a new case), follows
    kind: str
    text: str = ""
    reference: str = ""


def resident_status(case: Case) -> str:
    return str(RESIDENT_STATUS.get(CaseStatus(case.status), case.get_status_display()))


def resident_timeline(case: Case) -> list[TimelineEntry]:
    """What the resident sees of their case's history, oldest first. For a confidential case
    the resident still reads their own words and the answers: the tracking code is theirs."""
    entries = [TimelineEntry(at=case.received_at, kind="question", text=case.description)]
    for event in case.events.order_by("occurred_at", "id"):
        data = event.data
        if event.kind == CaseEventKind.REPLY_SENT:
            entries.append(TimelineEntry(event.occurred_at, "answer", data.get("text", "")))
        elif event.kind == CaseEventKind.RESIDENT_WROTE:
            entries.append(TimelineEntry(event.occurred_at, "you_wrote", data.get("text", "")))
        elif event.kind == CaseEventKind.STATUS_CHANGED:
            label = RESIDENT_STATUS.get(CaseStatus(data["after"]), "")
            entries.append(TimelineEntry(event.occurred_at, "status", str(label)))
        elif event.kind == CaseEventKind.CLOSED:
            entries.append(TimelineEntry(event.occurred_at, "closed", data.get("resolution", "")))
        elif event.kind == CaseEventKind.REOPENED:
            entries.append(TimelineEntry(event.occurred_at, "reopened"))
        elif event.kind == CaseEventKind.FOLLOW_UP_CREATED:
            if data.get("reference"):
                entries.append(
                    TimelineEntry(event.occurred_at, "follow_up", reference=data["reference"])
                )
            else:
                entries.append(
                    TimelineEntry(event.occurred_at, "follows", reference=data.get("follows", ""))
                )
    return entries


def satisfaction_given(case: Case) -> bool:
    return SatisfactionAnswer.objects.filter(case_id=case.pk).exists()

"""The feed of public changes to cases that integrations follow (Open311's
`servicerequestupdates`): status changes, closing, reopening and replies, in order."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet

from kontaktcenter.accounts.actors import Actor
from kontaktcenter.cases import policies
from kontaktcenter.cases.choices import CaseEventKind
from kontaktcenter.cases.models import Case, CaseEvent
from kontaktcenter.cases.policies import CaseAction

FOLLOWED_KINDS = (
    CaseEventKind.STATUS_CHANGED,
    CaseEventKind.CLOSED,
    CaseEventKind.REOPENED,
    CaseEventKind.REPLY_SENT,
)


def case_updates(
    *, actor: Actor, since: datetime, until: datetime, limit: int = 1000
) -> QuerySet[CaseEvent]:
    """Changes to cases the actor may read, oldest first, between two moments (both included)."""
    visible = policies.cases_for(actor, CaseAction.VIEW)
    return (
        CaseEvent.objects.filter(
            kind__in=[kind.value for kind in FOLLOWED_KINDS],
            occurred_at__gte=since,
            occurred_at__lte=until,
            case__in=Case.objects.filter(visible).values("pk"),
        )
        .select_related("case")
        .order_by("occurred_at", "id")[:limit]
    )

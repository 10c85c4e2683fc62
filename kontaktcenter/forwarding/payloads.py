"""The versioned body every receiver gets (schema in docs/forwarding.md).

Built when the delivery is written, in the same transaction as the case event, so it says what
the case was at that moment, however long the delivery waits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings

from kontaktcenter.cases.choices import CaseEventKind

if TYPE_CHECKING:
    from kontaktcenter.cases.models import Case, CaseEvent
    from kontaktcenter.directory.models import Organisation

SCHEMA = "kontaktcenter.case-event/1"


def _organisation(organisation: Organisation | None) -> dict[str, Any] | None:
    if organisation is None:
        return None
    return {"code": organisation.code, "name": organisation.name}


def case_url(case: Case) -> str:
    return f"{settings.PUBLIC_BASE_URL}/arenden/{case.reference}/"


def build(
    *, event: CaseEvent, case: Case, webhook_event: str, idempotency_key: str
) -> dict[str, Any]:
    category = case.category
    body: dict[str, Any] = {
        "schema": SCHEMA,
        "event": webhook_event,
        "event_id": event.pk,
        "idempotency_key": idempotency_key,
        "occurred_at": event.occurred_at.isoformat(),
        "case": {
            "reference": case.reference,
            "url": case_url(case),
            "received_at": case.received_at.isoformat(),
            "channel": case.channel,
            "category": {
                "code": category.code,
                "name": category.name,
                "feedback_kind": category.feedback_kind or None,
            },
            "subject": case.subject,
            "description": case.description,
            # The status this event leaves the case in (a status event is written just before
            # the case row changes).
            "status": event.data.get("after", case.status)
            if event.kind == CaseEventKind.STATUS_CHANGED
            else case.status,
            "confidential": case.is_confidential,
            "organisation": _organisation(case.responsible_organisation),
            "district": _organisation(case.district),
        },
        # Only what the resident allowed us to pass on, and nothing once it has been erased.
        "resident": None,
    }
    party = case.party
    if case.is_confidential:
        # Secrecy (S10): a confidential case is announced, never described; the district's
        # officers read it in Kontaktcenter, where every read is logged.
        body["case"]["subject"] = ""
        body["case"]["description"] = ""
    elif case.share_contact_details and party is not None and party.scrubbed_at is None:
        body["resident"] = {"name": party.name, "email": party.email, "phone": party.phone}
    if event.kind in {
        CaseEventKind.STATUS_CHANGED,
        CaseEventKind.CLOSED,
        CaseEventKind.REOPENED,
    }:
        body["status_change"] = {
            "before": event.data.get("before"),
            "after": event.data.get("after"),
        }
    if event.kind == CaseEventKind.CLOSED:
        body["resolution"] = "" if case.is_confidential else event.data.get("resolution", "")
    if event.kind in {CaseEventKind.ROUTED, CaseEventKind.FORWARDED} and event.data.get("before"):
        body["forwarded_from"] = event.data["before"].get("name")
    return body


def scrub(payload: dict[str, Any]) -> dict[str, Any]:
    """The payload without the resident's personal data (erasure, retention)."""
    cleaned = {**payload, "resident": None}
    case = cleaned.get("case")
    if isinstance(case, dict):
        category = case.get("category") or {}
        # As on the case itself: the subject becomes the category's name.
        cleaned["case"] = {**case, "description": "", "subject": category.get("name", "")}
    if "resolution" in cleaned:
        cleaned["resolution"] = ""
    cleaned["scrubbed"] = True
    return cleaned

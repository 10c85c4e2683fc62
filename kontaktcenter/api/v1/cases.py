"""/api/v1/cases: create, read, list, change status, add a note, reply."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.params import functions as params

from kontaktcenter.accounts import idempotency, intake
from kontaktcenter.accounts.actors import ApiClientActor
from kontaktcenter.accounts.scopes import Scope
from kontaktcenter.api import errors
from kontaktcenter.api.v1 import presenters, schemas
from kontaktcenter.api.v1.auth import require
from kontaktcenter.cases import rules, selectors
from kontaktcenter.cases import services as case_services
from kontaktcenter.cases.choices import AccessPurpose, CaseStatus, Channel
from kontaktcenter.cases.rules import Transition
from kontaktcenter.core.errors import NotFound, ValidationError
from kontaktcenter.core.middleware import request_id_of
from kontaktcenter.directory.selectors import districts, organisation_by_name
from kontaktcenter.routing.selectors import categories_by_code

router = Router(tags=["cases"])

ERRORS: dict[int | str, Any] = {
    401: schemas.ErrorOut,
    403: schemas.ErrorOut,
    404: schemas.ErrorOut,
    422: schemas.ValidationErrorOut,
    429: schemas.ErrorOut,
}
IDEMPOTENCY_KEY: Any = params.Header(
    None,
    alias="Idempotency-Key",
    description="Send the same key again (with the same body) to retry safely: one change is "
    "made and the first answer is repeated. Kept for 24 hours.",
)


def _json(body: dict[str, Any], status: int) -> idempotency.Answer:
    return idempotency.Answer(status, schemas.CaseOut.model_validate(body).model_dump_json())


def _written(
    request: HttpRequest,
    actor: ApiClientActor,
    key: str | None,
    status: int,
    work: Callable[[], dict[str, Any]],
) -> HttpResponse:
    """Run a write, once per Idempotency-Key when one is given, and answer with its body."""

    def run() -> idempotency.Answer:
        return _json(work(), status)

    if key is None:
        answer = run()
    else:
        answer = idempotency.idempotent(
            actor=actor,
            key=key,
            request_fingerprint=idempotency.fingerprint(
                request.method or "POST", request.path, request.body
            ),
            work=run,
        )
    response = HttpResponse(answer.body, status=answer.status_code, content_type="application/json")
    if key is not None:
        response["Idempotency-Key"] = key
    return response


def _case_body(case: Any) -> dict[str, Any]:
    return presenters.case_body(case, intake.intakes_of([case.pk]).get(case.pk))


def _case(request: HttpRequest, actor: ApiClientActor, reference: str) -> Any:
    try:
        case = selectors.case_get(actor=actor, reference=reference)
    except NotFound:
        case_services.record_refused(
            actor=actor,
            reference=reference,
            purpose=AccessPurpose.API,
            request_id=request_id_of(request),
        )
        raise
    case_services.record_reads(
        actor=actor, cases=[case], purpose=AccessPurpose.API, request_id=request_id_of(request)
    )
    return case


@router.post(
    "/cases",
    response={201: schemas.CaseOut, **ERRORS},
    summary="Register a case",
    operation_id="case_create",
)
def case_create(
    request: HttpRequest,
    payload: schemas.CaseIn,
    idempotency_key: str | None = IDEMPOTENCY_KEY,
) -> HttpResponse:
    """Register a case the way the desk does: it is routed to the responsible organisation by
    its category (and district). Answers 201 with the case and its `reference`."""
    actor = require(request, Scope.CASES_WRITE)

    def work() -> dict[str, Any]:
        found = categories_by_code([payload.category])
        if not found:
            raise ValidationError(errors.UNKNOWN_CATEGORY, field="category", code=payload.category)
        district = None
        if payload.district:
            district = districts().filter(code=payload.district.strip().lower()).first()
            if district is None:
                raise ValidationError(
                    errors.UNKNOWN_DISTRICT, field="district", code=payload.district
                )
        resident = payload.resident or schemas.ResidentIn(name="", email="", phone="")
        case, made = intake.integration_case_create(
            actor=actor,
            category=found[0],
            subject=payload.subject,
            channel=payload.channel,
            description=payload.description,
            resident_name=resident.name,
            resident_email=resident.email,
            resident_phone=resident.phone,
            district=district,
            place=intake.Place(
                latitude=payload.position.lat if payload.position else None,
                longitude=payload.position.long if payload.position else None,
                address=payload.address,
            ),
        )
        return presenters.case_body(case, made)

    return _written(request, actor, idempotency_key, 201, work)


class CaseFilters(Schema):
    status: list[CaseStatus] = Field(default_factory=list, description="Repeat for several.")
    category: str | None = Field(None, max_length=80, description="A category's code.")
    organisation: str | None = Field(
        None, max_length=60, description="Responsible organisation's code."
    )
    channel: Channel | None = None
    received_after: datetime | None = None
    received_before: datetime | None = None
    cursor: str | None = Field(None, max_length=40)
    limit: int = Field(50, ge=1, le=200)


def _cursor_id(cursor: str) -> int:
    try:
        value = int(base64.urlsafe_b64decode(cursor.encode() + b"==").decode())
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ValidationError(errors.BAD_CURSOR, field="cursor") from None
    if value <= 0:
        raise ValidationError(errors.BAD_CURSOR, field="cursor")
    return value


def _cursor(case_id: int) -> str:
    return base64.urlsafe_b64encode(str(case_id).encode()).decode().rstrip("=")


def _filtered(actor: ApiClientActor, filters: CaseFilters) -> QuerySet[Any]:
    cases = selectors.visible_cases(actor).select_related("district")
    if filters.status:
        cases = cases.filter(status__in=[status.value for status in filters.status])
    if filters.category:
        cases = cases.filter(category__code=filters.category)
    if filters.organisation:
        organisation = organisation_by_name(filters.organisation)
        if organisation is None:
            raise ValidationError(
                errors.UNKNOWN_ORGANISATION, field="organisation", code=filters.organisation
            )
        cases = cases.filter(responsible_organisation=organisation)
    if filters.channel:
        cases = cases.filter(channel=filters.channel)
    if filters.received_after:
        cases = cases.filter(received_at__gte=filters.received_after)
    if filters.received_before:
        cases = cases.filter(received_at__lt=filters.received_before)
    if filters.cursor:
        cases = cases.filter(pk__lt=_cursor_id(filters.cursor))
    return cases.order_by("-id")


@router.get(
    "/cases",
    response={200: schemas.CasePage, **ERRORS},
    summary="List cases",
    operation_id="case_list",
)
def case_list(request: HttpRequest, filters: Query[CaseFilters]) -> dict[str, Any]:
    """The cases this key's organisation may read, newest registered first, a page at a time:
    follow `next_cursor` until it is null."""
    actor = require(request, Scope.CASES_READ)
    page = list(_filtered(actor, filters)[: filters.limit + 1])
    more = len(page) > filters.limit
    page = page[: filters.limit]
    case_services.record_reads(
        actor=actor, cases=page, purpose=AccessPurpose.API, request_id=request_id_of(request)
    )
    intakes = intake.intakes_of([case.pk for case in page])
    return {
        "items": [presenters.case_body(case, intakes.get(case.pk)) for case in page],
        "next_cursor": _cursor(page[-1].pk) if more and page else None,
    }


@router.get(
    "/cases/{reference}",
    response={200: schemas.CaseOut, **ERRORS},
    summary="Read a case",
    operation_id="case_get",
)
def case_get(request: HttpRequest, reference: str) -> dict[str, Any]:
    actor = require(request, Scope.CASES_READ)
    return _case_body(_case(request, actor, reference))


@router.get(
    "/cases/{reference}/events",
    response={200: list[schemas.EventOut], **ERRORS},
    summary="A case's history",
    operation_id="case_events",
)
def case_events(request: HttpRequest, reference: str) -> list[dict[str, Any]]:
    actor = require(request, Scope.CASES_READ)
    case = _case(request, actor, reference)
    return [presenters.event_body(event) for event in selectors.case_history(case)]


@router.get(
    "/cases/{reference}/contacts",
    response={200: list[schemas.ContactOut], **ERRORS},
    summary="The contacts that led to a case",
    operation_id="case_contacts",
)
def case_contacts(request: HttpRequest, reference: str) -> list[dict[str, Any]]:
    actor = require(request, Scope.CASES_READ)
    case = _case(request, actor, reference)
    return [presenters.contact_body(contact) for contact in selectors.case_contacts(case)]


@router.post(
    "/cases/{reference}/status",
    response={200: schemas.CaseOut, **ERRORS},
    summary="Change a case's status",
    operation_id="case_change_status",
)
def case_change_status(
    request: HttpRequest,
    reference: str,
    payload: schemas.StatusIn,
    idempotency_key: str | None = IDEMPOTENCY_KEY,
) -> HttpResponse:
    """Move the case to `status`. Closing takes the resolution and reopening the reason as
    `comment`; other moves follow the same rules as in the desk."""
    actor = require(request, Scope.CASES_WRITE)

    def work() -> dict[str, Any]:
        case = selectors.case_get(actor=actor, reference=reference)
        how = rules.transition(case.status, payload.status)
        if how == Transition.CLOSE:
            case = case_services.case_close(actor=actor, case=case, resolution=payload.comment)
        elif how == Transition.REOPEN:
            case = case_services.case_reopen(actor=actor, case=case, reason=payload.comment)
        else:
            case = case_services.case_change_status(actor=actor, case=case, status=payload.status)
        return _case_body(case)

    return _written(request, actor, idempotency_key, 200, work)


@router.post(
    "/cases/{reference}/notes",
    response={200: schemas.CaseOut, **ERRORS},
    summary="Add an internal note",
    operation_id="case_add_note",
)
def case_add_note(
    request: HttpRequest,
    reference: str,
    payload: schemas.TextIn,
    idempotency_key: str | None = IDEMPOTENCY_KEY,
) -> HttpResponse:
    actor = require(request, Scope.CASES_WRITE)

    def work() -> dict[str, Any]:
        case = selectors.case_get(actor=actor, reference=reference)
        return _case_body(case_services.case_add_note(actor=actor, case=case, text=payload.text))

    return _written(request, actor, idempotency_key, 200, work)


@router.post(
    "/cases/{reference}/replies",
    response={200: schemas.CaseOut, **ERRORS},
    summary="Record a reply to the resident",
    operation_id="case_reply",
)
def case_reply(
    request: HttpRequest,
    reference: str,
    payload: schemas.TextIn,
    idempotency_key: str | None = IDEMPOTENCY_KEY,
) -> HttpResponse:
    actor = require(request, Scope.CASES_WRITE)

    def work() -> dict[str, Any]:
        case = selectors.case_get(actor=actor, reference=reference)
        return _case_body(case_services.case_reply(actor=actor, case=case, text=payload.text))

    return _written(request, actor, idempotency_key, 200, work)

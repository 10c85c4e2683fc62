"""Open311 GeoReport v2 endpoints: discovery, services, requests, tokens and the
`servicerequestupdates` extension FixMyStreet follows status changes with.

Each view reads the specification's parameters, calls one service or selector and answers in
the format the path ends with. Errors are the specification's list of {code, description}.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from kontaktcenter.accounts import intake
from kontaktcenter.accounts.actors import ApiClientActor, SystemActor
from kontaktcenter.accounts.scopes import Scope
from kontaktcenter.accounts.services import integration_key_authenticate
from kontaktcenter.api.open311 import formats, services
from kontaktcenter.cases import selectors, updates
from kontaktcenter.cases.choices import CaseStatus, Channel
from kontaktcenter.core import clock
from kontaktcenter.core.errors import NotFound, PermissionDenied, ServiceError

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# The specification's default window for GET requests, and its longest.
WINDOW = timedelta(days=90)
MAX_REQUESTS = 1000
MAX_DESCRIPTION = 4000
# Who reads requests without a key: only what came in through Open311 and is not confidential.
PUBLIC_READER = SystemActor("open311-public")
# Our statuses in the words FixMyStreet's Open311 updates understand.
UPDATE_STATUS: dict[str, str] = {
    CaseStatus.NEW.value: "open",
    CaseStatus.IN_PROGRESS.value: "in_progress",
    CaseStatus.WAITING.value: "investigating",
    CaseStatus.CLOSED.value: "closed",
}
ATTRIBUTE = re.compile(r"^attribute\[([^\]]{1,100})\](\[\])?$")
LIST_NAMES = {"attributes": "attribute", "values": "value", "formats": "format"}


class Refusal(Exception):  # noqa: N818
    def __init__(self, status: int, description: str) -> None:
        self.status = status
        self.description = description
        super().__init__(description)


def _answer(fmt: str, work: Any) -> HttpResponse:
    try:
        result: HttpResponse = work()
    except Refusal as refusal:
        return formats.errors(fmt, refusal.status, refusal.description)
    except ServiceError as error:
        status = (
            404
            if isinstance(error, NotFound)
            else 403
            if isinstance(error, PermissionDenied)
            else 400
        )
        described = f"{error.field}: {error.message}" if error.field else error.message
        return formats.errors(fmt, status, described)
    return result


def _key(params: QueryDict, *, required: bool) -> ApiClientActor | None:
    presented = params.get("api_key", "").strip()
    if not presented:
        if required:
            # The specification answers a missing key like an invalid one.
            raise Refusal(403, _("api_key is required."))
        return None
    actor = integration_key_authenticate(presented)
    if actor is None:
        raise Refusal(403, _("api_key is not valid."))
    if Scope.OPEN311.value not in actor.scopes:
        raise Refusal(403, _("This api_key may not use Open311."))
    return actor


def _moment(params: QueryDict, name: str) -> datetime | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        value = parse_datetime(raw.replace(" ", "+"))
    except ValueError:
        value = None
    if value is None or value.tzinfo is None:
        raise Refusal(
            400,
            _("%(name)s must be a W3C date and time, e.g. 2026-03-10T09:00:00Z.") % {"name": name},
        )
    return value


def _window(params: QueryDict) -> tuple[datetime, datetime]:
    start, end = _moment(params, "start_date"), _moment(params, "end_date")
    if start is None and end is None:
        end = clock.now()
    if end is None:
        assert start is not None
        end = start + WINDOW
    if start is None:
        start = end - WINDOW
    if end - start > WINDOW:
        raise Refusal(400, _("start_date and end_date may be at most 90 days apart."))
    if end < start:
        raise Refusal(400, _("end_date must not be before start_date."))
    return start, end


def _multi(params: QueryDict, name: str) -> list[str]:
    return [
        part.strip() for value in params.getlist(name) for part in value.split(",") if part.strip()
    ]


# --- discovery and services -------------------------------------------------------------------


def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    base = request.build_absolute_uri("/open311/v2/")
    data = {
        "changeset": "2026-11-26T00:00:00Z",
        "contact": _("The contact center of the municipality"),
        "key_service": _("Ask the municipality's administrators for an integration key."),
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": base,
                "changeset": "2026-11-26T00:00:00Z",
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return formats.respond(
        fmt,
        data,
        root="discovery",
        item="endpoint",
        single=True,
        item_names={"endpoints": "endpoint", "formats": "format"},
    )


def service_list(request: HttpRequest, fmt: str) -> HttpResponse:  # noqa: ARG001
    rows = [services.service_body(category) for category in services.service_categories()]
    return formats.respond(fmt, rows, root="services", item="service")


def service_definition(request: HttpRequest, code: str, fmt: str) -> HttpResponse:  # noqa: ARG001
    def work() -> HttpResponse:
        category = services.service_category(code)
        if category is None:
            raise Refusal(404, _("No service has the code %(code)s.") % {"code": code})
        data = {"service_code": category.code, "attributes": services.service_attributes(category)}
        return formats.respond(
            fmt, data, root="service_definition", item="", single=True, item_names=LIST_NAMES
        )

    return _answer(fmt, work)


# --- requests ---------------------------------------------------------------------------------


def _request_body(case: Any, made: Any, *, full: bool) -> dict[str, Any]:
    position = made is not None and made.latitude is not None
    return {
        "service_request_id": case.reference,
        "status": "closed" if case.status == CaseStatus.CLOSED else "open",
        "status_notes": "",
        "service_name": case.category.name,
        "service_code": case.category.code,
        "description": case.description if full else "",
        "agency_responsible": case.responsible_organisation.name,
        "service_notice": "",
        "requested_datetime": case.received_at,
        "updated_datetime": case.updated_at,
        "expected_datetime": None,
        "address": made.address if made else "",
        "address_id": made.address_id if made else "",
        "zipcode": "",
        "lat": made.latitude if position else None,
        "long": made.longitude if position else None,
        "media_url": made.media_url if made else "",
    }


def _visible(actor: ApiClientActor | None) -> Any:
    if actor is not None:
        return selectors.visible_cases(actor)
    return selectors.visible_cases(PUBLIC_READER).filter(
        integration_intake__isnull=False, is_confidential=False
    )


def _list_requests(request: HttpRequest, fmt: str) -> HttpResponse:
    actor = _key(request.GET, required=False)
    cases = _visible(actor)
    identifiers = _multi(request.GET, "service_request_id")
    if identifiers:
        cases = cases.filter(reference__in=[value.upper() for value in identifiers[:MAX_REQUESTS]])
    else:
        start, end = _window(request.GET)
        cases = cases.filter(received_at__gte=start, received_at__lte=end)
        codes = _multi(request.GET, "service_code")
        if codes:
            cases = cases.filter(category__code__in=codes)
        statuses = set(_multi(request.GET, "status"))
        if statuses - {"open", "closed"}:
            raise Refusal(400, _("status may be open or closed."))
        if statuses == {"open"}:
            cases = cases.exclude(status=CaseStatus.CLOSED)
        elif statuses == {"closed"}:
            cases = cases.filter(status=CaseStatus.CLOSED)
    page = list(cases.order_by("-received_at", "-id")[:MAX_REQUESTS])
    made = intake.intakes_of([case.pk for case in page])
    rows = [_request_body(case, made.get(case.pk), full=actor is not None) for case in page]
    return formats.respond(fmt, rows, root="service_requests", item="request")


def _attributes(params: QueryDict) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name in params:
        match = ATTRIBUTE.match(name)
        if match:
            found.setdefault(match.group(1), []).extend(v[:1000] for v in params.getlist(name))
    return found


def _decimal(params: QueryDict, name: str) -> Decimal | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise Refusal(400, _("%(name)s must be a number.") % {"name": name}) from None
    if not value.is_finite():
        raise Refusal(400, _("%(name)s must be a number.") % {"name": name})
    return value


def _create_request(request: HttpRequest, fmt: str) -> HttpResponse:
    params = request.POST
    actor = _key(params, required=True)
    assert actor is not None
    code = params.get("service_code", "").strip()
    if not code:
        raise Refusal(400, _("service_code is required."))
    category = services.service_category(code)
    if category is None:
        raise Refusal(404, _("No service has the code %(code)s.") % {"code": code})
    place = intake.Place(
        latitude=_decimal(params, "lat"),
        longitude=_decimal(params, "long"),
        address=params.get("address_string", ""),
        address_id=params.get("address_id", ""),
    )
    if place.latitude is None and not place.address.strip() and not place.address_id.strip():
        raise Refusal(400, _("Give lat and long, address_string or address_id."))
    description = params.get("description", "").strip()
    if len(description) > MAX_DESCRIPTION:
        raise Refusal(400, _("description may be at most 4000 characters."))
    first_line = description.splitlines()[0] if description else ""
    subject = (first_line[:120] or category.name) if first_line else category.name
    case, made = intake.integration_case_create(
        actor=actor,
        category=category,
        subject=subject,
        channel=Channel.WEB,
        description=description,
        resident_name=" ".join(
            part.strip() for part in (params.get("first_name", ""), params.get("last_name", ""))
        ).strip(),
        resident_email=params.get("email", "").strip(),
        resident_phone=params.get("phone", "").strip(),
        place=place,
        extras=intake.Extras(
            attributes=_attributes(params), media_url=params.get("media_url", "").strip()
        ),
    )
    rows = [
        {
            "service_request_id": case.reference,
            "token": made.token,
            "service_notice": "",
            "account_id": None,
        }
    ]
    return formats.respond(fmt, rows, root="service_requests", item="request", status=201)


@csrf_exempt
def requests(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _answer(fmt, lambda: _create_request(request, fmt))
    if request.method in {"GET", "HEAD"}:
        return _answer(fmt, lambda: _list_requests(request, fmt))
    return formats.errors(fmt, 405, _("Use GET or POST."))


def request_detail(request: HttpRequest, identifier: str, fmt: str) -> HttpResponse:
    def work() -> HttpResponse:
        actor = _key(request.GET, required=False)
        case = _visible(actor).filter(reference=identifier.strip().upper()).first()
        if case is None:
            raise Refusal(404, _("No request has the id %(id)s.") % {"id": identifier})
        made = intake.intakes_of([case.pk]).get(case.pk)
        rows = [_request_body(case, made, full=actor is not None)]
        return formats.respond(fmt, rows, root="service_requests", item="request")

    return _answer(fmt, work)


def token(request: HttpRequest, token_id: str, fmt: str) -> HttpResponse:  # noqa: ARG001
    def work() -> HttpResponse:
        made = intake.intakes().select_related("case").filter(token=token_id.strip()).first()
        if made is None:
            raise Refusal(404, _("No request has this token."))
        rows = [{"service_request_id": made.case.reference, "token": made.token}]
        return formats.respond(fmt, rows, root="service_requests", item="request")

    return _answer(fmt, work)


def request_updates(request: HttpRequest, fmt: str) -> HttpResponse:
    """FixMyStreet's `servicerequestupdates`: what changed in which request, oldest first."""

    def work() -> HttpResponse:
        actor = _key(request.GET, required=True)
        assert actor is not None
        start, end = _window(request.GET)
        rows = []
        # A reply has no status of its own: it carries the status the case had then, known from
        # the feed's earlier changes (or, failing those, the case's status now).
        status_then: dict[int, str] = {}
        for event in updates.case_updates(actor=actor, since=start, until=end):
            status = str(
                event.data.get("after") or status_then.get(event.case_id) or event.case.status
            )
            status_then[event.case_id] = status
            rows.append(
                {
                    "update_id": str(event.pk),
                    "service_request_id": event.case.reference,
                    "status": UPDATE_STATUS.get(status, "open"),
                    "updated_datetime": event.occurred_at,
                    "description": event.data.get("text", "") if event.kind == "reply_sent" else "",
                    "media_url": "",
                }
            )
        return formats.respond(fmt, rows, root="service_request_updates", item="request_update")

    return _answer(fmt, work)

"""The generic CTI webhook: call events from a PBX or CTI middleware that is not Asterisk.

Authenticated with an integration key as a Bearer token (accounts.services). The body's
format is in telephony/adapters/webhook.py and docs/telephony.md.
"""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from kontaktcenter.accounts.actors import ApiClientActor
from kontaktcenter.accounts.services import integration_key_authenticate
from kontaktcenter.core.errors import ValidationError
from kontaktcenter.telephony import errors, selectors, services
from kontaktcenter.telephony.adapters.webhook import parse_body

MAX_BODY_BYTES = 1_000_000


def _integration(request: HttpRequest) -> ApiClientActor | None:
    scheme, _sep, secret = request.headers.get("Authorization", "").partition(" ")
    return integration_key_authenticate(secret.strip()) if scheme.lower() == "bearer" else None


def _not_authenticated() -> JsonResponse:
    response = JsonResponse(ValidationError(errors.NOT_AUTHENTICATED).as_dict(), status=401)
    response["WWW-Authenticate"] = 'Bearer realm="telephony"'
    return response


def night_service(request: HttpRequest) -> HttpResponse:
    """GET: whether the switchboard's night service is on, for the PBX's dialplan to ask
    before it queues a call: {"on", "divert_to", "message", "since"}."""
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    if _integration(request) is None:
        return _not_authenticated()
    current = selectors.night_service_current()
    on = bool(current and current.is_on)
    return JsonResponse(
        {
            "on": on,
            "divert_to": current.divert_to if current and on else "",
            "message": current.message if current and on else "",
            "since": current.set_at.isoformat() if current else None,
        }
    )


@csrf_exempt
def cti_events(request: HttpRequest) -> HttpResponse:
    """POST {"events": [...]}: 200 with what was recorded, what was a repeat and what was
    refused (each with its index and why); the accepted ones are kept whatever the others."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    actor = _integration(request)
    if actor is None:
        return _not_authenticated()
    body = request.read(MAX_BODY_BYTES + 1)
    try:
        parsed = parse_body(json.loads(body)) if len(body) <= MAX_BODY_BYTES else None
    except (ValueError, UnicodeDecodeError):
        parsed = None
    if parsed is None:
        return JsonResponse(ValidationError(errors.BAD_BODY).as_dict(), status=400)
    events, rejected = parsed
    report = services.ingest_from_integration(actor=actor, events=events)
    return JsonResponse(
        {
            "recorded": report.recorded,
            "duplicates": report.duplicates,
            "rejected": [
                ValidationError(errors.BAD_EVENT, index=item.index, problem=item.problem).as_dict()
                for item in rejected
            ],
            "unknown_queues": sorted(report.unknown_queues),
            "unknown_agents": sorted(report.unknown_agents),
        },
        status=200,
    )

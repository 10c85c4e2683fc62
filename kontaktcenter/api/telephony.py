"""The generic CTI webhook: call events from a PBX or CTI middleware that is not Asterisk.

Authenticated with an integration key as a Bearer token (accounts.services). The body's
format is in telephony/adapters/webhook.py and docs/telephony.md.
"""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from kontaktcenter.accounts.services import integration_key_authenticate
from kontaktcenter.core.errors import ValidationError
from kontaktcenter.telephony import errors, services
from kontaktcenter.telephony.adapters.webhook import parse_body

MAX_BODY_BYTES = 1_000_000


@csrf_exempt
def cti_events(request: HttpRequest) -> HttpResponse:
    """POST {"events": [...]}: 200 with what was recorded, what was a repeat and what was
    refused (each with its index and why); the accepted ones are kept whatever the others."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    scheme, _sep, secret = request.headers.get("Authorization", "").partition(" ")
    actor = integration_key_authenticate(secret.strip()) if scheme.lower() == "bearer" else None
    if actor is None:
        response = JsonResponse(ValidationError(errors.NOT_AUTHENTICATED).as_dict(), status=401)
        response["WWW-Authenticate"] = 'Bearer realm="telephony"'
        return response
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

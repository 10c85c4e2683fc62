"""The receiving systems' way back: status reports about cases we delivered (docs/forwarding.md).

No login and no CSRF token: the request is authenticated by its signature, made with the
endpoint's signing secret, which the service checks.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from kontaktcenter.core.errors import NotFound, PermissionDenied, ServiceError
from kontaktcenter.forwarding import inbound, signing


def _refusal(error: ServiceError) -> JsonResponse:
    if isinstance(error, inbound.NotAuthenticated):
        response = JsonResponse(error.as_dict(), status=401)
        response["WWW-Authenticate"] = f'{signing.SIGNATURE_HEADER} realm="status"'
        return response
    if isinstance(error, inbound.TooLarge):
        status = 413
    elif isinstance(error, NotFound):
        status = 404
    elif isinstance(error, PermissionDenied):
        status = 403
    else:
        status = 400
    return JsonResponse(error.as_dict(), status=status)


@csrf_exempt
def endpoint_status(request: HttpRequest, endpoint_id: int) -> HttpResponse:
    """POST a signed status report: 200 {"status": "recorded"} or {"status": "duplicate"}."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    # One byte more than allowed is enough to tell that the body is too large.
    body = request.read(inbound.MAX_BODY_BYTES + 1)
    try:
        recorded = inbound.record_status_report(
            endpoint_id=endpoint_id,
            body=body,
            signature=request.headers.get(signing.SIGNATURE_HEADER, ""),
        )
    except ServiceError as error:
        return _refusal(error)
    return JsonResponse({"status": recorded.answer})

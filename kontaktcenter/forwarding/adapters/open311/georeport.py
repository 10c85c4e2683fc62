"""The GeoReport v2 wire format (https://wiki.open311.org/GeoReport_v2): where its resources
are, and the shapes of its JSON answers. Shared by the transport and the poller."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

if TYPE_CHECKING:
    from kontaktcenter.forwarding.models import Endpoint

# The status GeoReport gives a service request the receiving city has finished with.
CLOSED = "closed"


class AnswerError(ValueError):
    """The receiver answered, but not with GeoReport JSON of the expected shape."""


def base_url(endpoint: Endpoint) -> str:
    """The endpoint's URL is the GeoReport base ("https://city.example/open311/v2"); a trailing
    slash is allowed."""
    return endpoint.url.strip().rstrip("/")


def requests_url(endpoint: Endpoint) -> str:
    return f"{base_url(endpoint)}/requests.json"


def token_url(endpoint: Endpoint, token: str) -> str:
    return f"{base_url(endpoint)}/tokens/{quote(token, safe='')}.json"


def credentials(endpoint: Endpoint) -> dict[str, str]:
    """The api_key, and the jurisdiction when the receiver serves several."""
    fields = {"api_key": endpoint.api_key}
    if endpoint.jurisdiction_id:
        fields["jurisdiction_id"] = endpoint.jurisdiction_id
    return fields


def text_of(value: object) -> str:
    """A JSON value as text: ids may come as numbers, missing values as null."""
    if value is None:
        return ""
    return str(value).strip()


def items(text: str) -> list[dict[str, Any]]:
    """The objects of a GeoReport answer: a list of objects (a single object is accepted)."""
    try:
        answer = json.loads(text)
    except ValueError as error:
        raise AnswerError("not JSON") from error
    if isinstance(answer, dict):
        answer = [answer]
    if not isinstance(answer, list) or not all(isinstance(item, dict) for item in answer):
        raise AnswerError("not a list of objects")
    return answer


def errors_in(text: str) -> str:
    """The descriptions of a GeoReport error answer (`[{"code": 400, "description": "…"}]`),
    as "400: …; 403: …", or "" when the text is not one."""
    try:
        found = items(text)
    except AnswerError:
        return ""
    described = [item for item in found if text_of(item.get("description"))]
    if not described or len(described) != len(found):
        return ""
    return "; ".join(
        f"{text_of(item.get('code'))}: {text_of(item.get('description'))}".lstrip(": ")
        for item in described
    )

"""What every adapter shares: how it reports a failure and what a successful send returns.

A failure is either *permanent* (the receiver refused the message itself: 4xx other than 408 and
429, an invalid configuration) and goes to the dead letter at once, or worth a *retry* (5xx,
timeouts, refused connections, 408, 429), optionally not before `retry_after` seconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from kontaktcenter.forwarding.models import Delivery, Endpoint

# Kept of a receiver's answer: enough to see what went wrong, never a whole page.
EXCERPT_LIMIT = 1000


def excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT_LIMIT else text[:EXCERPT_LIMIT] + "…"


class TransportError(Exception):
    def __init__(
        self,
        message: str,
        *,
        permanent: bool,
        status: int | None = None,
        response_excerpt: str = "",
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.permanent = permanent
        self.status = status
        self.response_excerpt = excerpt(response_excerpt)
        self.retry_after = retry_after

    @property
    def error_class(self) -> str:
        cause = self.__cause__
        return type(cause).__name__ if cause is not None else type(self).__name__


@dataclass(frozen=True)
class SendResult:
    status: int | None = None
    response_excerpt: str = ""
    # The receiver's own reference for the case, when it tells us one.
    external_reference: str = ""
    # Open311 receivers may answer with a token to be exchanged for a reference later.
    open311_token: str = ""


class Transport(Protocol):
    def send(self, delivery: Delivery, endpoint: Endpoint) -> SendResult:
        """Send once. Raise TransportError on failure; return only when the receiver has it."""
        ...


def status_is_permanent(status: int) -> bool:
    """4xx means the receiver refused this message, except 408 (timeout) and 429 (slow down)."""
    return 400 <= status < 500 and status not in {408, 429}

"""Errors that services raise. Interfaces turn them into a translated message for the user."""

from __future__ import annotations

from django.utils.functional import Promise


class ServiceError(Exception):
    """A request the business rules refuse. `message` is translated and safe to show."""

    def __init__(self, message: str | Promise) -> None:
        super().__init__(str(message))
        self.message = message


class PermissionDenied(ServiceError):  # noqa: N818 - mirrors django.core.exceptions
    """The actor's role or organisation does not allow this."""


class ValidationError(ServiceError):
    """The input cannot be accepted as given."""


class NotFound(ServiceError):  # noqa: N818
    """The record does not exist, or the actor may not know that it exists."""

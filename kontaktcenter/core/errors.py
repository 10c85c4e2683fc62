"""Errors that services raise, each with a stable code.

A service says *what* went wrong as data: a code (`case.closed`), the field it concerns and the
parameters of the message. An interface turns that into words in the reader's language
(`error.message`) or, for machines, into a body (`error.as_dict()`). Tests assert codes, so a
reworded message never breaks them and a changed rule always does.

Codes are declared once, next to the rules that raise them, with `error_code(...)`; declaring a
code twice is a programming error and fails at import.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

_CODES: dict[str, ErrorCode] = {}


@dataclass(frozen=True)
class ErrorCode:
    code: str
    # A lazy translation with %(name)s placeholders filled from the error's parameters.
    text: str | Promise

    def __str__(self) -> str:
        return self.code


def error_code(code: str, text: str | Promise) -> ErrorCode:
    if code in _CODES:
        raise RuntimeError(f"error code {code!r} is declared twice")
    declared = ErrorCode(code, text)
    _CODES[code] = declared
    return declared


def declared_codes() -> dict[str, ErrorCode]:
    return dict(_CODES)


def _plain(value: Any) -> Any:
    """Lazy translations become text in the active language; everything else stays as it is."""
    return str(value) if isinstance(value, Promise) else value


class ServiceError(Exception):
    """A request the business rules refuse."""

    def __init__(self, error: ErrorCode, *, field: str | None = None, **params: Any) -> None:
        self.error = error
        self.field = field
        self.params = params
        super().__init__(error.code)

    @property
    def code(self) -> str:
        return self.error.code

    @property
    def message(self) -> str:
        """The error in words, in the language active when it is read."""
        text = str(self.error.text)
        if not self.params:
            return text
        return text % {name: _plain(value) for name, value in self.params.items()}

    def as_dict(self) -> dict[str, Any]:
        """The machine-readable form an API returns."""
        return {
            "code": self.code,
            "field": self.field,
            "params": {name: _plain(value) for name, value in self.params.items()},
            "message": self.message,
        }

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


class PermissionDenied(ServiceError):  # noqa: N818 - mirrors django.core.exceptions
    """The actor may see the record but not do this to it."""


class ValidationError(ServiceError):
    """The input cannot be accepted as given."""


class NotFound(ServiceError):  # noqa: N818
    """The record does not exist, or the actor may not know that it exists."""


# Codes every app uses for plain input checks; `label` names the field in words.
REQUIRED = error_code("required", _("%(label)s must not be empty."))
TOO_LONG = error_code("too_long", _("%(label)s may be at most %(max)d characters."))
INVALID_EMAIL = error_code("invalid_email", _("Enter a valid e-mail address."))
INVALID_PHONE = error_code(
    "invalid_phone",
    _("%(value)s is not a phone number. Write it as 08-123 456 78 or +46 8 123 456 78."),
)
NOT_FOUND = error_code("not_found", _("Not found."))

"""E-mail addresses as people type them: checked once, the same way everywhere."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email

from kontaktcenter.core.errors import INVALID_EMAIL, ValidationError


def check_email(address: str, *, field: str) -> str:
    """The address if it is one; `invalid_email` on `field` otherwise."""
    try:
        validate_email(address)
    except DjangoValidationError:
        raise ValidationError(INVALID_EMAIL, field=field) from None
    return address

"""Phone numbers as residents and staff type them, checked and stored in one form (E.164)."""

from __future__ import annotations

import phonenumbers

from kontaktcenter.core.errors import INVALID_PHONE, ValidationError

DEFAULT_REGION = "SE"


def normalise_phone(raw: str, *, field: str = "phone") -> str:
    """ "08-508 290 00" → "+46850829000"; an empty value stays empty; nonsense is refused."""
    cleaned = raw.strip()
    if not cleaned:
        return ""
    try:
        number = phonenumbers.parse(cleaned, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_possible_number(number):
        raise ValidationError(INVALID_PHONE, field=field, value=cleaned)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(stored: str) -> str:
    """The stored E.164 number in the form Swedes read: "08-508 290 00"."""
    if not stored:
        return ""
    try:
        number = phonenumbers.parse(stored, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return stored
    region_format = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 46
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, region_format)

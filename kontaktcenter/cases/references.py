"""Readable case references (KC-2026-000123) and unguessable tracking codes for residents."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import F

from kontaktcenter.cases.models import CaseReferenceCounter


def next_case_reference(year: int) -> str:
    """The next free reference in the year; safe when many processes create cases at once.

    The UPDATE takes the counter row's lock until the surrounding transaction ends, so two
    writers never read the same number.
    """
    with transaction.atomic():
        CaseReferenceCounter.objects.get_or_create(year=year)
        CaseReferenceCounter.objects.filter(year=year).update(last_number=F("last_number") + 1)
        number = CaseReferenceCounter.objects.values_list("last_number", flat=True).get(year=year)
    return f"{settings.CASE_REFERENCE_PREFIX}-{year}-{number:06d}"


def new_tracking_token() -> str:
    """256 bits from the operating system's CSPRNG, URL-safe."""
    return secrets.token_urlsafe(32)

"""Case references people read (KC-2026-000123) and tracking codes residents keep (≥128 bits)."""

from __future__ import annotations

import base64
import re
from datetime import UTC, datetime

import pytest

from kontaktcenter.cases.models import Case, CaseReferenceCounter
from kontaktcenter.cases.references import new_tracking_token, next_case_reference
from kontaktcenter.core.errors import ValidationError
from tests.conftest import STOCKHOLM

REFERENCE = re.compile(r"^KC-(\d{4})-(\d{6})$")


def test_a_reference_reads_prefix_year_and_six_digit_number(make_case, clock):
    case = make_case()

    assert REFERENCE.match(case.reference)
    assert case.reference == "KC-2026-000001"


def test_references_count_up_one_by_one_within_a_year(make_case, clock):
    references = [make_case().reference for _ in range(3)]

    assert references == ["KC-2026-000001", "KC-2026-000002", "KC-2026-000003"]


def test_numbering_starts_again_at_one_in_a_new_year(make_case, clock):
    clock.set(datetime(2026, 12, 30, 12, 0, tzinfo=STOCKHOLM))
    make_case()
    make_case()
    clock.set(datetime(2027, 1, 2, 12, 0, tzinfo=STOCKHOLM))

    assert make_case().reference == "KC-2027-000001"


def test_the_year_is_the_year_in_stockholm_not_in_utc(make_case, clock):
    """Half past midnight on New Year's Day in Stockholm is still 31 December in UTC."""
    clock.set(datetime(2025, 12, 31, 23, 30, tzinfo=UTC))

    case = make_case()

    assert case.reference == "KC-2026-000001"


@pytest.mark.django_db
def test_each_year_has_its_own_counter():
    assert next_case_reference(2026) == "KC-2026-000001"
    assert next_case_reference(2027) == "KC-2027-000001"
    assert next_case_reference(2026) == "KC-2026-000002"


def test_a_rejected_case_does_not_use_up_a_number(make_case, clock):
    """The counter moves in the same transaction as the case, so no gap is left."""
    with pytest.raises(ValidationError) as refused:
        make_case(subject="")

    assert refused.value.code == "required"
    assert make_case().reference == "KC-2026-000001"


@pytest.mark.django_db
def test_the_prefix_comes_from_the_settings(settings):
    settings.CASE_REFERENCE_PREFIX = "SOL"

    assert next_case_reference(2026) == "SOL-2026-000001"


def test_numbers_beyond_six_digits_keep_counting(make_case, clock):
    CaseReferenceCounter.objects.create(year=2026, last_number=999_999)

    assert make_case().reference == "KC-2026-1000000"


def test_a_tracking_token_carries_at_least_128_random_bits():
    token = new_tracking_token()

    raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    assert len(raw) * 8 >= 128
    assert re.fullmatch(r"[A-Za-z0-9_-]+", token), "a token must be safe in a URL"


def test_tracking_tokens_do_not_repeat():
    tokens = {new_tracking_token() for _ in range(1000)}

    assert len(tokens) == 1000


def test_every_case_gets_its_own_tracking_token_unrelated_to_its_reference(make_case):
    first, second = make_case(), make_case()

    assert first.tracking_token != second.tracking_token
    assert first.reference not in first.tracking_token
    assert Case.objects.filter(tracking_token=first.tracking_token).count() == 1

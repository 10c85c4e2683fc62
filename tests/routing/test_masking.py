"""Personal data is masked in text kept for training, statistics and logs."""

from __future__ import annotations

import pytest

from kontaktcenter.routing.masking import mask_personal_data


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mitt personnummer är 19850412-1234 tack", "mitt personnummer är [personnummer] tack"),
        ("pnr 850412-1234", "pnr [personnummer]"),
        ("samordningsnummer 850472+1234", "samordningsnummer [personnummer]"),
        ("ring mig på 070-123 45 67 efter lunch", "ring mig på [telefon] efter lunch"),
        ("tel 08-508 000 00", "tel [telefon]"),
        ("nås på +46 70 123 45 67", "nås på [telefon]"),
        ("mejla anna.svensson@example.se om det", "mejla [e-post] om det"),
        ("jag bor på Götgatan 12 B", "jag bor på [adress]"),
        ("lampan vid Sankt Eriksgatan 5 är trasig", "lampan vid [adress] är trasig"),
        ("adress Renstiernas gata 3, 2 tr", "adress [adress]"),
        ("storgatan 3a har hål", "[adress] har hål"),
    ],
)
def test_personal_data_is_replaced_by_a_placeholder(text: str, expected: str) -> None:
    assert mask_personal_data(text) == expected


def test_case_references_dates_and_street_names_without_numbers_are_kept() -> None:
    text = "ärende KC-2026-000123 om Götgatan, hämtning 2026-03-01 klockan 14"

    assert mask_personal_data(text) == text


def test_a_message_with_everything_keeps_only_the_matter() -> None:
    text = (
        "Hej jag heter Anna, 19850412-1234, bor på Hornsgatan 45 och soporna har inte "
        "hämtats. Ring 0701234567 eller anna@example.com"
    )

    masked = mask_personal_data(text)

    assert "1234" not in masked
    assert "Hornsgatan 45" not in masked
    assert "0701234567" not in masked
    assert "anna@example.com" not in masked
    assert "soporna har inte hämtats" in masked

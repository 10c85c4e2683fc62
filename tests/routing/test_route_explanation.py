"""The reason a case went where it went reads as a sentence in the reader's language."""

from __future__ import annotations

from django.utils import translation

from kontaktcenter.routing.rules import RouteReason
from kontaktcenter.routing.texts import route_explanation


def test_the_owner_of_a_category_is_named() -> None:
    text = route_explanation(
        RouteReason.CATEGORY_OWNER.value, category="Gatubelysning", organisation="Trafikkontoret"
    )
    assert text == "Trafikkontoret is responsible for Gatubelysning."


def test_the_same_case_reads_in_swedish_for_a_swedish_reader() -> None:
    with translation.override("sv"):
        text = route_explanation(
            RouteReason.RESIDENT_DISTRICT.value,
            category="Ekonomiskt bistånd",
            organisation="Järva stadsdelsförvaltning",
        )
    assert "Järva stadsdelsförvaltning" in text
    assert "invånarens" in text


def test_an_unknown_reason_gives_no_sentence() -> None:
    assert route_explanation("", category="Gatubelysning", organisation="Trafikkontoret") == ""

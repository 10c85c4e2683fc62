"""The duplicate check's score, on hand-made reports: place, words and age."""

from __future__ import annotations

import pytest

from kontaktcenter.cases.similarity import (
    SUGGEST_FROM,
    Place,
    content_words,
    likeness,
    parse_place,
    place_score,
    words_score,
)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Rinkebysvängen 12", Place("rinkebysvangen", 12)),
        ("Rinkebysvängen 12 B, Spånga", Place("rinkebysvangen", 12)),
        ("  Götgatan ", Place("gotgatan", None)),
        ("Sankt Eriksgatan 5", Place("sankt eriksgatan", 5)),
        ("12", None),
        ("", None),
    ],
)
def test_an_address_is_read_as_street_and_number(text: str, place: Place | None) -> None:
    assert parse_place(text) == place


@pytest.mark.parametrize(
    ("a", "b", "score"),
    [
        ("Rinkebysvängen 12", "rinkebysvangen 14", 1.0),
        ("Rinkebysvängen 12", "Rinkebysvängen 20", 0.8),
        ("Rinkebysvängen 12", "Rinkebysvängen 90", 0.6),
        ("Rinkebysvängen", "Rinkebysvängen 90", 0.6),
        ("Rinkebysvängen 12", "Götgatan 12", 0.0),
        ("", "Götgatan 12", 0.0),
    ],
)
def test_places_close_on_the_same_street_score_highest(a: str, b: str, score: float) -> None:
    assert place_score(a, b) == score


def test_words_are_compared_by_their_stems_without_stop_words() -> None:
    short = content_words("Trasig gatlampa")
    long = content_words("Gatlampan är trasig och det är mörkt på kvällarna vid skolan")

    score, shared = words_score(short, long)

    assert score == 1.0
    assert shared == ["gatlampa", "trasig"]
    assert "och" not in long


def test_a_report_of_the_same_lamp_yesterday_is_suggested() -> None:
    result = likeness(
        place="Rinkebysvängen 12",
        text="Trasig gatlampa",
        other_place="Rinkebysvängen 14",
        other_text="Gatlampan lyser inte, trasig sedan i går",
        days_apart=1,
        window_days=30,
    )

    # 0.45 · 1 (next door) + 0.40 · 1 (both words) + 0.15 · (1 − 1/30)
    assert result.score == pytest.approx(0.995, abs=0.001)
    assert result.suggested


def test_being_recent_alone_suggests_nothing() -> None:
    result = likeness(
        place="Götgatan 3",
        text="Trasig gatlampa",
        other_place="Rinkebysvängen 14",
        other_text="Nedfallen ledning",
        days_apart=0,
        window_days=30,
    )

    assert result.score == pytest.approx(0.15)
    assert not result.suggested


def test_the_same_street_a_month_ago_with_other_words_is_below_the_threshold() -> None:
    result = likeness(
        place="Rinkebysvängen 12",
        text="Trasig gatlampa",
        other_place="Rinkebysvängen 80",
        other_text="Klotter på elskåp",
        days_apart=29,
        window_days=30,
    )

    assert result.score < SUGGEST_FROM

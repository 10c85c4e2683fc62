"""The analyser's tools for the knowledge base: stop words, compounds, n-grams, edit distance."""

from __future__ import annotations

import pytest

from kontaktcenter.core.text import character_ngrams, compound_parts, content_stems, edit_distance

KNOWN = {"sop", "hamtning", "parkering", "tillstand", "bygg", "lov", "ansokan"}


def test_function_words_are_left_out_and_stems_meet_across_forms():
    assert content_stems("När töms soporna på torget?") == [
        ("tom", "toms"),
        ("sop", "soporna"),
        ("torg", "torget"),
    ]


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("sophamtning", ["sop", "hamtning"]),
        ("parkeringstillstand", ["parkering", "tillstand"]),  # the linking s
        ("bygglovsansokan", ["bygg", "lov", "ansokan"]),
        ("sophamtningar", []),  # the tail is unknown as it stands
        ("lov", []),
    ],
)
def test_a_compound_splits_into_known_parts(word, parts):
    assert compound_parts(word, KNOWN.__contains__) == parts


def test_ngrams_mark_the_edges_of_the_word():
    assert character_ngrams("sop", (3,)) == ["_so", "sop", "op_"]
    assert character_ngrams("a", (3, 4)) == ["_a_"]


@pytest.mark.parametrize(
    ("first", "second", "distance"),
    [
        ("sophamtning", "sophamtning", 0),
        ("sophamtnig", "sophamtning", 1),  # a letter dropped
        ("sophmatning", "sophamtning", 1),  # two letters swapped
        ("bygglv", "bygglov", 1),
        ("parkering", "pakrerign", 2),  # two swaps
        ("parkering", "bokning", 3),  # beyond the limit: limit + 1
    ],
)
def test_edit_distance_counts_a_swap_as_one(first, second, distance):
    assert edit_distance(first, second, limit=2) == min(distance, 3)

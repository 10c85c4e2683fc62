"""Names that sound alike in Swedish get one sound key; names that do not, keep apart."""

from __future__ import annotations

import pytest

from kontaktcenter.directory.phonetic import sound_key


@pytest.mark.parametrize(
    ("written", "heard"),
    [
        ("Karlsson", "Carlsson"),
        ("Sjöberg", "Schöberg"),
        ("Sjöberg", "Sjoberg"),
        ("Pettersson", "Petterson"),
        ("Pettersson", "Petersen"),
        ("Lindqvist", "Lindquist"),
        ("Lindqvist", "Lindkvist"),
        ("Eriksson", "Ericsson"),
        ("Eriksson", "Erixon"),
        ("Ahlberg", "Alberg"),
        ("Göran", "Jöran"),
        ("Hedström", "Hedstrom"),
        ("Svensson", "Swenson"),
        ("Johansson", "Johanson"),
        ("Kjellberg", "Tjellberg"),
        ("Skärholm", "Schärholm"),
    ],
)
def test_names_that_sound_alike_share_a_key(written: str, heard: str) -> None:
    assert sound_key(written) == sound_key(heard)


@pytest.mark.parametrize(
    ("one", "other"),
    [("Karlsson", "Larsson"), ("Sjöberg", "Sandberg"), ("Nilsson", "Olsson"), ("Skog", "Sjög")],
)
def test_names_that_sound_different_keep_apart(one: str, other: str) -> None:
    assert sound_key(one) != sound_key(other)


def test_the_beginning_of_a_name_gives_the_beginning_of_its_key() -> None:
    assert sound_key("Carlss").startswith(sound_key("Carl"))
    assert sound_key("Karlsson").startswith(sound_key("Carl"))


def test_a_word_without_letters_has_no_key() -> None:
    assert sound_key("123") == ""

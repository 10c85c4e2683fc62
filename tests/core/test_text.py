"""The Swedish text analyser: what a Swedish user notices when searching."""

from __future__ import annotations

import pytest

from kontaktcenter.core.text import MAX_WORD_LENGTH, analyse, normalise, query_terms, tokens


def finds(query: str, document: str) -> bool:
    """True when every term of the query begins a term of the document (how search matches)."""
    indexed = analyse(document)
    return all(any(term.startswith(q) for term in indexed) for q in query_terms(query))


@pytest.mark.parametrize("query", ["lampa", "lampan", "lampor", "lamporna", "lampans"])
@pytest.mark.parametrize("document", ["Trasig lampa", "Lampan är trasig", "Tre lampor lyser inte"])
def test_singular_plural_and_definite_forms_find_each_other(query, document):
    assert finds(query, document)


@pytest.mark.parametrize(
    ("query", "document"),
    [
        ("gatlampor", "Trasig gatlampa"),
        ("gatlampan", "Gatlamporna är släckta"),
        ("torget", "Nedskräpat vid Kista torg"),
        ("parkeringen", "Felparkerade bilar, parkeringar fulla"),
        ("trasiga", "Trasigt staket"),
    ],
)
def test_inflected_words_find_the_other_forms(query, document):
    assert finds(query, document)


@pytest.mark.parametrize(
    ("query", "document"),
    [
        ("aberg", "Örjan Åberg"),
        ("åberg", "Orjan Aberg"),
        ("ÅBERG", "örjan åberg"),
        ("sjoberg", "Sjöberg"),
        ("malarhojden", "Mälarhöjden"),
        ("jose muller", "José Müller"),
        ("soren kjaer", "Søren Kjær"),
    ],
)
def test_swedish_and_foreign_letters_are_found_with_or_without_their_marks(query, document):
    assert finds(query, document)


@pytest.mark.parametrize("query", ["gatlam", "gatl", "rinkeby", "snöröj"])
def test_the_beginning_of_a_compound_word_finds_it(query):
    assert finds(query, "Gatlampa släckt på Rinkebysvängen, snöröjningen saknas")


def test_the_end_of_a_compound_word_does_not_find_it():
    """Only prefixes: "lampa" does not find "gatlampa" (compounds are not split)."""
    assert not finds("lampa", "Trasig gatlampa")


def test_every_word_of_the_query_must_be_found():
    assert finds("lampa kista", "Trasig lampa vid Kista torg")
    assert not finds("lampa tensta", "Trasig lampa vid Kista torg")


def test_a_different_word_is_not_found():
    assert not finds("cykel", "Trasig gatlampa vid Kista torg")


def test_punctuation_separates_words_and_is_not_a_word():
    assert tokens("Hej! Gatlampa (trasig), se: “Kista”/torg; 08-508 290 00.") == [
        "hej", "gatlampa", "trasig", "se", "kista", "torg", "08", "508", "290", "00",
    ]  # fmt: skip
    assert query_terms("!!! --- *** ()") == []


def test_a_case_reference_is_split_into_searchable_parts():
    assert analyse("Angående KC-2026-000123") == ["angaend", "angaende", "kc", "2026", "000123"]
    assert finds("KC-2026-000123", "Angående KC-2026-000123")
    assert finds("000123", "Angående KC-2026-000123")
    assert not finds("KC-2026-000124", "Angående KC-2026-000123")


def test_an_email_address_is_found_by_its_parts():
    assert finds("svensson example", "anna.svensson@example.se")


def test_digits_are_kept_and_not_stemmed():
    assert analyse("Hornsgatan 117") == ["hornsgatan", "117"]
    assert finds("hornsgatan 11", "Hornsgatan 117")
    assert not finds("hornsgatan 12", "Hornsgatan 117")


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "–", "…"])
def test_empty_input_has_no_terms(text):
    assert analyse(text) == []
    assert query_terms(text) == []


def test_search_syntax_in_the_query_is_only_words():
    assert query_terms('"lampa" AND (kista OR tensta) NOT -cykel* & !x | y:*') == [
        "lamp", "and", "kist", "or", "tenst", "not", "cykel", "x", "y",
    ]  # fmt: skip


def test_unicode_forms_that_look_alike_are_alike():
    """Full-width letters, ligatures and a letter typed with a separate accent."""
    assert normalise("ＫＣ") == "kc"
    assert analyse("ﬁl") == analyse("fil")
    assert analyse("A\u030aberg") == analyse("Åberg") == ["aberg"]
    assert normalise("STRASSE") == normalise("Straße")


def test_a_query_repeating_itself_or_beginning_another_term_asks_once():
    assert query_terms("lampa lampor lamporna l") == ["lamp"]
    assert query_terms("Kista kista") == ["kist"]


def test_very_long_words_are_cut_in_documents_and_queries_alike():
    word = "a" * 500
    assert all(len(term) <= MAX_WORD_LENGTH for term in analyse(word))
    assert finds(word, word)

"""The Swedish text analyser: turns text into the terms that searches index and look up.

Case search uses it now and the knowledge base will later, so that a word is found the same way
everywhere. The steps, in order:

1. Unicode NFKC normalisation, so that ligatures, full-width letters and characters typed as a
   letter plus a combining accent compare equal to their ordinary form;
2. casefolding (which, unlike `lower`, also knows ß → ss and the Greek final sigma);
3. words: runs of letters and digits; everything else separates words, so "KC-2026-000123"
   becomes "kc", "2026", "000123" and an e-mail address becomes its parts;
4. Swedish stemming with the Snowball stemmer ("lampor" → "lamp"), for words of letters only;
5. folding of diacritics after stemming (å, ä → a, ö → o, é → e, ü → u, ø → o …), because the
   stemmer needs the Swedish letters to recognise endings, while residents and agents type
   "Aberg" for "Åberg" and foreign names with or without their accents.

A document keeps each word's stem and the folded word itself; a query term is a stem matched as
a prefix, so "gatlam" finds "gatlampa" and "gatlampor" finds "gatlampa" (both "gatlamp").
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

from snowballstemmer import stemmer as snowball_stemmer

# Longer words are cut to this length, in documents and queries alike, so a prefix still
# matches. No Swedish word comes near it; it keeps nonsense input within the limits of the
# databases' full-text indexes (PostgreSQL refuses words over 2 047 bytes).
MAX_WORD_LENGTH = 60

# Letters and digits of any script (\w without the underscore), and combining marks that NFKC
# could not join to their letter, which would otherwise cut a word in two.
_WORD = re.compile(
    r"(?:[^\W_]|[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f])+"
)

# Letters that are not a base letter plus an accent in Unicode, so NFD does not split them.
_LETTERS_WITHOUT_DECOMPOSITION = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)

_SWEDISH_VOWELS = frozenset("aeiouyåäö")

# Definite singular endings the Snowball stemmer keeps ("lampan", "torget"). Queries drop them
# (see `query_terms`); documents keep them, as a shorter query prefix finds both forms.
_DEFINITE_ENDINGS = ("an", "et")

_stemmers = threading.local()


def normalise(text: str) -> str:
    """NFKC and casefolded: "ＫＣ ﬁl Straße" → "kc fil strasse"."""
    return unicodedata.normalize("NFKC", text).casefold()


def tokens(text: str) -> list[str]:
    """The normalised words of the text, in order, each cut to MAX_WORD_LENGTH."""
    return [match[:MAX_WORD_LENGTH] for match in _WORD.findall(normalise(text))]


def fold(word: str) -> str:
    """Without diacritics and with ASCII digits: "åberg" → "aberg", "٣" → "3"."""
    decomposed = unicodedata.normalize("NFD", word.translate(_LETTERS_WITHOUT_DECOMPOSITION))
    folded = []
    for character in decomposed:
        if unicodedata.category(character).startswith("M"):
            continue
        digit = unicodedata.decimal(character, None)
        folded.append(str(digit) if digit is not None else character)
    return "".join(folded)


def stem(word: str) -> str:
    """The Swedish Snowball stem of a normalised word; words with digits are kept whole."""
    if not word.isalpha():
        return word
    return _cached_stem(word)


@lru_cache(maxsize=100_000)
def _cached_stem(word: str) -> str:
    # A Snowball stemmer keeps the word it works on in itself, so each thread (the server
    # answers requests in threads) needs its own.
    swedish = getattr(_stemmers, "swedish", None)
    if swedish is None:
        swedish = _stemmers.swedish = snowball_stemmer("swedish")
    stemmed: str = swedish.stemWord(word)
    return stemmed


def analyse(text: str) -> list[str]:
    """The terms a document is indexed under: each word's folded stem, then the folded word
    when it differs, so that a query finds the word both by its stem and by its beginning.

    "Gatlamporna på Götgatan" → ["gatlamp", "gatlamporna", "pa", "gotgatan"].
    """
    terms: list[str] = []
    for word in tokens(text):
        stemmed = fold(stem(word))
        terms.append(stemmed)
        whole = fold(word)
        if whole != stemmed:
            terms.append(whole)
    return terms


def query_terms(text: str) -> list[str]:
    """The terms a query is made of; a document matches when each begins one of its terms.

    Each word is stemmed like a document's, and a definite ending the stemmer left is dropped
    too ("lampan" → "lamp", "torget" → "torg"), so the definite form finds the indefinite one.
    As a query term is a prefix, typing the start of a word ("gatlam") finds it as well.
    Repeated terms, and terms that begin another term of the query (which that term already
    implies), are left out: "lampa lampor l" → ["lamp"].
    """
    candidates: list[str] = []
    for word in tokens(text):
        stemmed = stem(word)
        if stemmed.isalpha():
            stemmed = _without_definite_ending(stemmed)
        candidates.append(fold(stemmed))
    terms: list[str] = []
    for term in candidates:
        implied = any(other != term and other.startswith(term) for other in candidates)
        if not implied and term not in terms:
            terms.append(term)
    return terms


def _without_definite_ending(word: str) -> str:
    """The word without a definite ending in its R1 region, after a consonant.

    R1 is Snowball's region: after the first non-vowel that follows a vowel, and at least three
    letters in, so short words ("plan", "stan") keep their letters.
    """
    region_start = _region_one_start(word)
    for ending in _DEFINITE_ENDINGS:
        cut = len(word) - len(ending)
        if word.endswith(ending) and cut >= region_start and word[cut - 1] not in _SWEDISH_VOWELS:
            return word[:cut]
    return word


def _region_one_start(word: str) -> int:
    for index in range(1, len(word)):
        if word[index - 1] in _SWEDISH_VOWELS and word[index] not in _SWEDISH_VOWELS:
            return max(3, index + 1)
    return len(word)

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
from collections.abc import Callable
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
    return _cached_fold(word)


@lru_cache(maxsize=200_000)
def _cached_fold(word: str) -> str:
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


# Swedish function words that say nothing about what a text is about (our own list, close to
# the usual Swedish stop lists, folded like every term), plus the politeness and helper verbs
# of questions ("hej", "tack", "får", "finns"), which every question has and no answer needs.
_STOP_WORDS_TEXT = """
    och det att i en jag hon som han pa den med var sig for sa till ar men ett om hade de av
    icke mig du henne da sin nu har inte hans honom skulle hennes dar min man ej vid kunde
    nagot fran ut nar efter upp vi dem vara vad over an dig kan sina ha mot alla under
    nagon eller allt mycket sedan ju denna sjalv detta at utan varit hur ingen mitt ni bli
    blev oss din dessa nagra deras blir mina samma vilken er sadan blivit dess inom
    mellan sadant varfor varje vilka ditt vem vilket sitta sadana vart dina vars
    ert era vilkas hej tack snalla fa far fick gor gora gjorde kommer finns
"""
SWEDISH_STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

# Linking letters ("fogemorfem") Swedish puts between the parts of a compound:
# "parkering-s-tillstånd", "skol-a" is kept whole; only "s" is common enough to try.
_LINKING_LETTERS = ("s",)
_MIN_COMPOUND_PART = 3


def is_stop_word(folded_word: str) -> bool:
    """Whether a folded word ("pa", "nar") is a Swedish function word."""
    return folded_word in SWEDISH_STOP_WORDS


def content_words(text: str) -> list[str]:
    """The folded words of a text without stop words: "När töms soporna?" → ["toms", "soporna"]."""
    return [folded for folded in (fold(word) for word in tokens(text)) if not is_stop_word(folded)]


def content_stems(text: str) -> list[tuple[str, str]]:
    """(folded stem, folded word) of each content word, in order.

    The stem is taken from the unfolded word, as the Snowball stemmer needs å, ä and ö, and a
    definite ending the stemmer leaves is dropped ("torget" → "torg"), so forms meet."""
    pairs: list[tuple[str, str]] = []
    for word in tokens(text):
        pair = _content_stem(word)
        if pair is not None:
            pairs.append(pair)
    return pairs


@lru_cache(maxsize=200_000)
def _content_stem(word: str) -> tuple[str, str] | None:
    folded = fold(word)
    if is_stop_word(folded):
        return None
    stemmed = stem(word)
    if stemmed.isalpha():
        stemmed = _without_definite_ending(stemmed)
    return fold(stemmed), folded


def compound_parts(word: str, is_known: Callable[[str], bool]) -> list[str]:
    """The parts of a Swedish compound that `is_known` recognises, longest head first.

    "sophamtning" with known "sop" and "hamtning" → ["sop", "hamtning"];
    "parkeringstillstand" → ["parkering", "tillstand"] (the linking "s" dropped). A word that
    does not split into known parts gives []. Parts are folded words or stems, as the caller's
    vocabulary holds; the last part may itself be a compound ("bygglovsansokan").
    """
    return _split(word, is_known, depth=0)


def _split(word: str, is_known: Callable[[str], bool], *, depth: int) -> list[str]:
    if depth > 3 or len(word) < 2 * _MIN_COMPOUND_PART:
        return []
    for cut in range(len(word) - _MIN_COMPOUND_PART, _MIN_COMPOUND_PART - 1, -1):
        head, tail = word[:cut], word[cut:]
        heads = [head]
        heads += [head[: -len(link)] for link in _LINKING_LETTERS if head.endswith(link)]
        for candidate in heads:
            if len(candidate) < _MIN_COMPOUND_PART or not is_known(candidate):
                continue
            if is_known(tail):
                return [candidate, tail]
            rest = _split(tail, is_known, depth=depth + 1)
            if rest:
                return [candidate, *rest]
    return []


def character_ngrams(word: str, sizes: tuple[int, ...] = (3, 4)) -> list[str]:
    """The character n-grams of a folded word with its edges marked: "sop" with sizes (3,) →
    ["_so", "sop", "op_"]. Two spellings share most n-grams when they differ by a typo, and a
    compound shares its parts' n-grams, so ranking by n-grams forgives both."""
    padded = f"_{word}_"
    grams: list[str] = []
    for size in sizes:
        if len(padded) < size:
            continue
        grams.extend(padded[index : index + size] for index in range(len(padded) - size + 1))
    return grams


def edit_distance(first: str, second: str, limit: int) -> int:
    """Damerau–Levenshtein distance (adjacent swaps count one), or limit + 1 beyond the limit."""
    if abs(len(first) - len(second)) > limit:
        return limit + 1
    previous_previous: list[int] = []
    previous = list(range(len(second) + 1))
    for i, char_first in enumerate(first, start=1):
        current = [i] + [0] * len(second)
        for j, char_second in enumerate(second, start=1):
            cost = 0 if char_first == char_second else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_first == second[j - 2] and first[i - 2] == char_second:
                current[j] = min(current[j], previous_previous[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous_previous, previous = previous, current
    return previous[-1] if previous[-1] <= limit else limit + 1

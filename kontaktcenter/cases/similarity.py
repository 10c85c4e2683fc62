"""How alike two reports are, for the duplicate check at intake: pure functions, no ORM.

A possible duplicate is a recent case of the same category (the selector only looks at those)
scored from three parts, each between 0 and 1:

- place: the same street scores 0.6, with house numbers at most 10 apart 0.8, at most 2 apart
  (the same lamp post, the next door) 1.0;
- words: the share of the shorter text's content words (Swedish stems, as case search reads
  them) that the other has;
- age: 1 for today, falling evenly to 0 at the end of the window.

score = 0.45·place + 0.40·words + 0.15·age. A case is suggested from SUGGEST_FROM on, and only
if its place or its words match at all, so that being recent alone never suggests anything.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from kontaktcenter.core.text import fold, query_terms, tokens

PLACE_WEIGHT = 0.45
WORDS_WEIGHT = 0.40
AGE_WEIGHT = 0.15
SUGGEST_FROM = 0.35

# Swedish words of three letters or more that say nothing about the matter.
_STOPWORD_TEXT = (
    "och att det den som för med har inte kan ska till från vid mot där här efter "
    "finns sedan igen också eller men utan under över hela mycket någon något några "
    "min mitt mina vår vårt våra hon han de dem oss ni er jag vill skulle måste "
    "hej tack fråga gäller angående"
)
_STOPWORDS = frozenset(query_terms(_STOPWORD_TEXT))
_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True)
class Place:
    street: str
    number: int | None


def parse_place(text: str) -> Place | None:
    """ "Rinkebysvängen 12 B, Spånga" → street "rinkebysvangen", number 12. The part before the
    first comma is the street address; letters and diacritics are folded."""
    first = text.split(",", 1)[0]
    words = tokens(first)
    street_words = [fold(word) for word in words if not word[0].isdigit()]
    # A single letter after the number is a door or entrance ("12 B"), not part of the street.
    street = " ".join(word for word in street_words if len(word) > 1)
    if not street:
        return None
    number = _NUMBER.search(first)
    return Place(street, int(number.group()) if number else None)


def place_score(a: str, b: str) -> float:
    first, second = parse_place(a), parse_place(b)
    if first is None or second is None or first.street != second.street:
        return 0.0
    if first.number is None or second.number is None:
        return 0.6
    apart = abs(first.number - second.number)
    if apart <= 2:
        return 1.0
    if apart <= 10:
        return 0.8
    return 0.6


def content_words(text: str) -> dict[str, str]:
    """The words that carry meaning, by their stem as case search reads them (definite endings
    dropped: "gatlampan" and "gatlampa" are one word), each with its first spelling in the
    text; no stop words, numbers or words under three letters."""
    words: dict[str, str] = {}
    for word in tokens(text):
        if len(word) < 3 or not word.isalpha():
            continue
        terms = query_terms(word)
        if terms and len(terms[0]) >= 3 and terms[0] not in _STOPWORDS:
            words.setdefault(terms[0], word)
    return words


def words_score(a: Mapping[str, str], b: Mapping[str, str]) -> tuple[float, list[str]]:
    """The overlap coefficient, so a short subject can match a long description that says
    the same and more, and the shared words as `a` spells them."""
    if not a or not b:
        return 0.0, []
    shared = a.keys() & b.keys()
    return len(shared) / min(len(a), len(b)), sorted(a[stem] for stem in shared)


def age_score(days: float, window_days: int) -> float:
    return max(0.0, 1.0 - days / window_days)


@dataclass(frozen=True)
class Likeness:
    score: float
    place: float
    words: float
    age: float
    shared_words: tuple[str, ...]

    @property
    def suggested(self) -> bool:
        return self.score >= SUGGEST_FROM and (self.place > 0 or self.words > 0)


def likeness(
    *,
    place: str,
    text: str,
    other_place: str,
    other_text: str,
    days_apart: float,
    window_days: int,
) -> Likeness:
    places = place_score(place, other_place)
    words, shared = words_score(content_words(text), content_words(other_text))
    age = age_score(days_apart, window_days)
    score = PLACE_WEIGHT * places + WORDS_WEIGHT * words + AGE_WEIGHT * age
    return Likeness(round(score, 3), places, round(words, 3), round(age, 3), tuple(shared))

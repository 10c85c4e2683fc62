"""Pure decisions of the directory, without the ORM."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from kontaktcenter.core.text import fold, query_terms, tokens
from kontaktcenter.directory.phonetic import sound_key

# --- the common switchboard (S11) --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OrganisationFacts:
    parent_id: int | None
    joined_on: date | None
    local_switchboard_phone: str
    phone: str


@dataclass(frozen=True, slots=True)
class SwitchboardMembership:
    joined: bool
    # When it joined, or when it will (a date ahead); None when no date is set.
    joined_on: date | None
    # Where to direct a call for an organisation not (yet) on the common switchboard.
    local_phone: str


def switchboard_membership(
    organisation_id: int, facts: Mapping[int, OrganisationFacts], today: date
) -> SwitchboardMembership:
    """Whether calls for the organisation are put through by the common switchboard.

    An organisation joins with its units: the nearest organisation up the chain that has a
    joining date decides. Until that date, calls go to the nearest local switchboard number
    up the chain, or failing one to the nearest general number.
    """
    chain: list[OrganisationFacts] = []
    seen: set[int] = set()
    current: int | None = organisation_id
    while current is not None and current not in seen and current in facts:
        seen.add(current)
        chain.append(facts[current])
        current = facts[current].parent_id
    joined_on = next((org.joined_on for org in chain if org.joined_on is not None), None)
    joined = joined_on is not None and joined_on <= today
    local_phone = ""
    if not joined:
        local_phone = next(
            (org.local_switchboard_phone for org in chain if org.local_switchboard_phone),
            next((org.phone for org in chain if org.phone), ""),
        )
    return SwitchboardMembership(joined=joined, joined_on=joined_on, local_phone=local_phone)


# --- search queries ------------------------------------------------------------------------------

MAX_QUERY_WORDS = 6
MIN_PHONE_DIGITS = 3
_PHONE_QUERY = re.compile(r"[\d\s+\-()/.]+")
# The alphabet of folded terms in order; a prefix's range ends at the next string of it.
_LAST_LETTER = "z"


@dataclass(frozen=True, slots=True)
class TermRange:
    """Terms from `low` (inclusive) to `high` (exclusive): all that begin with `low`."""

    low: str
    high: str


@dataclass(frozen=True, slots=True)
class QueryWord:
    ranges: tuple[TermRange, ...]


def prefix_range(prefix: str) -> TermRange:
    """The range of every term that begins with `prefix` ("n:karl" → up to "n:karm").

    The end is the next string in the alphabet of folded terms, carrying past "z" ("n:karz"
    → "n:kas"), so the range holds under any database collation that sorts letters and
    digits in their usual order, not only under a byte order.
    """
    namespace, _colon, word = prefix.partition(":")
    letters = list(word)
    while letters and letters[-1] == _LAST_LETTER:
        letters.pop()
    if not letters:
        return TermRange(low=prefix, high=f"{namespace}:{_LAST_LETTER * 65}")
    last = letters[-1]
    letters[-1] = "a" if last == "9" else chr(ord(last) + 1)
    return TermRange(low=prefix, high=f"{namespace}:{''.join(letters)}")


def phone_query_digits(query: str) -> str | None:
    """The national digits of a query that is a phone number in any format, else None.

    "+46 8 508 290 00", "0046850829000", "08-508 290 00" and "850829000" all give
    "850829000"; the beginning of a number gives the beginning.
    """
    if not _PHONE_QUERY.fullmatch(query.strip()):
        return None
    digits = "".join(character for character in query if character.isdigit())
    if len(digits) < MIN_PHONE_DIGITS:
        return None
    stripped = query.strip()
    if stripped.startswith("+46"):
        digits = digits[2:]
    elif digits.startswith("0046"):
        digits = digits[4:]
    return digits.lstrip("0") or None


def plan_query(query: str) -> list[QueryWord]:
    """The words of a query, each as the term ranges that can match it.

    A phone number is one word however it is spaced. A name word matches name words, their
    sound keys, and title, keyword and organisation words (by the word and by its stem); a
    single letter matches only the beginnings of names, as anything more would match half
    the directory on the first keystroke.
    """
    digits = phone_query_digits(query)
    if digits is not None:
        return [QueryWord(ranges=(prefix_range(f"t:{digits}"),))]
    words: list[QueryWord] = []
    for word in tokens(query)[:MAX_QUERY_WORDS]:
        folded = fold(word)
        if len(folded) == 1:
            words.append(QueryWord(ranges=(prefix_range(f"n:{folded}"),)))
            continue
        prefixes = [f"n:{folded}", f"w:{folded}"]
        prefixes.extend(f"w:{stem}" for stem in query_terms(word))
        if word.isalpha():
            key = sound_key(word)
            if len(key) >= 2:
                prefixes.append(f"s:{key}")
        if folded.isdigit() and folded.lstrip("0"):
            prefixes.append(f"t:{folded.lstrip('0')}")
        unique = _without_implied(prefixes)
        words.append(QueryWord(ranges=tuple(prefix_range(prefix) for prefix in unique)))
    return words


def _without_implied(prefixes: list[str]) -> list[str]:
    """Prefixes not already covered by a shorter one of them ("w:bygglov" by "w:bygglo")."""
    unique = sorted(set(prefixes), key=len)
    kept: list[str] = []
    for prefix in unique:
        if not any(prefix.startswith(shorter) for shorter in kept):
            kept.append(prefix)
    return kept


# --- callback requests (S17) ---------------------------------------------------------------------

STOCKHOLM = ZoneInfo("Europe/Stockholm")
CALLBACK_DAY_ENDS = time(16, 0)
SATURDAY = 5


def default_callback_due(now: datetime) -> datetime:
    """The deadline a callback request gets unless the operator sets one: the end of the
    working day (16:00 Stockholm time) if there is at least an hour of it left, otherwise
    16:00 on the next weekday. Public holidays are not counted here; the operator changes
    the date when the caller asks for another."""
    local = now.astimezone(STOCKHOLM)
    day = local.date()
    if local.weekday() < SATURDAY and local.time() <= time(15, 0):
        return datetime.combine(day, CALLBACK_DAY_ENDS, tzinfo=STOCKHOLM)
    day += timedelta(days=1)
    while day.weekday() >= SATURDAY:
        day += timedelta(days=1)
    return datetime.combine(day, CALLBACK_DAY_ENDS, tzinfo=STOCKHOLM)


# --- misspelt names -------------------------------------------------------------------------------

MIN_FUZZY_LENGTH = 4
MAX_FUZZY_TERMS = 12


def edit_distance(one: str, other: str, *, at_most: int) -> int:
    """Levenshtein distance (insert, delete, substitute, and a swap of two neighbours
    counted once), or `at_most + 1` as soon as it is certainly larger."""
    if abs(len(one) - len(other)) > at_most:
        return at_most + 1
    previous_previous: list[int] = []
    previous = list(range(len(other) + 1))
    for row, left in enumerate(one, start=1):
        current = [row]
        for column, right in enumerate(other, start=1):
            cost = 0 if left == right else 1
            best = min(previous[column] + 1, current[column - 1] + 1, previous[column - 1] + cost)
            if row > 1 and column > 1 and left == other[column - 2] and one[row - 2] == right:
                best = min(best, previous_previous[column - 2] + 1)
            current.append(best)
        if min(current) > at_most:
            return at_most + 1
        previous_previous, previous = previous, current
    return previous[-1]


def fuzzy_allowance(key: str) -> int:
    """How many edits a sound key of this length may be off: one up to six letters, then two."""
    return 1 if len(key) <= 6 else 2


def fuzzy_terms(key: str, vocabulary: list[str]) -> list[str]:
    """The sound-key terms ("s:…") of the vocabulary within the allowance of `key`, nearest
    first; a term is compared by its beginning, as long as the key, so a name still being
    typed is matched too."""
    allowance = fuzzy_allowance(key)
    scored: list[tuple[int, str]] = []
    for term in vocabulary:
        candidate = term[2:]
        distance = min(
            edit_distance(key, candidate[:length], at_most=allowance)
            for length in {len(key) - 1, len(key), len(key) + 1}
            if length > 0
        )
        if distance <= allowance:
            scored.append((distance, term))
    scored.sort()
    return [term for _distance, term in scored[:MAX_FUZZY_TERMS]]

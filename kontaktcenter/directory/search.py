"""The switchboard's directory search: people, functions and units, as the operator types.

`directory_search(actor=…, query=…, limit=…)` is the public selector (exported from
`directory.selectors`); the desk's search-as-you-type and the telephony console call it. A
query is planned into prefix ranges of the term index (`directory.rules.plan_query`,
`directory.indexing`); the most selective word drives and is read in the lookup index's own
order, tier by tier (names and numbers, then sound-alikes, then titles, keywords and
organisations), each candidate checked against the other words, until the page is full.
Three more reads fill in the hits: the entries' prepared cards, the current absences, and
the organisations' facts for the common switchboard.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import Q

from kontaktcenter.core import clock
from kontaktcenter.core.errors import NotFound
from kontaktcenter.core.phone import display_phone
from kontaktcenter.core.text import tokens
from kontaktcenter.directory.errors import DIRECTORY_NOT_AVAILABLE
from kontaktcenter.directory.models import (
    Absence,
    DirectoryEntry,
    DirectoryTerm,
    Organisation,
    OrganisationKind,
)
from kontaktcenter.directory.phonetic import sound_key
from kontaktcenter.directory.rules import (
    MIN_FUZZY_LENGTH,
    OrganisationFacts,
    QueryWord,
    SwitchboardMembership,
    TermRange,
    fuzzy_terms,
    plan_query,
    prefix_range,
    switchboard_membership,
)

if TYPE_CHECKING:
    from kontaktcenter.accounts.actors import Actor

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


@dataclass(frozen=True, slots=True)
class PhoneNumber:
    label: str  # "phone" or "mobile"
    number: str  # as Swedes read it: "08-508 290 00"


@dataclass(frozen=True, slots=True)
class Presence:
    reason: str  # AbsenceReason value
    reason_label: str
    back_at: datetime | None
    note: str


@dataclass(frozen=True, slots=True)
class Substitute:
    person_id: int
    name: str
    phone: str


@dataclass(frozen=True, slots=True)
class DirectoryHit:
    kind: str  # EntryKind value
    object_id: int
    name: str
    title: str  # a person's title; for a unit, its kind
    organisation_id: int
    organisation: str
    # The organisation and those above it, nearest first: "Bokningsenheten, Idrottsförvaltningen".
    organisation_path: str
    phones: tuple[PhoneNumber, ...]
    email: str
    keywords: str
    opening_hours: str
    # None: reachable as far as the directory knows.
    absence: Presence | None
    substitute: Substitute | None
    switchboard: SwitchboardMembership
    score: int

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.object_id}"


def directory_search(
    *, actor: Actor | None = None, query: str, limit: int = DEFAULT_LIMIT
) -> list[DirectoryHit]:
    """The directory entries matching every word of the query, best first.

    Any staff member, integration or system process may search the directory; a resident
    may not (the directory holds staff's absences).
    """
    # Imported here: accounts' actors read the directory's selectors, which export this.
    from kontaktcenter.accounts.actors import ResidentActor  # noqa: PLC0415

    if isinstance(actor, ResidentActor):
        raise NotFound(DIRECTORY_NOT_AVAILABLE)
    words = plan_query(query)
    if not words:
        return []
    limit = max(1, min(limit, MAX_LIMIT))
    ranked = _ranked_entries(words, limit)
    if not ranked:
        # Nothing as typed, spelt or sounded: allow a typing error or two in the names.
        fuzzy = _with_misspellings(query, words)
        if fuzzy is not None:
            ranked = _ranked_entries(fuzzy, limit)
    if not ranked:
        return []
    return _hits(ranked)


def _with_misspellings(query: str, words: list[QueryWord]) -> list[QueryWord] | None:
    """The query with each name word of four letters or more widened to the sound keys in
    the index that are within an edit or two of its own (`rules.fuzzy_terms`); None when no
    word can be widened. The vocabulary compared is the keys sharing the word's first sound,
    a few hundred distinct terms at Stockholm's scale."""
    term_table, _entry_table = _tables()
    widened: list[QueryWord] = []
    changed = False
    typed = tokens(query)[: len(words)]
    for word, text in zip(words, typed + [""] * (len(words) - len(typed)), strict=True):
        key = sound_key(text) if text.isalpha() else ""
        if len(key) < MIN_FUZZY_LENGTH:
            widened.append(word)
            continue
        first = prefix_range(f"s:{key[0]}")
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT DISTINCT term FROM {term_table} WHERE term >= %s AND term < %s",  # noqa: S608
                [first.low, first.high],
            )
            vocabulary = [term for (term,) in cursor.fetchall()]
        near = fuzzy_terms(key, vocabulary)
        if not near:
            widened.append(word)
            continue
        changed = True
        # The word keeps its own ranges, so a title or unit word still matches as typed.
        widened.append(QueryWord(ranges=word.ranges + tuple(prefix_range(term) for term in near)))
    return widened if changed else None


# Name words and phone numbers first, then sound-alikes, then titles, keywords and
# organisations: the order of the tiers, and each tier's score.
TIER_SCORES = {"n": 100, "t": 100, "s": 60, "w": 40}
# How far the choice of the word that drives a multi-word search counts each word's matches.
DRIVER_SAMPLE = 2_000
# Rows read per round, as a multiple of the hits still missing (an entry may match twice).
ROUND_FACTOR = 3


def _ranked_entries(words: list[QueryWord], limit: int) -> list[tuple[int, int]]:
    """The entries matching every word, best first, reading no more index rows than needed.

    One word (the most selective of the query) drives: its ranges are read tier by tier
    in the lookup index's own order (term, then name), so the first keystroke of a common
    letter reads 20 rows, not the thousands that begin with it. Every other word must match
    the same entry, which the second index answers per candidate.
    """
    driver = _driver(words)
    others = [word for word in words if word is not driver]
    found: dict[int, int] = {}
    tiers = sorted(driver.ranges, key=lambda term_range: list(TIER_SCORES).index(term_range.low[0]))
    for term_range in tiers:
        score = TIER_SCORES[term_range.low[0]]
        after: tuple[str, str, int] | None = None
        while len(found) < limit:
            wanted = (limit - len(found)) * ROUND_FACTOR
            rows = _rows_in_range(term_range, others, after, wanted)
            for entry_id, _term, _sort_key in rows:
                found.setdefault(entry_id, score)
            if len(rows) < wanted:
                break
            last_entry, last_term, last_sort_key = rows[-1]
            after = (last_term, last_sort_key, last_entry)
    return list(found.items())[:limit]


def _tables() -> tuple[str, str]:
    quote = connection.ops.quote_name
    return quote(DirectoryTerm._meta.db_table), quote(DirectoryEntry._meta.db_table)


def _any_range(column: str, word: QueryWord, params: list[str | int]) -> str:
    for term_range in word.ranges:
        params.extend((term_range.low, term_range.high))
    return " OR ".join([f"({column} >= %s AND {column} < %s)"] * len(word.ranges))


def _driver(words: list[QueryWord]) -> QueryWord:
    """The word with the fewest matches (counted up to DRIVER_SAMPLE), the longest on a tie."""
    if len(words) == 1:
        return words[0]
    term_table, _entry_table = _tables()
    counted: list[tuple[int, int, QueryWord]] = []
    with connection.cursor() as cursor:
        for position, word in enumerate(words):
            params: list[str | int] = []
            condition = _any_range("term", word, params)
            cursor.execute(
                f"SELECT COUNT(*) FROM (SELECT 1 FROM {term_table} "  # noqa: S608 - quoted name
                f"WHERE {condition} LIMIT {DRIVER_SAMPLE}) AS sample",
                params,
            )
            (count,) = cursor.fetchone()
            counted.append((int(count), -len(word.ranges[0].low) * 100 - position, word))
    return min(counted, key=lambda item: (item[0], item[1]))[2]


def _rows_in_range(
    term_range: TermRange,
    others: list[QueryWord],
    after: tuple[str, str, int] | None,
    wanted: int,
) -> list[tuple[int, str, str]]:
    term_table, _entry_table = _tables()
    params: list[str | int] = [term_range.low, term_range.high]
    conditions = ["t.term >= %s", "t.term < %s"]
    if after is not None:
        conditions.append("(t.term, t.sort_key, t.entry_id) > (%s, %s, %s)")
        params.extend(after)
    for word in others:
        condition = _any_range("u.term", word, params)
        conditions.append(
            f"EXISTS (SELECT 1 FROM {term_table} AS u "  # noqa: S608 - quoted name
            f"WHERE u.entry_id = t.entry_id AND ({condition}))"
        )
    params.append(wanted)
    sql = (
        f"SELECT t.entry_id, t.term, t.sort_key FROM {term_table} AS t "  # noqa: S608
        f"WHERE {' AND '.join(conditions)} "
        f"ORDER BY t.term, t.sort_key, t.entry_id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(int(entry_id), term, sort_key) for entry_id, term, sort_key in cursor.fetchall()]


def _organisation_facts(organisation_ids: set[int]) -> dict[int, OrganisationFacts]:
    """The switchboard facts of the hits' organisations and those above them (each card
    lists its chain of organisations, written at indexing)."""
    return {
        org_id: OrganisationFacts(
            parent_id=parent_id,
            joined_on=joined_on,
            local_switchboard_phone=local_phone,
            phone=phone,
        )
        for org_id, parent_id, joined_on, local_phone, phone in Organisation.objects.filter(
            pk__in=organisation_ids
        )
        .order_by()
        .values_list(
            "id", "parent_id", "joined_common_switchboard_on", "local_switchboard_phone", "phone"
        )
    }


@lru_cache(maxsize=4_096)
def display_phone_or_raw(raw: str) -> str:
    """A number as Swedes read it, whether stored in E.164 or as it was imported.

    Only organisations' switchboard numbers are formatted per search (people's and
    functions' numbers are formatted at indexing), and they are few, hence the cache.
    """
    return display_phone(raw) or raw


def _membership(
    organisation_id: int, facts: dict[int, OrganisationFacts], today: date
) -> SwitchboardMembership:
    membership = switchboard_membership(organisation_id, facts, today)
    if not membership.local_phone:
        return membership
    return replace(membership, local_phone=display_phone_or_raw(membership.local_phone))


def _current_absences(person_ids: list[int], now: datetime) -> dict[int, Absence]:
    current: dict[int, Absence] = {}
    absences = (
        Absence.objects.filter(person_id__in=person_ids, starts_at__lte=now)
        .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
        .order_by("starts_at")
    )
    for absence in absences:
        current[absence.person_id] = absence  # the latest begun wins
    return current


def _substitutes(person_ids: set[int]) -> dict[int, Substitute]:
    found: dict[int, Substitute] = {}
    for person_id, card in DirectoryEntry.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "card"
    ):
        phones = card.get("phones") or [["", ""]]
        found[person_id] = Substitute(person_id=person_id, name=card["name"], phone=phones[0][1])
    return found


def _hits(ranked: list[tuple[int, int]]) -> list[DirectoryHit]:
    entries = DirectoryEntry.objects.only(
        "kind", "person_id", "function_id", "organisation_id", "card"
    ).in_bulk([entry_id for entry_id, _score in ranked])
    now = clock.now()
    today: date = clock.today()
    facts = _organisation_facts(
        {org_id for entry in entries.values() for org_id in entry.card.get("chain", [])}
    )
    person_ids = [entry.person_id for entry in entries.values() if entry.person_id is not None]
    absences = _current_absences(person_ids, now) if person_ids else {}
    wanted = {absence.substitute_id for absence in absences.values() if absence.substitute_id}
    wanted |= {
        entries_card_substitute
        for entry in entries.values()
        if entry.person_id in absences
        and (entries_card_substitute := entry.card.get("substitute_id")) is not None
    }
    substitutes = _substitutes(wanted) if wanted else {}
    hits: list[DirectoryHit] = []
    for entry_id, score in ranked:
        entry = entries.get(entry_id)
        if entry is None:  # reindexed between the two reads
            continue
        card = entry.card
        absence = absences.get(entry.person_id) if entry.person_id is not None else None
        presence = None
        substitute = None
        if absence is not None:
            presence = Presence(
                reason=absence.reason,
                reason_label=str(absence.get_reason_display()),
                back_at=absence.ends_at,
                note=absence.note,
            )
            substitute = substitutes.get(absence.substitute_id or 0) or substitutes.get(
                card.get("substitute_id") or 0
            )
        hits.append(
            DirectoryHit(
                kind=entry.kind,
                object_id=_object_id(entry),
                name=card["name"],
                title=_title(card),
                organisation_id=card["organisation_id"],
                organisation=card.get("organisation", ""),
                organisation_path=card.get("organisation_path", ""),
                phones=tuple(
                    PhoneNumber(label=label, number=number) for label, number in card["phones"]
                ),
                email=card.get("email", ""),
                keywords=card.get("keywords", ""),
                opening_hours=card.get("opening_hours", ""),
                absence=presence,
                substitute=substitute,
                switchboard=_membership(card["organisation_id"], facts, today),
                score=score,
            )
        )
    return hits


def _title(card: dict[str, Any]) -> str:
    if "kind" in card:  # a unit: its kind, in the reader's language
        return str(OrganisationKind(card["kind"]).label)
    return str(card.get("title", ""))


def _object_id(entry: DirectoryEntry) -> int:
    object_id = entry.person_id or entry.function_id or entry.organisation_id
    assert object_id is not None
    return object_id

"""The switchboard's directory search: people, functions and units, as the operator types.

`directory_search(actor=…, query=…, limit=…)` is the public selector (exported from
`directory.selectors`); the desk's search-as-you-type and the telephony console call it. A
query runs as one SQL statement over the term index (`directory.indexing`): each word is a
few prefix ranges of one B-tree, the words are intersected by entry, and the best-scoring
entries come back first (a name before a sound-alike, a sound-alike before a title or an
organisation word, alphabetical within a score). Three more reads fill in the hits: the
entries with their people, functions and organisations, the current absences, and the
organisation facts for the common switchboard.
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
from kontaktcenter.directory.errors import DIRECTORY_NOT_AVAILABLE
from kontaktcenter.directory.models import (
    Absence,
    DirectoryEntry,
    DirectoryTerm,
    Organisation,
    OrganisationKind,
)
from kontaktcenter.directory.rules import (
    OrganisationFacts,
    QueryWord,
    SwitchboardMembership,
    plan_query,
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
    ranked = _ranked_entries(words, max(1, min(limit, MAX_LIMIT)))
    if not ranked:
        return []
    return _hits(ranked)


def _ranked_entries(words: list[QueryWord], limit: int) -> list[tuple[int, int]]:
    term_table = connection.ops.quote_name(DirectoryTerm._meta.db_table)
    entry_table = connection.ops.quote_name(DirectoryEntry._meta.db_table)
    parts: list[str] = []
    params: list[str | int] = []
    for position, word in enumerate(words):
        exact_placeholders = ", ".join(["%s"] * len(word.exact))
        ranges = " OR ".join(["(term >= %s AND term < %s)"] * len(word.ranges))
        parts.append(
            f"SELECT entry_id, MAX(CASE WHEN term IN ({exact_placeholders}) "  # noqa: S608 - placeholders only
            f"THEN weight + 10 ELSE weight END) AS best, {position} AS word "
            f"FROM {term_table} WHERE {ranges} GROUP BY entry_id"
        )
        params.extend(word.exact)
        for term_range in word.ranges:
            params.extend((term_range.low, term_range.high))
    matches = " UNION ALL ".join(parts)
    sql = (
        f"SELECT e.id, m.score FROM ("  # noqa: S608 - table names quoted, values as parameters
        f"SELECT entry_id, SUM(best) AS score FROM ({matches}) AS per_word "
        f"GROUP BY entry_id HAVING COUNT(*) = %s"
        f") AS m JOIN {entry_table} AS e ON e.id = m.entry_id "
        f"ORDER BY m.score DESC, e.sort_key, e.id LIMIT %s"
    )
    params.extend((len(words), limit))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(int(entry_id), int(score)) for entry_id, score in cursor.fetchall()]


def _organisation_facts() -> dict[int, OrganisationFacts]:
    return {
        org_id: OrganisationFacts(
            parent_id=parent_id,
            joined_on=joined_on,
            local_switchboard_phone=local_phone,
            phone=phone,
        )
        for org_id, parent_id, joined_on, local_phone, phone in Organisation.objects.values_list(
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
    entries = DirectoryEntry.objects.only("kind", "person_id", "card").in_bulk(
        [entry_id for entry_id, _score in ranked]
    )
    now = clock.now()
    today: date = clock.today()
    facts = _organisation_facts()
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

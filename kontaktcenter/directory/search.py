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

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

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
    EntryKind,
    Organisation,
    Person,
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
    label: str
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
    title: str
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


def _organisation_facts() -> tuple[dict[int, OrganisationFacts], dict[int, str]]:
    facts: dict[int, OrganisationFacts] = {}
    names: dict[int, str] = {}
    for org_id, name, parent_id, joined_on, local_phone, phone in Organisation.objects.values_list(
        "id",
        "name",
        "parent_id",
        "joined_common_switchboard_on",
        "local_switchboard_phone",
        "phone",
    ):
        facts[org_id] = OrganisationFacts(
            parent_id=parent_id,
            joined_on=joined_on,
            local_switchboard_phone=display_phone_or_raw(local_phone),
            phone=display_phone_or_raw(phone),
        )
        names[org_id] = name
    return facts, names


def display_phone_or_raw(raw: str) -> str:
    """A number as Swedes read it, whether stored in E.164 or as it was imported."""
    return display_phone(raw) or raw


def _path(organisation_id: int, facts: dict[int, OrganisationFacts], names: dict[int, str]) -> str:
    path: list[str] = []
    current: int | None = organisation_id
    while current is not None and current in facts and len(path) < 10:
        path.append(names[current])
        current = facts[current].parent_id
    return ", ".join(path)


def _current_absences(person_ids: list[int], now: datetime) -> dict[int, Absence]:
    current: dict[int, Absence] = {}
    absences = (
        Absence.objects.filter(person_id__in=person_ids, starts_at__lte=now)
        .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
        .select_related("substitute")
        .order_by("starts_at")
    )
    for absence in absences:
        current[absence.person_id] = absence  # the latest begun wins
    return current


def _substitute(person: Person | None) -> Substitute | None:
    if person is None:
        return None
    return Substitute(
        person_id=person.pk,
        name=str(person),
        phone=display_phone_or_raw(person.phone or person.mobile),
    )


def _hits(ranked: list[tuple[int, int]]) -> list[DirectoryHit]:
    entries = DirectoryEntry.objects.select_related(
        "person", "person__substitute", "function", "organisation"
    ).in_bulk([entry_id for entry_id, _score in ranked])
    now = clock.now()
    today: date = clock.today()
    facts, names = _organisation_facts()
    person_ids = [entry.person_id for entry in entries.values() if entry.person_id is not None]
    absences = _current_absences(person_ids, now) if person_ids else {}
    hits: list[DirectoryHit] = []
    for entry_id, score in ranked:
        entry = entries.get(entry_id)
        if entry is None:  # reindexed between the two reads
            continue
        hits.append(_hit(entry, score, absences=absences, facts=facts, names=names, today=today))
    return hits


def _hit(
    entry: DirectoryEntry,
    score: int,
    *,
    absences: dict[int, Absence],
    facts: dict[int, OrganisationFacts],
    names: dict[int, str],
    today: date,
) -> DirectoryHit:
    if entry.kind == EntryKind.PERSON and entry.person is not None:
        person = entry.person
        absence = absences.get(person.pk)
        presence = None
        substitute = _substitute(person.substitute)
        if absence is not None:
            presence = Presence(
                reason=absence.reason,
                reason_label=str(absence.get_reason_display()),
                back_at=absence.ends_at,
                note=absence.note,
            )
            substitute = _substitute(absence.substitute) or substitute
        phones = tuple(
            PhoneNumber(label=str(label), number=display_phone_or_raw(number))
            for label, number in (
                (Person._meta.get_field("phone").verbose_name, person.phone),
                (Person._meta.get_field("mobile").verbose_name, person.mobile),
            )
            if number
        )
        return DirectoryHit(
            kind=EntryKind.PERSON,
            object_id=person.pk,
            name=str(person),
            title=person.title,
            organisation_id=person.organisation_id,
            organisation=names.get(person.organisation_id, ""),
            organisation_path=_path(person.organisation_id, facts, names),
            phones=phones,
            email=person.email,
            keywords="",
            opening_hours="",
            absence=presence,
            substitute=substitute if presence is not None else None,
            switchboard=switchboard_membership(person.organisation_id, facts, today),
            score=score,
        )
    if entry.kind == EntryKind.FUNCTION and entry.function is not None:
        function = entry.function
        return DirectoryHit(
            kind=EntryKind.FUNCTION,
            object_id=function.pk,
            name=function.name,
            title="",
            organisation_id=function.organisation_id,
            organisation=names.get(function.organisation_id, ""),
            organisation_path=_path(function.organisation_id, facts, names),
            phones=_numbers(function.phone),
            email=function.email,
            keywords=function.keywords,
            opening_hours=function.opening_hours,
            absence=None,
            substitute=None,
            switchboard=switchboard_membership(function.organisation_id, facts, today),
            score=score,
        )
    organisation = entry.organisation
    assert organisation is not None
    parent = organisation.parent_id
    return DirectoryHit(
        kind=EntryKind.UNIT,
        object_id=organisation.pk,
        name=organisation.name,
        title=str(organisation.get_kind_display()),
        organisation_id=organisation.pk,
        organisation=names.get(parent, "") if parent else "",
        organisation_path=_path(parent, facts, names) if parent else "",
        phones=_numbers(organisation.phone),
        email=organisation.email,
        keywords="",
        opening_hours="",
        absence=None,
        substitute=None,
        switchboard=switchboard_membership(organisation.pk, facts, today),
        score=score,
    )


def _numbers(phone: str) -> tuple[PhoneNumber, ...]:
    if not phone:
        return ()
    label = Person._meta.get_field("phone").verbose_name
    return (PhoneNumber(label=str(label), number=display_phone_or_raw(phone)),)

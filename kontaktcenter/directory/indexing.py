"""The directory's search index: entries and their terms, rebuilt from people, functions and
organisations.

Each person, function and organisation has one `DirectoryEntry` and a handful of
`DirectoryTerm` rows: the folded words of its name ("n:"), the sound keys of a person's names
("s:"), the words of a title, a function's keywords and the organisation's names ("w:"), and
the national digits of each phone number ("t:"). The search (`directory.search`) looks each
typed word up as a prefix range of that one indexed column, so a keystroke costs a few index
range scans, whatever the size of the directory.

Whoever changes the directory calls `reindex_*` in the same transaction: the import, the
admin and the demo do.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import phonenumbers
from django.db import connection, transaction

from kontaktcenter.core.phone import DEFAULT_REGION
from kontaktcenter.core.text import MAX_WORD_LENGTH, analyse, fold, tokens
from kontaktcenter.directory.models import (
    DirectoryEntry,
    DirectoryTerm,
    EntryKind,
    Function,
    Organisation,
    Person,
)
from kontaktcenter.directory.phonetic import sound_key

# Stored in the card as the English identifiers; the desk translates them when it shows them.
PHONE_LABEL = "phone"
MOBILE_LABEL = "mobile"

NAME_WEIGHT = 100
PHONE_WEIGHT = 100
SOUND_WEIGHT = 60
TITLE_WEIGHT = 40
ORGANISATION_WEIGHT = 20

BATCH_SIZE = 2_000
SWEDEN = 46
MAX_DEPTH = 10


def phone_digits(raw: str) -> str:
    """The national significant number's digits ("08-508 290 00" → "850829000"), so that a
    number typed with +46, 0046, a leading 0 or none finds the same term; "" if no digits."""
    return _phone_forms(raw.strip())[0]


@lru_cache(maxsize=8_192)
def _phone_forms(cleaned: str) -> tuple[str, str]:
    """The search digits and the display form of a number, from one parse (parsing is the
    slowest step of indexing a person)."""
    if not any(character.isdigit() for character in cleaned):
        return "", cleaned
    try:
        number = phonenumbers.parse(cleaned, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        digits = "".join(character for character in cleaned if character.isdigit())
        return digits.lstrip("0"), cleaned
    # As core.phone.display_phone shows numbers: national for Swedish ones.
    shown = phonenumbers.format_number(
        number,
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == SWEDEN
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL,
    )
    return str(number.national_number), shown


@dataclass(frozen=True, slots=True)
class OrganisationNames:
    """Every organisation's own words and its parent, read once per rebuild."""

    words: dict[int, list[str]]
    parent: dict[int, int | None]
    names: dict[int, str]

    @classmethod
    def load(cls) -> OrganisationNames:
        words: dict[int, list[str]] = {}
        parent: dict[int, int | None] = {}
        names: dict[int, str] = {}
        for org_id, name, short_name, parent_id in Organisation.objects.values_list(
            "id", "name", "short_name", "parent_id"
        ):
            words[org_id] = [*analyse(name), *analyse(short_name)]
            parent[org_id] = parent_id
            names[org_id] = name
        return cls(words=words, parent=parent, names=names)

    def chain(self, organisation_id: int | None) -> list[int]:
        """The organisation's id and those of the organisations above it, nearest first."""
        found: list[int] = []
        current = organisation_id
        while current is not None and current in self.names and len(found) < MAX_DEPTH:
            found.append(current)
            current = self.parent.get(current)
        return found

    def path(self, organisation_id: int | None) -> str:
        """The organisation and those above it, nearest first: "Kansliet, Trafikkontoret"."""
        found: list[str] = []
        current = organisation_id
        while current is not None and current in self.names and len(found) < MAX_DEPTH:
            found.append(self.names[current])
            current = self.parent.get(current)
        return ", ".join(found)

    def chain_words(self, organisation_id: int) -> list[str]:
        """The words of the organisation and every organisation above it."""
        found: list[str] = []
        seen: set[int] = set()
        current: int | None = organisation_id
        while current is not None and current not in seen:
            seen.add(current)
            found.extend(self.words.get(current, []))
            current = self.parent.get(current)
        return found


class _Terms:
    """The terms of one entry; a term seen twice keeps its higher weight."""

    def __init__(self) -> None:
        self.weights: dict[str, int] = {}

    def add(self, namespace: str, words: Iterable[str], weight: int) -> None:
        for word in words:
            if not word:
                continue
            term = f"{namespace}:{word[:MAX_WORD_LENGTH]}"
            if self.weights.get(term, 0) < weight:
                self.weights[term] = weight

    def add_name(self, text: str) -> None:
        words = tokens(text)
        self.add("n", (fold(word) for word in words), NAME_WEIGHT)
        self.add("s", (sound_key(word) for word in words if word.isalpha()), SOUND_WEIGHT)

    def add_phones(self, *numbers: str) -> None:
        self.add("t", (phone_digits(number) for number in numbers), PHONE_WEIGHT)


def person_terms(person: Person, names: OrganisationNames) -> dict[str, int]:
    terms = _Terms()
    terms.add_name(person.first_name)
    terms.add_name(person.last_name)
    terms.add("w", analyse(person.title), TITLE_WEIGHT)
    terms.add("w", names.chain_words(person.organisation_id), ORGANISATION_WEIGHT)
    terms.add_phones(person.phone, person.mobile)
    return terms.weights


def function_terms(function: Function, names: OrganisationNames) -> dict[str, int]:
    terms = _Terms()
    terms.add("n", (fold(word) for word in tokens(function.name)), NAME_WEIGHT)
    terms.add("w", analyse(function.name), TITLE_WEIGHT)
    terms.add("w", analyse(function.keywords), TITLE_WEIGHT)
    terms.add("w", names.chain_words(function.organisation_id), ORGANISATION_WEIGHT)
    terms.add_phones(function.phone)
    return terms.weights


def organisation_terms(organisation: Organisation, names: OrganisationNames) -> dict[str, int]:
    terms = _Terms()
    own = [*tokens(organisation.name), *tokens(organisation.short_name)]
    terms.add("n", (fold(word) for word in own), NAME_WEIGHT)
    terms.add("w", names.chain_words(organisation.pk), ORGANISATION_WEIGHT)
    terms.add_phones(organisation.phone, organisation.local_switchboard_phone)
    return terms.weights


def _phones(*labelled: tuple[str, str]) -> list[list[str]]:
    return [
        [label, _phone_forms(number.strip())[1] or number] for label, number in labelled if number
    ]


def person_card(person: Person, names: OrganisationNames) -> dict[str, Any]:
    return {
        "name": str(person),
        "title": person.title,
        "organisation_id": person.organisation_id,
        "organisation": names.names.get(person.organisation_id, ""),
        "organisation_path": names.path(person.organisation_id),
        "chain": names.chain(person.organisation_id),
        "phones": _phones((PHONE_LABEL, person.phone), (MOBILE_LABEL, person.mobile)),
        "email": person.email,
        "substitute_id": person.substitute_id,
    }


def function_card(function: Function, names: OrganisationNames) -> dict[str, Any]:
    return {
        "name": function.name,
        "organisation_id": function.organisation_id,
        "organisation": names.names.get(function.organisation_id, ""),
        "organisation_path": names.path(function.organisation_id),
        "chain": names.chain(function.organisation_id),
        "phones": _phones((PHONE_LABEL, function.phone)),
        "email": function.email,
        "keywords": function.keywords,
        "opening_hours": function.opening_hours,
    }


def organisation_card(organisation: Organisation, names: OrganisationNames) -> dict[str, Any]:
    return {
        "name": organisation.name,
        "kind": organisation.kind,
        "organisation_id": organisation.pk,
        "organisation": names.names.get(organisation.parent_id or 0, ""),
        "organisation_path": names.path(organisation.parent_id),
        "chain": names.chain(organisation.pk),
        "phones": _phones((PHONE_LABEL, organisation.phone)),
        "email": organisation.email,
    }


def _sort_key(text: str) -> str:
    return " ".join(fold(word) for word in tokens(text))[:200]


def _batches(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), BATCH_SIZE):
        yield ids[start : start + BATCH_SIZE]


Row = tuple[int, str, dict[str, int], dict[str, Any]]


def _replace(kind: EntryKind, rows: list[Row]) -> None:
    """Drop and write again the entries of these objects, with their terms."""
    object_ids = [row[0] for row in rows]
    target = {
        EntryKind.PERSON: "person_id",
        EntryKind.FUNCTION: "function_id",
        EntryKind.UNIT: "organisation_id",
    }[kind]
    DirectoryEntry.objects.filter(**{f"{target}__in": object_ids}).delete()
    entries = DirectoryEntry.objects.bulk_create(
        DirectoryEntry(kind=kind, sort_key=sort_key, card=card, **{target: object_id})
        for object_id, sort_key, _terms, card in rows
    )
    # Plain parameter rows instead of model instances: a rebuild writes some twenty terms per
    # person, and building a million model objects would cost more than the inserts.
    table = connection.ops.quote_name(DirectoryTerm._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (entry_id, term, sort_key, weight) "  # noqa: S608 - quoted name
            "VALUES (%s, %s, %s, %s)",
            [
                (entry.pk, term, entry.sort_key[:40], weight)
                for entry, (_id, _sort, terms, _card) in zip(entries, rows, strict=True)
                for term, weight in terms.items()
            ],
        )


@transaction.atomic
def reindex_people(person_ids: Iterable[int] | None = None) -> int:
    """Rebuild the entries of these people (all when None); returns how many."""
    names = OrganisationNames.load()
    people = Person.objects.order_by("pk")
    ids = list(
        people.values_list("pk", flat=True) if person_ids is None else sorted(set(person_ids))
    )
    # People deleted since: their entries went with them (CASCADE).
    for batch in _batches(ids):
        rows = [
            (
                person.pk,
                _sort_key(f"{person.last_name} {person.first_name}"),
                person_terms(person, names),
                person_card(person, names),
            )
            for person in people.filter(pk__in=batch)
        ]
        _replace(EntryKind.PERSON, rows)
    return len(ids)


@transaction.atomic
def reindex_functions(function_ids: Iterable[int] | None = None) -> int:
    names = OrganisationNames.load()
    functions = Function.objects.order_by("pk")
    ids = list(
        functions.values_list("pk", flat=True)
        if function_ids is None
        else sorted(set(function_ids))
    )
    for batch in _batches(ids):
        rows = [
            (
                function.pk,
                _sort_key(function.name),
                function_terms(function, names),
                function_card(function, names),
            )
            for function in functions.filter(pk__in=batch)
        ]
        _replace(EntryKind.FUNCTION, rows)
    return len(ids)


@transaction.atomic
def reindex_organisations(organisation_ids: Iterable[int] | None = None) -> int:
    """Rebuild organisations' own entries, and those of the people and functions below them,
    whose terms carry the organisations' names."""
    names = OrganisationNames.load()
    organisations = Organisation.objects.order_by("pk")
    if organisation_ids is None:
        ids = list(organisations.values_list("pk", flat=True))
    else:
        ids = sorted(_with_descendants(set(organisation_ids), names))
    for batch in _batches(ids):
        rows = [
            (
                organisation.pk,
                _sort_key(organisation.name),
                organisation_terms(organisation, names),
                organisation_card(organisation, names),
            )
            for organisation in organisations.filter(pk__in=batch, is_active=True)
        ]
        DirectoryEntry.objects.filter(organisation_id__in=batch).delete()
        _replace(EntryKind.UNIT, rows)
    if organisation_ids is not None:
        reindex_people(Person.objects.filter(organisation_id__in=ids).values_list("pk", flat=True))
        reindex_functions(
            Function.objects.filter(organisation_id__in=ids).values_list("pk", flat=True)
        )
    return len(ids)


def reindex_all() -> int:
    """Rebuild the whole index; returns the number of entries."""
    with transaction.atomic():
        DirectoryEntry.objects.all().delete()
        return reindex_organisations() + reindex_functions() + reindex_people()


def _with_descendants(roots: set[int], names: OrganisationNames) -> set[int]:
    found = set(roots)
    changed = True
    while changed:
        changed = False
        for org_id, parent_id in names.parent.items():
            if parent_id in found and org_id not in found:
                found.add(org_id)
                changed = True
    return found

"""Directory import: people from a CSV file or an LDAP/Active Directory LDIF export.

Each row is checked on its own; a row that cannot be used is rejected with a reason (an
error code and its words) and the rest go in. People are matched to those already in the
directory by their directory identifier (`employeeID`, `uid`, `sAMAccountName` or the CSV's
`id`), then by e-mail address, so importing the same export again updates instead of adding.
Rows are written in batches of `BATCH_SIZE`, each batch in its own transaction with the
search index of its people, so a file that fails half-way keeps what was already accepted.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kontaktcenter.core.email_addresses import check_email
from kontaktcenter.core.errors import ErrorCode, ServiceError, error_code
from kontaktcenter.core.phone import normalise_phone
from kontaktcenter.directory.indexing import reindex_people
from kontaktcenter.directory.models import Organisation, Person

BATCH_SIZE = 1_000

MISSING_NAME = error_code(
    "directory.import_missing_name", _("The row has no first name and last name.")
)
UNKNOWN_ORGANISATION = error_code(
    "directory.import_unknown_organisation",
    _("The organisation %(name)s is not in the directory."),
)
MISSING_ORGANISATION = error_code(
    "directory.import_missing_organisation", _("The row names no organisation or unit.")
)
DUPLICATE_ROW = error_code(
    "directory.import_duplicate", _("The same person appears earlier in the file.")
)
UNREADABLE_FILE = error_code(
    "directory.import_unreadable",
    _("The file cannot be read as %(format)s: %(reason)s"),
)
FIELD_TOO_LONG = error_code(
    "directory.import_field_too_long", _("%(field)s is longer than %(max)d characters.")
)

# Column names a CSV export may use, in Swedish or English, and the LDAP attributes of an
# LDIF export, for each field (compared without case).
CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    "external_id": ("id", "external_id", "anställningsnummer", "employeeid", "uid"),
    "first_name": ("first_name", "förnamn", "fornamn", "givenname"),
    "last_name": ("last_name", "efternamn", "sn", "surname"),
    "title": ("title", "titel", "befattning"),
    "organisation": ("organisation", "unit", "enhet", "förvaltning", "department", "ou"),
    "phone": ("phone", "telefon", "telephonenumber", "anknytning"),
    "mobile": ("mobile", "mobil", "mobiltelefon"),
    "email": ("email", "e-post", "epost", "mail"),
}
LDIF_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "external_id": ("employeeid", "employeenumber", "uid", "samaccountname"),
    "first_name": ("givenname",),
    "last_name": ("sn",),
    "title": ("title",),
    "organisation": ("department", "ou", "company"),
    "phone": ("telephonenumber",),
    "mobile": ("mobile",),
    "email": ("mail",),
}
PERSON_CLASSES = frozenset({"person", "organizationalperson", "inetorgperson", "user"})
FIELD_LIMITS = {"first_name": 80, "last_name": 80, "title": 120, "external_id": 120}


@dataclass(frozen=True, slots=True)
class SourceRow:
    where: str  # "line 12" or the entry's DN
    values: dict[str, str]


@dataclass(frozen=True, slots=True)
class Rejection:
    where: str
    code: str
    message: str


@dataclass
class ImportReport:
    read: int = 0
    created: int = 0
    updated: int = 0
    skipped: int = 0  # LDIF entries that are not people (units, groups)
    rejected: list[Rejection] = field(default_factory=list)


Progress = Callable[[int, int, int], None]  # rows read, bytes read, bytes in all


class _Counting(io.RawIOBase):
    """A binary file that counts what has been read, for the progress of large files."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.done = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.raw.read(len(buffer))
        buffer[: len(data)] = data
        self.done += len(data)
        return len(data)


def _pick(values: dict[str, list[str]], names: tuple[str, ...]) -> str:
    for name in names:
        found = values.get(name)
        if found:
            return found[0].strip()
    return ""


def read_csv(stream: IO[bytes]) -> Iterator[SourceRow]:
    """Rows of a CSV export (UTF-8, with or without BOM; comma or semicolon)."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    first = text.readline()
    delimiter = ";" if first.count(";") > first.count(",") else ","
    header = next(csv.reader([first], delimiter=delimiter))
    columns = {name.strip().casefold(): index for index, name in enumerate(header)}
    positions = {
        key: next((columns[name] for name in names if name in columns), None)
        for key, names in CSV_COLUMNS.items()
    }
    for line_number, cells in enumerate(csv.reader(text, delimiter=delimiter), start=2):
        if not any(cell.strip() for cell in cells):
            continue
        yield SourceRow(
            where=str(_("line %(number)d") % {"number": line_number}),
            values={
                key: cells[position].strip()
                if position is not None and position < len(cells)
                else ""
                for key, position in positions.items()
            },
        )


def read_ldif(stream: IO[bytes], report: ImportReport) -> Iterator[SourceRow]:
    """The person entries of an LDIF export (RFC 2849); other entries are counted as skipped.

    The organisation is the entry's department, or failing that the first `ou=` of its DN.
    """
    from ldif import LDIFParser  # noqa: PLC0415 - only imports of LDIF files need it

    parser = LDIFParser(stream, strict=False)
    for dn, record in parser.parse():
        if dn is None:  # the "version: 1" line
            continue
        values = {name.casefold(): list(found) for name, found in record.items()}
        classes = {value.casefold() for value in values.get("objectclass", [])}
        if classes and not classes & PERSON_CLASSES:
            report.skipped += 1
            continue
        row = {key: _pick(values, names) for key, names in LDIF_ATTRIBUTES.items()}
        if not row["organisation"]:
            row["organisation"] = next(
                (
                    part.split("=", 1)[1].strip()
                    for part in dn.split(",")
                    if part.strip().casefold().startswith("ou=")
                ),
                "",
            )
        if not (row["first_name"] or row["last_name"]):
            common = _pick(values, ("cn", "displayname"))
            first, _space, last = common.rpartition(" ")
            row["first_name"], row["last_name"] = first, last
        yield SourceRow(where=dn, values=row)


class _Rejected(Exception):  # noqa: N818 - a row's refusal, turned into a Rejection
    def __init__(self, code: ErrorCode, **params: object) -> None:
        super().__init__(code.code)
        self.error = code
        self.params = params


class _Organisations:
    """Organisations by name, short name and code, read once."""

    def __init__(self) -> None:
        self.by_key: dict[str, Organisation] = {}
        # Top-level organisations last, so that their names win over a unit's of the same.
        everyone = sorted(
            Organisation.objects.all(), key=lambda org: (org.parent_id is None, org.pk)
        )
        for organisation in everyone:
            for key in (organisation.code, organisation.short_name, organisation.name):
                if key:
                    self.by_key[key.casefold()] = organisation

    def find(self, name: str) -> Organisation:
        if not name:
            raise _Rejected(MISSING_ORGANISATION)
        found = self.by_key.get(name.strip().casefold())
        if found is None:
            raise _Rejected(UNKNOWN_ORGANISATION, name=name)
        return found


def _person_from(row: SourceRow, organisations: _Organisations) -> Person:
    values = row.values
    if not values["first_name"] or not values["last_name"]:
        raise _Rejected(MISSING_NAME)
    for name, limit in FIELD_LIMITS.items():
        if len(values[name]) > limit:
            label = getattr(Person._meta.get_field(name), "verbose_name", name)
            raise _Rejected(FIELD_TOO_LONG, field=str(label).capitalize(), max=limit)
    organisation = organisations.find(values["organisation"])
    email = values["email"]
    if email:
        check_email(email, field="email")
    return Person(
        external_id=values["external_id"],
        first_name=values["first_name"],
        last_name=values["last_name"],
        title=values["title"],
        organisation=organisation,
        phone=normalise_phone(values["phone"], field="phone"),
        mobile=normalise_phone(values["mobile"], field="mobile"),
        email=email,
    )


@transaction.atomic
def _write_batch(people: list[Person], report: ImportReport) -> None:
    external_ids = [person.external_id for person in people if person.external_id]
    emails = [person.email for person in people if person.email and not person.external_id]
    existing = Person.objects.filter(Q(external_id__in=external_ids) | Q(email__in=emails))
    by_external = {person.external_id: person for person in existing if person.external_id}
    by_email = {person.email.casefold(): person for person in existing if person.email}
    fields = ["first_name", "last_name", "title", "organisation", "phone", "mobile", "email"]
    to_update: list[Person] = []
    to_create: list[Person] = []
    for person in people:
        match = by_external.get(person.external_id) if person.external_id else None
        if match is None and person.email and not person.external_id:
            match = by_email.get(person.email.casefold())
        if match is None:
            to_create.append(person)
            continue
        for name in fields:
            setattr(match, name, getattr(person, name))
        to_update.append(match)
    Person.objects.bulk_update(to_update, [*fields], batch_size=500)
    created = Person.objects.bulk_create(to_create, batch_size=500)
    reindex_people([person.pk for person in [*to_update, *created]])
    report.created += len(created)
    report.updated += len(to_update)


def import_people(
    path: Path, *, file_format: str, progress: Progress | None = None
) -> ImportReport:
    """Import the people of a CSV or LDIF file; see the module's description."""
    report = ImportReport()
    total = path.stat().st_size
    organisations = _Organisations()
    seen: set[str] = set()
    batch: list[Person] = []
    with path.open("rb") as raw:
        counting = _Counting(raw)
        stream = io.BufferedReader(counting)
        rows = read_csv(stream) if file_format == "csv" else read_ldif(stream, report)
        try:
            for row in rows:
                report.read += 1
                try:
                    person = _person_from(row, organisations)
                    key = person.external_id or person.email.casefold()
                    if key and key in seen:
                        raise _Rejected(DUPLICATE_ROW)
                    if key:
                        seen.add(key)
                except _Rejected as refused:
                    report.rejected.append(
                        Rejection(
                            row.where,
                            refused.error.code,
                            str(refused.error.text) % refused.params
                            if refused.params
                            else str(refused.error.text),
                        )
                    )
                    continue
                except ServiceError as error:
                    report.rejected.append(Rejection(row.where, error.code, error.message))
                    continue
                batch.append(person)
                if len(batch) >= BATCH_SIZE:
                    _write_batch(batch, report)
                    batch = []
                    if progress is not None:
                        progress(report.read, counting.done, total)
        except (UnicodeDecodeError, ValueError, csv.Error) as broken:
            report.rejected.append(
                Rejection(
                    str(_("line %(number)d") % {"number": report.read + 1}),
                    UNREADABLE_FILE.code,
                    str(UNREADABLE_FILE.text) % {"format": file_format.upper(), "reason": broken},
                )
            )
        if batch:
            _write_batch(batch, report)
        if progress is not None:
            progress(report.read, counting.done, total)
    return report

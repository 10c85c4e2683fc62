"""Directory data for the switchboard tests: people, functions and absences, indexed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from kontaktcenter.core import clock
from kontaktcenter.directory.indexing import reindex_all
from kontaktcenter.directory.models import Absence, AbsenceReason, Function, Organisation, Person


def person(organisation: Organisation, first_name: str, last_name: str, **fields: Any) -> Person:
    return Person.objects.create(
        organisation=organisation, first_name=first_name, last_name=last_name, **fields
    )


def function(organisation: Organisation, name: str, **fields: Any) -> Function:
    return Function.objects.create(organisation=organisation, name=name, **fields)


def absence(
    who: Person,
    reason: AbsenceReason,
    *,
    starts_at: datetime,
    ends_at: datetime | None = None,
    substitute: Person | None = None,
    note: str = "",
) -> Absence:
    return Absence.objects.create(
        person=who,
        reason=reason,
        starts_at=starts_at,
        ends_at=ends_at,
        substitute=substitute,
        note=note,
        registered_at=clock.now(),
    )


def index() -> None:
    reindex_all()

"""Reads of the directory."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, time

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from kontaktcenter.core.errors import NotFound, error_code
from kontaktcenter.directory.models import OpeningHours, Organisation, OrganisationKind, Person

NO_OPERATOR = error_code(
    "directory.no_operator",
    _("No organisation is marked as the contact-center operator."),
)


def operator_organisation() -> Organisation:
    try:
        return Organisation.objects.get(is_operator=True)
    except Organisation.DoesNotExist:
        raise NotFound(NO_OPERATOR) from None


ORGANISATION_NOT_FOUND = error_code("directory.organisation_not_found", _("No such organisation."))


def organisation_get(organisation_id: int) -> Organisation:
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise NotFound(ORGANISATION_NOT_FOUND)
    return organisation


def organisation_by_name(name_or_code: str) -> Organisation | None:
    """An organisation by its name, short name or code, as an operator types it."""
    cleaned = name_or_code.strip()
    return (
        Organisation.objects.filter(
            Q(name__iexact=cleaned) | Q(code__iexact=cleaned) | Q(short_name__iexact=cleaned)
        )
        .order_by("parent_id", "id")
        .first()
    )


def organisation_with_descendants(organisation_id: int) -> frozenset[int]:
    """The organisation and every organisation below it (units under an administration)."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for org_id, parent_id in Organisation.objects.values_list("id", "parent_id"):
        children[parent_id].append(org_id)
    found = {organisation_id}
    pending = [organisation_id]
    while pending:
        for child in children[pending.pop()]:
            if child not in found:
                found.add(child)
                pending.append(child)
    return frozenset(found)


def districts() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=OrganisationKind.DISTRICT, is_active=True)


def organisations_receiving_cases() -> QuerySet[Organisation]:
    return Organisation.objects.filter(is_active=True).exclude(kind=OrganisationKind.COMMITTEE)


def people_search(query: str, *, limit: int = 50) -> QuerySet[Person]:
    """People whose name, title or organisation matches every word of the query."""
    people = Person.objects.select_related("organisation")
    for word in query.split():
        people = people.filter(
            Q(first_name__istartswith=word)
            | Q(last_name__istartswith=word)
            | Q(title__icontains=word)
            | Q(organisation__name__icontains=word)
        )
    return people.order_by("last_name", "first_name")[:limit]


def opening_hours_of(organisation_ids: Iterable[int]) -> dict[int, dict[int, tuple[time, time]]]:
    """Each organisation's weekly hours (weekday → opens, closes) in one query; organisations
    that set none are missing, and their cases count office hours."""
    hours: dict[int, dict[int, tuple[time, time]]] = defaultdict(dict)
    rows = OpeningHours.objects.filter(organisation_id__in=list(organisation_ids)).values_list(
        "organisation_id", "weekday", "opens", "closes"
    )
    for organisation_id, weekday, opens, closes in rows:
        hours[organisation_id][weekday] = (opens, closes)
    return dict(hours)


def switchboard_members() -> list[Organisation]:
    """The top-level organisations that answer calls (not committees), those on the common
    switchboard first by the day they joined, then those not yet joined by name (S11)."""
    organisations = list(
        Organisation.objects.filter(parent__isnull=True, is_active=True).exclude(
            kind=OrganisationKind.COMMITTEE
        )
    )
    return sorted(
        organisations,
        key=lambda org: (
            org.joined_common_switchboard_on is None,
            org.joined_common_switchboard_on or date.max,
            org.name,
        ),
    )


# The switchboard's search over people, functions and units (directory/search.py).
from kontaktcenter.directory.search import DirectoryHit, directory_search  # noqa: E402

__all__ = [
    "DirectoryHit",
    "directory_search",
    "districts",
    "opening_hours_of",
    "operator_organisation",
    "organisation_by_name",
    "organisation_get",
    "organisation_with_descendants",
    "organisations_receiving_cases",
    "people_search",
    "switchboard_members",
]

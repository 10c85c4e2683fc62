"""Create Stockholm's organisations, sites, functions and (generated) people."""

from __future__ import annotations

from dataclasses import dataclass

from kontaktcenter.demo.data.directory import FUNCTIONS, SITES
from kontaktcenter.demo.data.organisations import ALL_ORGANISATIONS
from kontaktcenter.demo.data.people import (
    GENERAL_TITLES,
    STAFF_EMAIL_DOMAIN,
    TITLES_BY_KIND,
    TITLES_BY_ORGANISATION,
)
from kontaktcenter.demo.names import NameGenerator
from kontaktcenter.directory.models import (
    Function,
    Organisation,
    OrganisationKind,
    Person,
    Site,
)


@dataclass(frozen=True)
class Directory:
    organisations: dict[str, Organisation]
    sites: dict[str, Site]
    # Which site answers for each organisation it serves directly.
    site_by_organisation_id: dict[int, Site]

    def site_serving(self, organisation: Organisation) -> Site:
        """The site that answers for the organisation, looking up through its parents."""
        by_id = {org.pk: org for org in self.organisations.values()}
        current: Organisation | None = organisation
        while current is not None:
            if current.pk in self.site_by_organisation_id:
                return self.site_by_organisation_id[current.pk]
            current = by_id.get(current.parent_id) if current.parent_id else None
        return next(iter(self.sites.values()))


def create_organisations() -> dict[str, Organisation]:
    """Parents come before their children in the data, so one pass is enough."""
    created: dict[str, Organisation] = {}
    for spec in ALL_ORGANISATIONS:
        created[spec.code] = Organisation.objects.create(
            code=spec.code,
            name=spec.name,
            short_name=spec.short_name,
            kind=spec.kind,
            parent=created[spec.parent] if spec.parent else None,
            is_operator=spec.is_operator,
            email=spec.email,
            phone=spec.phone,
            joined_common_switchboard_on=spec.joined,
        )
    return created


def create_sites(
    organisations: dict[str, Organisation], operator: Organisation
) -> tuple[dict[str, Site], dict[int, Site]]:
    sites: dict[str, Site] = {}
    site_by_organisation_id: dict[int, Site] = {}
    served_elsewhere: set[str] = set()
    for spec in SITES:
        if spec.serves is not None:
            served_elsewhere.update(spec.serves)
    for spec in SITES:
        site = Site.objects.create(name=spec.name, address=spec.address, operator=operator)
        codes = spec.serves
        if codes is None:
            # The general site takes every organisation that receives questions and that no
            # specialised site serves; committees are reached through their administrations.
            codes = tuple(
                code
                for code, org in organisations.items()
                if code not in served_elsewhere and org.kind != OrganisationKind.COMMITTEE
            )
        served = [organisations[code] for code in codes]
        site.served_organisations.set(served)
        sites[spec.key] = site
        site_by_organisation_id.update((org.pk, site) for org in served)
    return sites, site_by_organisation_id


def create_functions(organisations: dict[str, Organisation]) -> int:
    Function.objects.bulk_create(
        Function(
            organisation=organisations[spec.organisation],
            name=spec.name,
            phone=spec.phone,
            email=spec.email,
            opening_hours=spec.opening_hours,
        )
        for spec in FUNCTIONS
    )
    return len(FUNCTIONS)


def _title(names: NameGenerator, organisation: Organisation) -> str:
    own = TITLES_BY_ORGANISATION.get(organisation.code) or TITLES_BY_KIND.get(organisation.kind)
    if own and names.rng.random() < 0.7:
        return names.rng.choice(own)
    return names.rng.choice(GENERAL_TITLES)


def create_people(organisations: dict[str, Organisation], names: NameGenerator) -> int:
    """Three to six generated employees per organisation; committees are political bodies
    reached through their administrations, so they get none."""
    people: list[Person] = []
    for organisation in organisations.values():
        if organisation.kind == OrganisationKind.COMMITTEE:
            continue
        for _ in range(names.rng.randint(3, 6)):
            first_name, last_name = names.name()
            people.append(
                Person(
                    first_name=first_name,
                    last_name=last_name,
                    title=_title(names, organisation),
                    organisation=organisation,
                    phone=names.staff_phone(),
                    mobile=names.staff_mobile() if names.rng.random() < 0.6 else "",
                    email=names.email(first_name, last_name, STAFF_EMAIL_DOMAIN),
                )
            )
    Person.objects.bulk_create(people)
    return len(people)


def create_directory(names: NameGenerator) -> Directory:
    organisations = create_organisations()
    operator = next(org for org in organisations.values() if org.is_operator)
    sites, site_by_organisation_id = create_sites(organisations, operator)
    create_functions(organisations)
    create_people(organisations, names)
    return Directory(
        organisations=organisations, sites=sites, site_by_organisation_id=site_by_organisation_id
    )

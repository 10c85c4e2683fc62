"""Factories for the "given" state: the directory, categories and users.

Cases and contacts are never made here: tests create them through the real services so that
their events and routing are the ones production writes.
"""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from kontaktcenter.accounts.models import Role, User
from kontaktcenter.directory.models import Organisation, OrganisationKind, Person, Site
from kontaktcenter.routing.models import Category, Handling


class OrganisationFactory(DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Förvaltning {n}")
    code = factory.Sequence(lambda n: f"forvaltning-{n}")
    kind = OrganisationKind.ADMINISTRATION


class OperatorFactory(OrganisationFactory):
    """The one organisation that runs the contact center; asking twice gives the same one."""

    class Meta:
        model = Organisation
        django_get_or_create = ("code",)

    name = "Serviceförvaltningen"
    short_name = "SF"
    code = "serviceforvaltningen"
    is_operator = True


class DistrictFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Stadsdelsförvaltning {n}")
    code = factory.Sequence(lambda n: f"sdf-{n}")
    kind = OrganisationKind.DISTRICT


class UnitFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Enhet {n}")
    code = factory.Sequence(lambda n: f"enhet-{n}")
    kind = OrganisationKind.UNIT
    parent = factory.SubFactory(OrganisationFactory)


class SiteFactory(DjangoModelFactory[Site]):
    class Meta:
        model = Site

    name = factory.Sequence(lambda n: f"Kontaktcenter plats {n}")
    operator = factory.SubFactory(OperatorFactory)


class PersonFactory(DjangoModelFactory[Person]):
    class Meta:
        model = Person

    first_name = factory.Sequence(lambda n: f"Förnamn{n}")
    last_name = factory.Sequence(lambda n: f"Efternamn{n}")
    organisation = factory.SubFactory(OrganisationFactory)


class CategoryFactory(DjangoModelFactory[Category]):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Kategori {n}")
    code = factory.Sequence(lambda n: f"kategori-{n}")
    responsible_organisation = factory.SubFactory(OrganisationFactory)
    handling = Handling.ORGANISATION

    class Params:
        confidential = factory.Trait(is_confidential=True, handling=Handling.RESIDENT_DISTRICT)
        referral = factory.Trait(handling=Handling.REFERRAL)
        tier2 = factory.Trait(handling=Handling.CONTACT_CENTER)


class UserFactory(DjangoModelFactory[User]):
    """A user with a role. Contact-center roles belong to the operator unless told otherwise."""

    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Användare{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.se")
    # Nobody logs in through these tests; an unusable password skips the slow hashing.
    password = "!unusable"  # noqa: S105
    role = Role.CASE_OFFICER
    organisation = factory.SubFactory(OrganisationFactory)

    class Params:
        tier1 = factory.Trait(
            role=Role.TIER1_AGENT,
            organisation=factory.SubFactory(OperatorFactory),
            site=factory.SubFactory(SiteFactory),
        )
        tier2 = factory.Trait(
            role=Role.TIER2_AGENT,
            organisation=factory.SubFactory(OperatorFactory),
            site=factory.SubFactory(SiteFactory),
        )
        switchboard = factory.Trait(
            role=Role.SWITCHBOARD_OPERATOR, organisation=factory.SubFactory(OperatorFactory)
        )
        supervisor = factory.Trait(
            role=Role.SUPERVISOR, organisation=factory.SubFactory(OperatorFactory)
        )
        case_officer = factory.Trait(role=Role.CASE_OFFICER)
        organisation_admin = factory.Trait(role=Role.ORGANISATION_ADMIN)
        analyst = factory.Trait(role=Role.ANALYST, organisation=factory.SubFactory(OperatorFactory))
        system_admin = factory.Trait(
            role=Role.SYSTEM_ADMIN, organisation=factory.SubFactory(OperatorFactory)
        )

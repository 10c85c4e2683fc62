"""Factories for the "given" state: the directory, categories and users.

Call `XFactory.create(...)`, which mypy knows returns the model instance. Cases and contacts are
never made here: tests create them through the real services so that
their events and routing are the ones production writes.
"""

# factory_boy's declarations (Sequence, SubFactory, Trait) have untyped constructors.
# mypy: disable-error-code="no-untyped-call"

from __future__ import annotations

from factory.declarations import LazyAttribute, Sequence, SubFactory, Trait
from factory.django import DjangoModelFactory

from kontaktcenter.accounts.models import Role, User
from kontaktcenter.directory.models import Organisation, OrganisationKind, Person, Site
from kontaktcenter.routing.models import Category, Handling


class OrganisationFactory(DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    name = Sequence(lambda n: f"Förvaltning {n}")
    code = Sequence(lambda n: f"forvaltning-{n}")
    kind = OrganisationKind.ADMINISTRATION


class OperatorFactory(DjangoModelFactory[Organisation]):
    """The one organisation that runs the contact center; asking twice gives the same one."""

    class Meta:
        model = Organisation
        django_get_or_create = ("code",)

    name = "Serviceförvaltningen"
    short_name = "SF"
    code = "serviceforvaltningen"
    kind = OrganisationKind.ADMINISTRATION
    is_operator = True


class DistrictFactory(DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    name = Sequence(lambda n: f"Stadsdelsförvaltning {n}")
    code = Sequence(lambda n: f"sdf-{n}")
    kind = OrganisationKind.DISTRICT


class UnitFactory(DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    name = Sequence(lambda n: f"Enhet {n}")
    code = Sequence(lambda n: f"enhet-{n}")
    kind = OrganisationKind.UNIT
    parent = SubFactory(OrganisationFactory)


class SiteFactory(DjangoModelFactory[Site]):
    class Meta:
        model = Site

    name = Sequence(lambda n: f"Kontaktcenter plats {n}")
    operator = SubFactory(OperatorFactory)


class PersonFactory(DjangoModelFactory[Person]):
    class Meta:
        model = Person

    first_name = Sequence(lambda n: f"Förnamn{n}")
    last_name = Sequence(lambda n: f"Efternamn{n}")
    organisation = SubFactory(OrganisationFactory)


class CategoryFactory(DjangoModelFactory[Category]):
    class Meta:
        model = Category

    name = Sequence(lambda n: f"Kategori {n}")
    code = Sequence(lambda n: f"kategori-{n}")
    responsible_organisation = SubFactory(OrganisationFactory)
    handling = Handling.ORGANISATION

    class Params:
        confidential = Trait(is_confidential=True, handling=Handling.RESIDENT_DISTRICT)
        referral = Trait(handling=Handling.REFERRAL)
        tier2 = Trait(handling=Handling.CONTACT_CENTER)


class UserFactory(DjangoModelFactory[User]):
    """A user with a role. Contact-center roles belong to the operator unless told otherwise."""

    class Meta:
        model = User

    username = Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = Sequence(lambda n: f"Användare{n}")
    email = LazyAttribute(lambda user: f"{user.username}@example.se")
    # Nobody logs in through these tests; an unusable password skips the slow hashing.
    password = "!unusable"
    role = Role.CASE_OFFICER
    organisation = SubFactory(OrganisationFactory)

    class Params:
        tier1 = Trait(
            role=Role.TIER1_AGENT,
            organisation=SubFactory(OperatorFactory),
            site=SubFactory(SiteFactory),
        )
        tier2 = Trait(
            role=Role.TIER2_AGENT,
            organisation=SubFactory(OperatorFactory),
            site=SubFactory(SiteFactory),
        )
        switchboard = Trait(
            role=Role.SWITCHBOARD_OPERATOR, organisation=SubFactory(OperatorFactory)
        )
        supervisor = Trait(role=Role.SUPERVISOR, organisation=SubFactory(OperatorFactory))
        case_officer = Trait(role=Role.CASE_OFFICER)
        organisation_admin = Trait(role=Role.ORGANISATION_ADMIN)
        analyst = Trait(role=Role.ANALYST, organisation=SubFactory(OperatorFactory))
        system_admin = Trait(role=Role.SYSTEM_ADMIN, organisation=SubFactory(OperatorFactory))
        auditor = Trait(role=Role.AUDITOR)

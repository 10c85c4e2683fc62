"""Secrecy (S10): the contact center keeps only what routing needs of a confidential case, and
only the responsible district's case officers read it."""

from __future__ import annotations

import pytest

from kontaktcenter.accounts.models import User
from kontaktcenter.cases import selectors, services
from kontaktcenter.cases.models import Case, Channel, Contact
from kontaktcenter.core.errors import NotFound
from kontaktcenter.directory.models import Organisation
from kontaktcenter.routing.models import Category
from tests.conftest import MakeCase

pytestmark = pytest.mark.django_db


def test_the_contact_of_a_confidential_case_keeps_only_channel_category_and_case(
    make_case: MakeCase, tier1_agent: User, financial_support: Category, jarva: Organisation
) -> None:
    contact = services.contact_start(
        actor=tier1_agent, channel=Channel.PHONE, question="Jag behöver hjälp med hyran"
    )

    case = make_case(
        category=financial_support, subject="Ekonomiskt bistånd", district=jarva, contact=contact
    )

    contact.refresh_from_db()
    assert (contact.question, contact.answer, contact.party) == ("", "", None)
    assert (contact.category, contact.case) == (financial_support, case)
    assert case.party is not None
    assert case.description == "Jag behöver hjälp med hyran"


def test_a_case_moved_into_a_confidential_category_leaves_nothing_behind_in_its_contacts(
    make_case: MakeCase,
    tier1_agent: User,
    traffic_officer: User,
    financial_support: Category,
    jarva: Organisation,
) -> None:
    contact = services.contact_start(
        actor=tier1_agent, channel=Channel.PHONE, question="Gatlampan, och pengar till hyran"
    )
    case = make_case(contact=contact)

    services.case_recategorise(
        actor=traffic_officer, case=case, category=financial_support, district=jarva
    )

    contact = Contact.objects.get(pk=contact.pk)
    assert (contact.question, contact.party) == ("", None)


def test_the_districts_administrator_does_not_read_its_confidential_cases(
    district_admin: User, district_officer: User, confidential_case: Case
) -> None:
    with pytest.raises(NotFound):
        selectors.case_get(actor=district_admin, reference=confidential_case.reference)
    assert selectors.case_get(actor=district_officer, reference=confidential_case.reference)


def test_the_districts_administrator_reads_its_ordinary_cases(
    district_admin: User, make_case: MakeCase, jarva: Organisation
) -> None:
    playground = Category.objects.create(
        name="Parklek", code="parklek", responsible_organisation=jarva
    )
    case = make_case(category=playground, subject="Parkleken är stängd")

    assert selectors.case_get(actor=district_admin, reference=case.reference) == case


def test_the_auditor_reads_no_case_at_all(
    auditor: User, confidential_case: Case, street_light_case: Case
) -> None:
    assert not selectors.visible_cases(auditor).exists()

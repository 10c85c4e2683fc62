"""Who may change the category tree (S6, S12), told with the named cast."""

from __future__ import annotations

import pytest

from kontaktcenter.accounts.actors import Actor, ResidentActor, SystemActor
from kontaktcenter.routing.policies import may_manage_categories, may_manage_categories_of
from tests.factories import UserFactory


def _actor(request: pytest.FixtureRequest, who: str) -> Actor:
    if who == "resident":
        return ResidentActor(case_id=None)
    if who == "system":
        return SystemActor("import")
    actor: Actor = request.getfixturevalue(who)
    return actor


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("traffic_admin", True),
        ("sysadmin", True),
        ("system", True),
        ("traffic_officer", False),
        ("tier2_agent", False),
        ("supervisor", False),
        ("analyst", False),
        ("integration", False),
        ("resident", False),
    ],
)
def test_only_administrators_manage_categories(request, who, allowed):
    assert may_manage_categories(_actor(request, who)) is allowed


@pytest.mark.parametrize(
    ("organisation", "allowed"), [("traffic_office", True), ("jarva", False), ("operator", False)]
)
def test_an_organisation_administrator_manages_only_their_organisations_categories(
    request, traffic_admin, organisation, allowed
):
    owner = request.getfixturevalue(organisation)

    assert may_manage_categories_of(traffic_admin, owner.pk) is allowed


def test_an_administration_administrator_manages_the_categories_of_its_units(
    sports_administration, booking_unit
):
    sports_admin = UserFactory.create(organisation_admin=True, organisation=sports_administration)

    assert may_manage_categories_of(sports_admin, booking_unit.pk)


@pytest.mark.parametrize("who", ["sysadmin", "system"])
def test_system_administrators_and_the_system_manage_every_organisations_categories(
    request, who, jarva, traffic_office
):
    actor = _actor(request, who)

    assert may_manage_categories_of(actor, jarva.pk)
    assert may_manage_categories_of(actor, traffic_office.pk)


def test_a_case_officer_manages_not_even_their_own_organisations_categories(
    traffic_officer, traffic_office
):
    assert not may_manage_categories_of(traffic_officer, traffic_office.pk)

"""Unit names repeat across the city; under one parent a name is still unique."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from tests.factories import OrganisationFactory, UnitFactory

pytestmark = pytest.mark.django_db


def test_two_administrations_may_each_have_a_unit_with_the_same_name() -> None:
    traffic = OrganisationFactory.create(name="Trafikkontoret")
    culture = OrganisationFactory.create(name="Kulturförvaltningen")

    UnitFactory.create(name="Kansliet", parent=traffic)
    UnitFactory.create(name="Kansliet", parent=culture)


def test_one_administration_cannot_have_two_units_with_the_same_name() -> None:
    traffic = OrganisationFactory.create(name="Trafikkontoret")
    UnitFactory.create(name="Kansliet", parent=traffic)

    with pytest.raises(IntegrityError), transaction.atomic():
        UnitFactory.create(name="Kansliet", parent=traffic)


def test_two_top_level_organisations_cannot_share_a_name() -> None:
    OrganisationFactory.create(name="Trafikkontoret")

    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory.create(name="Trafikkontoret")

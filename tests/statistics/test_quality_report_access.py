"""Who may see the quality report: analysts, supervisors and system administrators for every
organisation; organisation administrators and case officers for their own organisation and its
units; nobody else."""

from __future__ import annotations

from datetime import date

import pytest

from kontaktcenter.accounts.models import User
from kontaktcenter.core.errors import PermissionDenied
from kontaktcenter.directory.models import Organisation
from kontaktcenter.statistics.quality import quality_cases, quality_organisations, quality_report

pytestmark = pytest.mark.django_db

PERIOD = {"first_day": date(2026, 2, 9), "last_day": date(2026, 3, 10)}


@pytest.mark.parametrize("person", ["analyst", "supervisor", "sysadmin"])
def test_these_roles_see_any_organisations_report(
    request: pytest.FixtureRequest, person: str, sports_administration: Organisation
) -> None:
    actor = request.getfixturevalue(person)
    report = quality_report(actor=actor, organisation_id=sports_administration.pk, **PERIOD)
    assert report.organisation == "Idrottsförvaltningen"
    assert sports_administration in quality_organisations(actor)


@pytest.mark.parametrize("person", ["traffic_admin", "traffic_officer"])
def test_the_organisations_own_staff_see_its_report_and_its_units(
    request: pytest.FixtureRequest,
    person: str,
    analyst: User,
    traffic_office: Organisation,
    parking_unit: Organisation,
    sports_administration: Organisation,
) -> None:
    actor = request.getfixturevalue(person)
    assert quality_report(actor=actor, organisation_id=parking_unit.pk, **PERIOD).total == 0
    assert set(quality_organisations(actor)) == {traffic_office, parking_unit}
    with pytest.raises(PermissionDenied) as refused:
        quality_report(actor=actor, organisation_id=sports_administration.pk, **PERIOD)
    assert (refused.value.code, refused.value.field) == (
        "statistics.organisation_not_allowed",
        "organisation",
    )
    # Nor read the rows of a report someone else made.
    analysts_report = quality_report(
        actor=analyst, organisation_id=sports_administration.pk, **PERIOD
    )
    with pytest.raises(PermissionDenied):
        quality_cases(actor=actor, report=analysts_report)


@pytest.mark.parametrize("person", ["tier1_agent", "tier2_agent", "switchboard_operator"])
def test_contact_center_agents_see_no_report(
    request: pytest.FixtureRequest, person: str, traffic_office: Organisation
) -> None:
    actor = request.getfixturevalue(person)
    assert not quality_organisations(actor).exists()
    with pytest.raises(PermissionDenied) as refused:
        quality_report(actor=actor, organisation_id=traffic_office.pk, **PERIOD)
    assert refused.value.code == "statistics.not_allowed"

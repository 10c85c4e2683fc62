"""The register of incoming records (diarium; issue 16): what was received and registered when,
secrecy masked, for the registrar; printable."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from kontaktcenter.accounts.models import User
from kontaktcenter.cases import selectors
from kontaktcenter.cases.models import Case, CaseAccess
from kontaktcenter.core.errors import PermissionDenied, ValidationError

MARCH = {"first_day": "2026-03-01", "last_day": "2026-03-31"}


def test_the_registrar_sees_the_districts_cases_with_the_confidential_subject_masked(
    client: Client, auditor: User, confidential_case: Case, street_light_case: Case
) -> None:
    client.force_login(auditor)

    response = client.get(reverse("desk:register"), MARCH)

    page = response.content.decode()
    assert response.status_code == 200
    assert confidential_case.reference in page
    assert "Fråga om ekonomiskt bistånd" not in page
    assert "Covered by secrecy (OSL)" in page
    # Trafikkontoret's case is not Järva's to answer for.
    assert street_light_case.reference not in page
    assert "window.print()" in page
    assert not CaseAccess.objects.exists()


def test_a_system_administrator_sees_every_organisations_cases(
    sysadmin: User, confidential_case: Case, street_light_case: Case
) -> None:
    entries, more = selectors.register_entries(
        actor=sysadmin, first_day=date(2026, 3, 1), last_day=date(2026, 3, 31)
    )

    by_reference = {entry.reference: entry for entry in entries}
    assert not more
    assert by_reference[street_light_case.reference].subject == "Trasig gatlampa på Rinkebysvängen"
    assert by_reference[confidential_case.reference].secret
    assert by_reference[confidential_case.reference].subject == ""


def test_the_period_limits_the_register(auditor: User, confidential_case: Case) -> None:
    entries, _more = selectors.register_entries(
        actor=auditor, first_day=date(2026, 4, 1), last_day=date(2026, 4, 30)
    )

    assert entries == []
    with pytest.raises(ValidationError) as reversed_period:
        selectors.register_entries(
            actor=auditor, first_day=date(2026, 4, 1), last_day=date(2026, 3, 1)
        )
    assert reversed_period.value.code == "register.period"


def test_only_the_registrar_and_administrators_read_it(
    client: Client, tier1_agent: User, district_officer: User
) -> None:
    with pytest.raises(PermissionDenied):
        selectors.register_entries(
            actor=district_officer, first_day=date(2026, 3, 1), last_day=date(2026, 3, 31)
        )
    client.force_login(tier1_agent)

    assert client.get(reverse("desk:register"), MARCH).status_code == 403

"""System administrators keep the directory and the accounts in Django's admin."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kontaktcenter.accounts.models import User
from kontaktcenter.directory.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_sysadmin(sysadmin: User) -> User:
    sysadmin.is_staff = True
    sysadmin.is_superuser = True
    sysadmin.save()
    return sysadmin


def test_a_system_administrator_finds_an_organisation_in_the_admin(
    client: Client, staff_sysadmin: User, traffic_office: Organisation
) -> None:
    client.force_login(staff_sysadmin)
    response = client.get(reverse("admin:directory_organisation_changelist"), {"q": "trafik"})
    assert response.status_code == 200
    assert "Trafikkontoret" in response.content.decode()


def test_the_menu_offers_the_admin_only_to_staff(
    client: Client, staff_sysadmin: User, tier1_agent: User
) -> None:
    client.force_login(staff_sysadmin)
    assert "Administration" in client.get(reverse("desk:directory")).content.decode()
    client.force_login(tier1_agent)
    assert "Administration" not in client.get(reverse("desk:contact_desk")).content.decode()


def test_cases_are_not_editable_in_the_admin(client: Client, staff_sysadmin: User) -> None:
    """Case changes must go through the services that write the history."""
    client.force_login(staff_sysadmin)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Organisations" in page
    assert "/admin/cases/case/" not in page
    # Nor is the access log: it is only ever added to (issue 16). The retention rules are there.
    assert "/admin/cases/caseaccess/" not in page
    assert "/admin/cases/retentionrule/" in page

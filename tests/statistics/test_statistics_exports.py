"""Every table of the statistics page as CSV and XLSX, with small confidential counts hidden."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.conftest import STOCKHOLM

pytestmark = pytest.mark.django_db

MARCH = {"first_day": "2026-03-01", "last_day": "2026-03-31"}


@pytest.fixture
def march_cases(make_case, financial_support, jarva):
    make_case(category=financial_support, subject="Bistånd", district=jarva)
    make_case(subject="Gatlampa ur funktion")
    make_case(subject="Gatlampa")


def test_the_csv_has_every_table_and_hides_the_small_confidential_count(
    client: Client, analyst, march_cases
):
    client.force_login(analyst)

    response = client.get(reverse("desk:statistics_csv"), MARCH)

    text = response.content.decode("utf-8")
    assert response["Content-Disposition"] == (
        'attachment; filename="statistik-2026-03-01-2026-03-31.csv"'
    )
    assert text.startswith("\ufeff")
    assert "Gatubelysning;2\r\n" in text
    assert "Ekonomiskt bistånd;<5\r\n" in text
    assert "Ekonomiskt bistånd;1" not in text
    assert text.count("\r\n\r\n") == 6  # seven tables, a blank line between each


def test_the_workbook_has_a_sheet_per_table(client: Client, analyst, march_cases):
    client.force_login(analyst)

    response = client.get(reverse("desk:statistics_xlsx"), MARCH)

    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.sheetnames) == 7
    categories = next(
        sheet for sheet in workbook.worksheets if ("Gatubelysning", 2) in sheet.values
    )
    assert ("Ekonomiskt bistånd", "<5") in list(categories.values)


def test_someone_without_statistics_gets_no_file(client: Client, tier1_agent):
    client.force_login(tier1_agent)

    assert client.get(reverse("desk:statistics_csv"), MARCH).status_code == 403


def test_the_download_links_carry_the_default_period(client: Client, analyst, clock):
    client.force_login(analyst)

    page = client.get(reverse("desk:statistics")).content.decode()

    last = clock().astimezone(STOCKHOLM).date()
    first = last - timedelta(days=29)
    assert (
        f"{reverse('desk:statistics_csv')}?first_day={first.isoformat()}"
        f"&amp;last_day={last.isoformat()}&amp;channel="
    ) in page

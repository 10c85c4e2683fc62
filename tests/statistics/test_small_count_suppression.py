"""Issue 16, item 5: fewer than five cases of a confidential category are not shown to those
who may not read the cases, in the figures and on the page."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from kontaktcenter.accounts.actors import SystemActor
from kontaktcenter.statistics.selectors import Row, period_statistics, suppress_small_counts

MARCH = {"first_day": date(2026, 3, 1), "last_day": date(2026, 3, 31)}


def category_counts(rows: list[Row]) -> dict[str, int | None]:
    return {row.label: row.count for row in rows}


@pytest.fixture
def three_confidential_and_five_open(make_case, financial_support, jarva):
    for number in range(3):
        make_case(category=financial_support, subject=f"Bistånd {number}", district=jarva)
    for number in range(5):
        make_case(subject=f"Gatlampa {number}")


def test_an_analyst_sees_fewer_than_five_instead_of_the_count(
    three_confidential_and_five_open, analyst
):
    figures = period_statistics(actor=analyst, **MARCH)

    assert category_counts(figures.cases_by_category) == {
        "Gatubelysning": 5,
        "Ekonomiskt bistånd": None,
    }
    assert figures.cases_by_category[-1].suppressed


def test_the_system_sees_every_count(three_confidential_and_five_open):
    figures = period_statistics(actor=SystemActor("archive"), **MARCH)

    assert category_counts(figures.cases_by_category) == {
        "Gatubelysning": 5,
        "Ekonomiskt bistånd": 3,
    }


def test_five_or_more_and_open_categories_are_shown() -> None:
    rows = [Row("Bistånd", 5, 1), Row("Skyddat boende", 4, 2), Row("Parkering", 2, 3)]

    shown = suppress_small_counts(rows, frozenset({1, 2}))

    assert category_counts(shown) == {"Bistånd": 5, "Parkering": 2, "Skyddat boende": None}


@pytest.mark.django_db
def test_the_page_and_its_chart_show_no_small_confidential_count(
    client: Client, three_confidential_and_five_open, analyst
):
    client.force_login(analyst)

    response = client.get(
        reverse("desk:statistics"), {"first_day": "2026-03-01", "last_day": "2026-03-31"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Ekonomiskt bistånd: " in page
    assert 'class="suppressed"/>' in page
    assert "Ekonomiskt bistånd: 3" not in page
    assert '<th scope="row">Ekonomiskt bistånd</th><td class="number">3</td>' not in page
    assert '<th scope="row">Gatubelysning</th><td class="number">5</td>' in page

"""The statistics page draws its figures as SVG charts, each with a table alternative, and
filters by channel."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from django.test import Client
from django.urls import reverse

from kontaktcenter.cases import services
from kontaktcenter.cases.models import Channel
from tests.conftest import STOCKHOLM

pytestmark = pytest.mark.django_db

MARCH = {"first_day": "2026-03-01", "last_day": "2026-03-31"}


@pytest.fixture
def monday_and_tuesday_contacts(tier1_agent, street_lighting, clock):
    """Two phone calls on Monday 2 March at 09, one e-mail on Tuesday 3 March at 14."""
    for moment, channel in [
        (datetime(2026, 3, 2, 9, 5, tzinfo=STOCKHOLM), Channel.PHONE),
        (datetime(2026, 3, 2, 9, 40, tzinfo=STOCKHOLM), Channel.PHONE),
        (datetime(2026, 3, 3, 14, 0, tzinfo=STOCKHOLM), Channel.EMAIL),
    ]:
        clock.set(moment)
        contact = services.contact_start(actor=tier1_agent, channel=channel)
        services.contact_answer_directly(
            actor=tier1_agent, contact=contact, category=street_lighting
        )


def heat_table(page: str) -> list[list[int]]:
    """The heat map's table alternative: one row of 24 hours per weekday, Monday first."""
    table = page[page.index('class="counts heat-table"') :]
    table = table[: table.index("</table>")]
    rows = re.findall(r'<tr><th scope="row">(\w+)</th>(.*?)</tr>', table)
    return [[int(n) for n in re.findall(r">(\d+)</td>", cells)] for _day, cells in rows]


def test_the_heat_map_counts_contacts_by_stockholm_weekday_and_hour(
    client: Client, analyst, monday_and_tuesday_contacts
):
    client.force_login(analyst)

    page = client.get(reverse("desk:statistics"), MARCH).content.decode()

    grid = heat_table(page)
    monday, tuesday = grid[0], grid[1]
    assert len(grid) == 7
    assert monday[9] == 2
    assert tuesday[14] == 1
    assert sum(sum(hours) for hours in grid) == 3
    assert '<svg role="img" aria-labelledby="heat-title"' in page


def test_the_trend_has_a_day_by_day_table(client: Client, analyst, monday_and_tuesday_contacts):
    client.force_login(analyst)

    page = client.get(reverse("desk:statistics"), MARCH).content.decode()

    assert '<th scope="row">2026-03-02</th><td class="number">2</td>' in page
    assert '<th scope="row">2026-03-03</th><td class="number">1</td>' in page
    assert '<th scope="row">2026-03-04</th><td class="number">0</td>' in page
    assert "<polyline" in page


def test_the_channel_filter_counts_only_that_channel(
    client: Client, analyst, monday_and_tuesday_contacts
):
    client.force_login(analyst)

    response = client.get(reverse("desk:statistics"), {**MARCH, "channel": Channel.EMAIL})

    assert response.context["stats"].contacts_total == 1
    assert '<th scope="row">2026-03-02</th><td class="number">0</td>' in response.content.decode()

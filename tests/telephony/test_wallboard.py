"""The wallboard: waiting now, longest wait, agents by state and today's service level, as a
table that works without JavaScript and as JSON for the page's polling."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kontaktcenter.accounts.models import User
from kontaktcenter.directory.models import Site
from kontaktcenter.telephony.adapters.queue_log import parse_line
from kontaktcenter.telephony.ingest import ingest
from kontaktcenter.telephony.models import Queue
from tests.conftest import Clock
from tests.telephony.conftest import MORNING
from tests.telephony.factories import AgentFactory

pytestmark = pytest.mark.django_db
STILL_WAITING = "1773130500|77.1|tn-trafik|NONE|ENTERQUEUE||0701112233|1\n"


@pytest.fixture
def morning(traffic_queue: Queue, site: Site, clock: Clock) -> None:
    AgentFactory.create(interface="PJSIP/3001", site=site, skills=["trafik"])
    AgentFactory.create(interface="PJSIP/3002", name="Agent 3002", site=site, skills=["trafik"])
    lines = MORNING + STILL_WAITING + "1773129100|NONE|tn-trafik|PJSIP/3002|ADDMEMBER|\n"
    ingest([event for line in lines.splitlines() if (event := parse_line(line))])
    # 09:20 Stockholm: the caller who came in at 09:15 has waited five minutes.
    clock.advance(minutes=20)


def test_the_wallboard_json_shows_each_queue_now_and_today(
    client: Client, supervisor: User, morning: None
) -> None:
    client.force_login(supervisor)

    data = client.get(reverse("desk:wallboard_data")).json()

    (queue,) = data["queues"]
    assert queue["name"] == "tn-trafik"
    assert (queue["waiting"], queue["longest_wait_seconds"]) == (1, 300)
    assert queue["agents"]["paused"] == 1
    assert queue["agents"]["ready"] == 1
    assert queue["today"]["offered"] == 6
    (site_total,) = data["sites"]
    assert (site_total["site"], site_total["waiting"]) == ("Kontaktcenter Tekniska nämndhuset", 1)


def test_the_waiting_caller_goes_to_the_ready_agent(
    client: Client, supervisor: User, morning: None
) -> None:
    """PJSIP/3001 is at lunch; PJSIP/3002 is ready and takes the caller waiting since 09:15."""
    client.force_login(supervisor)

    data = client.get(reverse("desk:wallboard_data")).json()

    assert data["next"] == [{"queue": "Trafik", "agent": "Agent 3002", "overflowed": False}]


def test_the_wallboard_table_works_without_javascript(
    client: Client, supervisor: User, morning: None
) -> None:
    client.force_login(supervisor)

    page = client.get(reverse("desk:wallboard")).content.decode()

    assert '<tr data-queue="tn-trafik">' in page
    assert "300 s" in page
    assert 'http-equiv="refresh"' in page


def test_case_officers_do_not_see_the_wallboard(client: Client, traffic_officer: User) -> None:
    client.force_login(traffic_officer)

    assert client.get(reverse("desk:wallboard")).status_code == 404
    assert client.get(reverse("desk:wallboard_data")).status_code == 404

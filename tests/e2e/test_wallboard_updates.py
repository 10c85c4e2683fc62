"""The wallboard moves without reloading: a caller who joins the queue shows up in the table
within a poll, in a real Chromium against the live server."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from kontaktcenter.accounts.models import User
from kontaktcenter.core import clock
from kontaktcenter.directory.models import Site
from kontaktcenter.telephony.adapters.queue_log import format_line, parse_line
from kontaktcenter.telephony.ingest import ingest
from kontaktcenter.telephony.models import Queue

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-stockholm-2026"


def test_a_new_caller_appears_on_the_wallboard_without_a_reload(
    page: Page, live_server, supervisor: User, site: Site
) -> None:
    Queue.objects.create(name="tn-trafik", label="Trafik", site=site, skill="trafik")
    supervisor.set_password(PASSWORD)
    supervisor.save()
    page.goto(live_server.url + reverse("accounts:login"))
    page.get_by_label("Username").fill(supervisor.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(live_server.url + reverse("desk:wallboard"))
    waiting = page.locator('tr[data-queue="tn-trafik"] [data-field="waiting"]')
    expect(waiting).to_have_text("0")
    page.evaluate("window.reloadMarker = 'same page'")

    line = format_line(clock.now(), "1.1", "tn-trafik", "", "ENTERQUEUE", "", "0701234567", 1)
    event = parse_line(line)
    assert event is not None
    ingest([event])

    expect(waiting).to_have_text("1", timeout=12_000)
    expect(page.locator('[data-field="at"]')).to_have_text(re.compile(r"^\d\d:\d\d:\d\d$"))
    assert page.evaluate("window.reloadMarker") == "same page"

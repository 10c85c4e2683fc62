"""In a real browser, the operator's directory answers each keystroke without a submit."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from kontaktcenter.accounts.models import User
from kontaktcenter.directory.models import Organisation
from tests.directory.factories import index, person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-stockholm-2026"


def test_typing_a_sound_alike_name_shows_the_person_without_submitting(
    page: Page, live_server: Any, switchboard_operator: User, traffic_office: Organisation
) -> None:
    person(traffic_office, "Maria", "Sjöberg", title="Handläggare", phone="08-508 271 30")
    person(traffic_office, "Lars", "Larsson", title="Handläggare")
    index()
    switchboard_operator.set_password(PASSWORD)
    switchboard_operator.save()
    page.goto(live_server.url + reverse("accounts:login"))
    page.get_by_label("Username").fill(switchboard_operator.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.goto(live_server.url + reverse("desk:directory"))

    page.get_by_label("Name, title, unit, phone number or keyword").press_sequentially("Schö")
    results = page.locator("#directory-results")
    expect(results.get_by_role("heading", name="Maria Sjöberg")).to_be_visible()
    expect(results.get_by_text("08-508 271 30")).to_be_visible()
    expect(results.get_by_text("Lars Larsson")).to_have_count(0)
    assert "q=Sch" in page.url  # the address follows, so reloading keeps the search

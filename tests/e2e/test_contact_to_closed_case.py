"""The whole first flow in a real browser: a phone contact becomes a case that an officer closes."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from kontaktcenter.accounts.models import User
from kontaktcenter.routing.models import Category

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-stockholm-2026"


def _with_password(user: User) -> User:
    user.set_password(PASSWORD)
    user.save()
    return user


def _log_in(page: Page, base_url: str, user: User) -> None:
    page.goto(f"{base_url}/konto/logga-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def _log_out(page: Page) -> None:
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", name="Log in to Kontaktcenter")).to_be_visible()


def test_phone_contact_becomes_a_case_that_the_responsible_officer_closes(
    page: Page,
    live_server,
    tier1_agent: User,
    traffic_officer: User,
    supervisor: User,
    street_lighting: Category,
) -> None:
    base = live_server.url
    for user in (tier1_agent, traffic_officer, supervisor):
        _with_password(user)

    # Tier 1: a first call is answered directly.
    _log_in(page, base, tier1_agent)
    expect(page.get_by_role("heading", name="Contacts", exact=True)).to_be_visible()
    page.get_by_role("button", name="Start contact").click()
    expect(page.get_by_role("heading", name="Contact in progress")).to_be_visible()
    # The question field has focus, so the agent types while listening.
    page.keyboard.type("When is the recycling centre in Bromma open?")
    page.get_by_label("Answer given").fill("Weekdays 10–19, weekends 9–16.")
    page.get_by_role("button", name="Close as answered directly").click()
    expect(page.get_by_text("The contact was closed as answered directly.")).to_be_visible()

    # A second call needs a case: the lamp post is the traffic office's.
    page.get_by_role("button", name="Start contact").click()
    page.get_by_label("The resident's question").fill(
        "The street light outside Fleminggatan 4 is out."
    )
    page.get_by_label("Category", exact=True).select_option(label=street_lighting.name)
    page.get_by_label("Subject").fill("Street light out, Fleminggatan 4")
    page.get_by_label("Name").fill("Karin Lund")
    page.get_by_label("E-mail").fill("karin.lund@example.se")
    page.get_by_role("button", name="Create case").click()
    created = page.get_by_text(re.compile(r"Case KC-\d{4}-\d{6} was created and sent to"))
    expect(created).to_be_visible()
    match = re.search(r"KC-\d{4}-\d{6}", created.inner_text())
    assert match is not None
    reference = match.group(0)
    recent = page.get_by_role("table")
    expect(recent).to_contain_text("Answered directly")
    expect(recent).to_contain_text(reference)
    _log_out(page)

    # The case officer finds it in the traffic office's queue and handles it.
    _log_in(page, base, traffic_officer)
    expect(page.get_by_role("heading", name=re.compile("Case queue"))).to_be_visible()
    page.get_by_role("link", name=reference).click()
    expect(page.get_by_role("heading", name=re.compile(reference))).to_be_visible()
    expect(page.locator(".facts").first).to_contain_text(
        f"{traffic_officer.organisation.name} is responsible for {street_lighting.name}."
    )
    page.get_by_role("button", name="Assign to me").click()
    expect(page.get_by_text("The case is now assigned to you.")).to_be_visible()
    page.get_by_label("Internal note").fill("Crew 3 replaces the lamp on Thursday.")
    page.get_by_role("button", name="Save note").click()
    expect(page.get_by_text("The note was saved.")).to_be_visible()
    page.get_by_label("Reply to the resident").fill("Thank you, the lamp is replaced on Thursday.")
    page.get_by_role("button", name="Save reply").click()
    expect(page.get_by_text("The reply was saved.")).to_be_visible()
    page.get_by_label("Resolution").fill("Lamp replaced.")
    page.get_by_role("button", name="Close case").click()
    expect(page.get_by_text("The case was closed.")).to_be_visible()
    history = page.locator(".history")
    for entry in (
        "Case created",
        "Sent to organisation",
        "Assignee changed",
        "Internal note",
        "Reply to the resident",
        "Case closed",
    ):
        expect(history).to_contain_text(entry)
    expect(page.locator(".facts .status")).to_have_text("Closed")
    _log_out(page)

    # The supervisor sees both contacts and the case in today's statistics.
    _log_in(page, base, supervisor)
    page.get_by_role("link", name="Statistics").click()
    page.get_by_role("button", name="Show").click()
    figures = page.locator(".figures")
    expect(figures).to_contain_text("2 contacts")
    expect(figures).to_contain_text("50 % answered directly")
    expect(figures).to_contain_text("1 case")
    expect(page.get_by_role("table", name="Cases by organisation")).to_contain_text(
        traffic_officer.organisation.name
    )

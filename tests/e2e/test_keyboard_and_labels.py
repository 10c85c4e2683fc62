"""The desk works without a mouse, and every form control has a label (WCAG 2.1.1, 1.3.1, 4.1.2)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from kontaktcenter.accounts.models import User
from kontaktcenter.cases.models import ContactOutcome
from kontaktcenter.routing.models import Category
from tests.receivers import send_due

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-stockholm-2026"

UNLABELLED_CONTROLS = """
() => Array.from(document.querySelectorAll(
        'input:not([type=hidden]), select, textarea, button'))
    .filter(el => !el.hidden && el.getAttribute('aria-hidden') !== 'true')
    .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                  && !(el.tagName === 'BUTTON' && el.textContent.trim()))
    .map(el => el.outerHTML)
"""


def _tab_to(page: Page, name: str, limit: int = 40) -> None:
    """Press Tab until the focused element is the one named, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement && document.activeElement.textContent")
        if focused and focused.strip() == name:
            return
    raise AssertionError(f"{name!r} cannot be reached with the Tab key")


def test_an_agent_answers_a_contact_with_the_keyboard_alone(
    page: Page, live_server, tier1_agent: User, street_lighting: Category
) -> None:
    tier1_agent.set_password(PASSWORD)
    tier1_agent.save()
    page.goto(live_server.url + reverse("accounts:login"))
    page.get_by_label("Username").focus()
    page.keyboard.type(tier1_agent.username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Contacts", exact=True)).to_be_visible()

    _tab_to(page, "Start contact")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Contact in progress")).to_be_visible()
    page.keyboard.type("Hur sorterar jag batterier?")
    # Enter in a one-line field must not finish the contact by accident.
    page.get_by_label("Subject").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Contact in progress")).to_be_visible()

    _tab_to(page, "Close as answered directly")
    page.keyboard.press("Enter")
    expect(page.get_by_text("The contact was closed as answered directly.")).to_be_visible()
    contact = tier1_agent.contacts.get()
    assert contact.outcome == ContactOutcome.ANSWERED_DIRECTLY
    assert contact.question == "Hur sorterar jag batterier?"


@pytest.mark.parametrize(
    ("person", "page_name"),
    [
        ("tier1_agent", "desk:contact_desk"),
        ("tier1_agent", "desk:case_create"),
        ("traffic_officer", "desk:my_queue"),
        ("analyst", "desk:statistics"),
        ("traffic_admin", "desk:category_create"),
        ("switchboard_operator", "desk:directory"),
        ("traffic_admin", "desk:endpoints"),
        ("traffic_admin", "desk:endpoint_create"),
        ("traffic_officer", "desk:quality_report"),
    ],
)
def test_every_form_control_has_a_label(
    page: Page,
    live_server,
    request: pytest.FixtureRequest,
    person: str,
    page_name: str,
    street_lighting: Category,
) -> None:
    """`street_lighting` gives the endpoint form a category row with its service-code field."""
    user: User = request.getfixturevalue(person)
    user.set_password(PASSWORD)
    user.save()
    page.goto(live_server.url + reverse("accounts:login"))
    assert page.evaluate(UNLABELLED_CONTROLS) == []
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(live_server.url + reverse(page_name))
    expect(page.locator("main h1")).to_be_visible()
    assert page.evaluate(UNLABELLED_CONTROLS) == []


def test_an_endpoints_page_and_its_attempts_work_by_keyboard_and_are_labelled(
    page: Page, live_server, traffic_admin: User, traffic_feedback_system, make_case
) -> None:
    make_case()
    send_due()
    traffic_admin.set_password(PASSWORD)
    traffic_admin.save()
    page.goto(live_server.url + reverse("accounts:login"))
    page.get_by_label("Username").fill(traffic_admin.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(live_server.url + reverse("desk:endpoint", args=[traffic_feedback_system.pk]))
    expect(page.locator("main h1")).to_have_text("Endpoint: Synpunktssystemet")
    assert page.evaluate(UNLABELLED_CONTROLS) == []

    attempts = page.locator("table.deliveries details summary").first
    attempts.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("table", name=re.compile("Attempts to deliver"))).to_be_visible()

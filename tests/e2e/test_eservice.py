"""The resident e-service in a real Chromium with JavaScript off: write in, get the receipt,
follow the case, read the officer's answer, reply and rate the help. axe-core checks every
public page and state against WCAG 2.1 AA on the way."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.fixtures import Settings as SettingsWrapper

from kontaktcenter.accounts.models import User
from kontaktcenter.cases.models import Case
from kontaktcenter.directory.models import Organisation
from kontaktcenter.routing.models import Category, FeedbackKind, Handling
from tests.e2e.accessibility import AccessibilityLog
from tests.factories import CategoryFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-stockholm-2026"


@pytest.fixture
def resident_page(browser: Browser) -> Iterator[Page]:
    """A resident's browser with JavaScript switched off."""
    context = browser.new_context(locale="en-GB", java_script_enabled=False)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def checker(browser: Browser) -> Iterator[Page]:
    """Where axe runs: a page with JavaScript on (tests/e2e/accessibility.py)."""
    context = browser.new_context(locale="en-GB")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def complaints(traffic_office: Organisation) -> Category:
    return CategoryFactory.create(
        name="Klagomål",
        code="klagomal",
        responsible_organisation=traffic_office,
        handling=Handling.CONCERNED_ORGANISATION,
        feedback_kind=FeedbackKind.COMPLAINT,
    )


def test_a_resident_reports_a_fault_and_follows_it_to_the_rating(
    resident_page: Page,
    checker: Page,
    page: Page,
    live_server,
    traffic_officer: User,
    street_lighting: Category,
    complaints: Category,
    operator: Organisation,
    jarva: Organisation,
    settings: SettingsWrapper,
) -> None:
    base = live_server.url
    axe = AccessibilityLog(checker)
    resident = resident_page

    resident.goto(f"{base}/e-tjanst/")
    expect(resident.get_by_role("heading", name="Contact Stockholm city")).to_be_visible()
    axe.check(resident, "start")
    resident.get_by_role("link", name="Accessibility statement").click()
    expect(resident.get_by_role("heading", level=1)).to_contain_text("Accessibility statement")
    axe.check(resident, "accessibility statement")

    resident.goto(f"{base}/e-tjanst/synpunkt/")
    axe.check(resident, "feedback form")
    resident.goto(f"{base}/e-tjanst/fraga/")
    axe.check(resident, "question form")

    resident.goto(f"{base}/e-tjanst/")
    resident.get_by_role("link", name="Report a fault").click()
    expect(resident.get_by_role("heading", name="Report a fault")).to_be_visible()
    axe.check(resident, "fault report form")

    # Sent half filled in: the errors are listed and linked to their fields.
    resident.get_by_label("What is it about?").select_option(label=street_lighting.name)
    resident.get_by_role("button", name="Send").click()
    expect(resident.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(resident).to_have_title(re.compile("^Error:"))
    axe.check(resident, "form with errors")

    resident.get_by_label("Subject").fill("The street light outside Rinkebysvängen 12 is out")
    resident.get_by_label("Your message").fill("It has been dark for three weeks.")
    resident.get_by_label("Place or address (optional)").fill("Rinkebysvängen 12")
    resident.get_by_label("Your e-mail address (optional)").fill("anna.svensson@example.se")
    resident.get_by_role("button", name="Send").click()
    expect(resident.get_by_role("heading", name="Thank you, we have received your message"))
    reference = resident.locator(".reference").inner_text()
    assert re.fullmatch(r"KC-\d{4}-\d{6}", reference)
    axe.check(resident, "receipt")

    resident.locator(".tracking-link").click()
    expect(resident.get_by_role("heading", name=f"Case {reference}")).to_be_visible()
    expect(resident.locator(".status")).to_have_text("Received, not yet started")
    axe.check(resident, "tracking, new case")

    # The case officer answers in the desk.
    traffic_officer.set_password(PASSWORD)
    traffic_officer.save()
    page.goto(f"{base}/konto/logga-in/")
    page.get_by_label("Username").fill(traffic_officer.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name=reference).click()
    page.get_by_label("Reply to the resident").fill(
        "Thank you! Crew 3 replaces the lamp on Thursday."
    )
    page.get_by_role("button", name="Save reply").click()
    expect(page.get_by_text("The reply was saved.")).to_be_visible()

    # The resident reads it through the link and answers.
    resident.reload()
    expect(resident.locator(".entry-answer")).to_contain_text("Crew 3 replaces the lamp")
    axe.check(resident, "tracking with an answer")
    resident.get_by_role("button", name="Send message").click()
    expect(resident.get_by_role("heading", name="There is a problem")).to_be_visible()
    axe.check(resident, "tracking, empty message refused")
    resident.get_by_label("Write to us about the case").fill("Thank you, that is quick!")
    resident.get_by_role("button", name="Send message").click()
    expect(resident.get_by_text("Your message has been sent.")).to_be_visible()
    expect(resident.locator(".entry-you_wrote")).to_contain_text("Thank you, that is quick!")
    axe.check(resident, "tracking after the resident's message")

    # Closed: the resident is asked about the help.
    page.get_by_label("Resolution").fill("Lamp replaced.")
    page.get_by_role("button", name="Close case").click()
    expect(page.get_by_text("The case was closed.")).to_be_visible()
    resident.reload()
    expect(resident.locator(".status")).to_have_text("Closed")
    axe.check(resident, "tracking, closed, rating asked")
    resident.get_by_role("button", name="Send answer").click()
    expect(resident.get_by_role("heading", name="There is a problem")).to_be_visible()
    axe.check(resident, "rating refused without a choice")
    resident.get_by_label("5 – Completely").check()
    resident.get_by_label("Comment (optional)").fill("Friendly and fast.")
    resident.get_by_role("button", name="Send answer").click()
    expect(resident.get_by_text("Thank you for your answer!")).to_be_visible()
    axe.check(resident, "tracking, rated")

    # The same pages in Swedish, the default language.
    resident.get_by_label("Language").select_option("sv")
    resident.get_by_role("button", name="Change language").click()
    expect(resident.get_by_role("heading", name=f"Ärende {reference}")).to_be_visible()
    axe.check(resident, "tracking in Swedish")
    resident.goto(f"{base}/e-tjanst/")
    axe.check(resident, "start in Swedish")

    # Too many submissions from one connection: the refusal page is checked as well.
    settings.ESERVICE_RATE_LIMIT = 1
    resident.goto(f"{base}/e-tjanst/felanmalan/")
    resident.get_by_role("button", name="Skicka").click()
    expect(resident.get_by_role("heading", level=1)).to_have_text(
        "För många meddelanden på kort tid"
    )
    axe.check(resident, "too many submissions")

    case = Case.objects.get(reference=reference)
    assert case.satisfaction.score == 5
    # The closing note reports this count: every public page state, none with a violation.
    assert len(axe.checked) == 17

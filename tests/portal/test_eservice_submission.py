"""A resident writes to the city in the e-service, without an account and without JavaScript."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from pytest_django.fixtures import Settings as SettingsWrapper

from kontaktcenter.cases.models import Case, Channel, Contact
from kontaktcenter.directory.models import Organisation
from kontaktcenter.email_channel.models import OutgoingMail
from kontaktcenter.routing.models import Category, FeedbackKind
from tests.conftest import Clock
from tests.factories import CategoryFactory

FAULT_REPORT = "/e-tjanst/felanmalan/"


@pytest.fixture
def world(street_lighting: Category, operator: Organisation, clock: Clock) -> Category:
    return street_lighting


def _fields(category: Category, **overrides: Any) -> dict[str, Any]:
    fields = {
        "category": category.pk,
        "subject": "Gatlampan är släckt",
        "description": "Lampan utanför Rinkebysvängen 12 har varit släckt i tre veckor.",
        "address": "Rinkebysvängen 12",
        "name": "Anna Svensson",
        "email": "anna.svensson@example.se",
        "phone": "",
        "website": "",
    }
    fields.update(overrides)
    return fields


def test_the_start_page_offers_the_three_ways_in(client: Client, world: Category) -> None:
    page = client.get("/e-tjanst/").content.decode()

    for path in ("/e-tjanst/fraga/", "/e-tjanst/synpunkt/", "/e-tjanst/felanmalan/"):
        assert path in page
    assert "/e-tjanst/tillganglighet/" in page


def test_a_fault_report_becomes_a_case_and_shows_the_receipt(
    client: Client, world: Category
) -> None:
    response = client.post(FAULT_REPORT, _fields(world))

    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/e-tjanst/kvitto/{case.tracking_token}/"
    receipt = client.get(response["Location"]).content.decode()
    assert case.reference in receipt
    assert f"/e-tjanst/arende/{case.tracking_token}/" in receipt
    assert case.channel == Channel.WEB
    assert "Place: Rinkebysvängen 12" in case.description
    assert Contact.objects.get().channel == Channel.WEB
    assert OutgoingMail.objects.get().to == "anna.svensson@example.se"


def test_the_receipt_mail_is_in_the_language_the_resident_used(
    client: Client, world: Category
) -> None:
    client.post(FAULT_REPORT, _fields(world))

    assert OutgoingMail.objects.get().language == "en"


def test_missing_answers_are_named_and_nothing_is_registered(
    client: Client, world: Category
) -> None:
    response = client.post(FAULT_REPORT, _fields(world, subject="", description=""))

    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert 'href="#id_subject"' in page
    assert 'aria-invalid="true"' in page
    assert 'value="Rinkebysvängen 12"' in page  # what was typed is kept
    assert not Case.objects.exists()


def test_a_bad_email_address_gets_a_clear_message(client: Client, world: Category) -> None:
    response = client.post(FAULT_REPORT, _fields(world, email="anna@"))

    assert response.status_code == 400
    assert "Enter a valid email address" in response.content.decode()


def test_a_filled_honeypot_is_refused(client: Client, world: Category) -> None:
    response = client.post(FAULT_REPORT, _fields(world, website="http://spam.example"))

    assert response.status_code == 400
    assert not Case.objects.exists()


def test_too_long_a_message_is_refused_with_its_limit(client: Client, world: Category) -> None:
    response = client.post(FAULT_REPORT, _fields(world, description="x" * 10_001))

    assert response.status_code == 400
    assert "10000" in response.content.decode()
    assert not Case.objects.exists()


def test_too_many_submissions_from_one_client_are_stopped(
    client: Client, world: Category, settings: SettingsWrapper
) -> None:
    settings.ESERVICE_RATE_LIMIT = 2
    for _ in range(2):
        client.post(FAULT_REPORT, _fields(world))

    response = client.post(FAULT_REPORT, _fields(world))

    assert response.status_code == 429
    assert "Too many messages" in response.content.decode()
    assert Case.objects.count() == 2


def test_confidential_and_referral_categories_are_not_offered(
    client: Client,
    world: Category,
    financial_support: Category,
    facility_booking: Category,
) -> None:
    page = client.get("/e-tjanst/fraga/").content.decode()

    assert "Gatubelysning" in page
    assert "Ekonomiskt bistånd" not in page
    assert "Bokning av idrottshall" not in page


def test_a_category_not_offered_cannot_be_posted(
    client: Client, world: Category, financial_support: Category
) -> None:
    response = client.post(FAULT_REPORT, _fields(financial_support))

    assert response.status_code == 400
    assert not Case.objects.exists()


def test_feedback_about_an_administration_goes_to_it(
    client: Client, world: Category, traffic_office: Organisation
) -> None:
    complaint = CategoryFactory.create(
        name="Klagomål",
        code="klagomal",
        responsible_organisation=traffic_office,
        handling="concerned_organisation",
        feedback_kind=FeedbackKind.COMPLAINT,
    )
    assert "Which administration" in client.get("/e-tjanst/synpunkt/").content.decode()

    client.post("/e-tjanst/synpunkt/", _fields(complaint, concerns=traffic_office.pk))

    assert Case.objects.get().responsible_organisation == traffic_office


def test_a_matter_for_the_district_asks_for_the_district(
    client: Client, world: Category, jarva: Organisation, social_administration: Organisation
) -> None:
    parks = CategoryFactory.create(
        name="Lekplatser",
        code="lekplatser",
        responsible_organisation=social_administration,
        handling="resident_district",
    )

    missing = client.post(FAULT_REPORT, _fields(parks))
    assert missing.status_code == 400
    assert "district" in missing.content.decode()

    client.post(FAULT_REPORT, _fields(parks, district=jarva.pk))
    assert Case.objects.get().responsible_organisation == jarva


def test_the_e_service_is_in_swedish_by_default(world: Category) -> None:
    page = Client().get("/e-tjanst/").content.decode()

    assert 'lang="sv"' in page


def test_the_accessibility_statement_is_published(client: Client) -> None:
    page = client.get("/e-tjanst/tillganglighet/").content.decode()

    assert "Accessibility statement" in page
    assert "Digg" in page

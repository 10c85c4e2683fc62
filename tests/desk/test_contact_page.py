"""The contact page keeps what the agent typed when something is missing or refused."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kontaktcenter.accounts.models import User
from kontaktcenter.cases import services
from kontaktcenter.cases.models import Case, Channel, ContactOutcome
from kontaktcenter.routing.models import Category

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent_client(client: Client, tier1_agent: User) -> Client:
    client.force_login(tier1_agent)
    return client


def _open_contact(agent: User):
    return services.contact_start(actor=agent, channel=Channel.PHONE)


def test_starting_a_contact_opens_its_page(agent_client: Client, tier1_agent: User) -> None:
    response = agent_client.post(reverse("desk:contact_start"), {"channel": Channel.EMAIL})
    contact = tier1_agent.contacts.get()
    assert response["Location"] == reverse("desk:contact", args=[contact.pk])
    assert contact.channel == Channel.EMAIL
    assert contact.outcome == ContactOutcome.OPEN


def test_a_case_without_category_is_refused_and_the_question_is_kept(
    agent_client: Client, tier1_agent: User
) -> None:
    contact = _open_contact(tier1_agent)
    response = agent_client.post(
        reverse("desk:contact", args=[contact.pk]),
        {"question": "Gatlampan lyser inte", "subject": "Trasig lampa", "outcome": "case"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose a category." in page
    assert "Gatlampan lyser inte" in page
    assert "Trasig lampa" in page
    contact.refresh_from_db()
    assert contact.outcome == ContactOutcome.OPEN
    assert not Case.objects.exists()


def test_a_booking_cannot_become_a_case_and_the_agent_is_told_to_refer_it(
    agent_client: Client, tier1_agent: User, facility_booking: Category
) -> None:
    contact = _open_contact(tier1_agent)
    response = agent_client.post(
        reverse("desk:contact", args=[contact.pk]),
        {
            "question": "Vill boka Eriksdalshallen på lördag",
            "category": facility_booking.pk,
            "subject": "Bokning",
            "outcome": "case",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "register the contact as referred" in page
    assert "Vill boka Eriksdalshallen på lördag" in page
    assert not Case.objects.exists()


def test_referring_a_booking_records_the_booking_unit(
    agent_client: Client, tier1_agent: User, facility_booking: Category, booking_unit
) -> None:
    contact = _open_contact(tier1_agent)
    response = agent_client.post(
        reverse("desk:contact", args=[contact.pk]),
        {"question": "Boka hall", "category": facility_booking.pk, "outcome": "referred"},
        follow=True,
    )
    assert "referred to Bokningsenheten" in response.content.decode()
    contact.refresh_from_db()
    assert contact.outcome == ContactOutcome.REFERRED
    assert contact.referred_to == booking_unit


def test_creating_a_case_from_a_contact_links_them_and_names_the_receiver(
    agent_client: Client, tier1_agent: User, street_lighting: Category
) -> None:
    contact = _open_contact(tier1_agent)
    response = agent_client.post(
        reverse("desk:contact", args=[contact.pk]),
        {
            "question": "Lampan vid Fleminggatan 4 är släckt",
            "category": street_lighting.pk,
            "subject": "Släckt gatlampa",
            "resident_phone": "070-123 45 67",
            "outcome": "case",
        },
        follow=True,
    )
    case = Case.objects.get()
    assert f"Case {case.reference} was created and sent to Trafikkontoret" in (
        response.content.decode()
    )
    contact.refresh_from_db()
    assert contact.case == case
    assert contact.outcome == ContactOutcome.CASE_CREATED
    assert case.description == "Lampan vid Fleminggatan 4 är släckt"
    assert case.party is not None
    assert case.party.phone == "+46701234567"


def test_a_wrong_phone_number_is_refused_with_the_value_kept(
    agent_client: Client, tier1_agent: User, street_lighting: Category
) -> None:
    contact = _open_contact(tier1_agent)
    response = agent_client.post(
        reverse("desk:contact", args=[contact.pk]),
        {
            "question": "Lampan är släckt",
            "category": street_lighting.pk,
            "subject": "Släckt gatlampa",
            "resident_phone": "ring mig",
            "outcome": "case",
        },
    )
    assert response.status_code == 400
    assert "ring mig is not a phone number" in response.content.decode()
    assert not Case.objects.exists()


def test_another_agents_contact_cannot_be_opened(
    client: Client, tier1_agent: User, tier2_agent: User
) -> None:
    contact = _open_contact(tier1_agent)
    client.force_login(tier2_agent)
    response = client.get(reverse("desk:contact", args=[contact.pk]), follow=True)
    assert "Contact not found." in response.content.decode()


def test_a_finished_contact_shows_its_outcome_instead_of_the_form(
    agent_client: Client, tier1_agent: User
) -> None:
    contact = _open_contact(tier1_agent)
    services.contact_answer_directly(actor=tier1_agent, contact=contact, answer_note="Öppet 9–16")
    page = agent_client.get(reverse("desk:contact", args=[contact.pk])).content.decode()
    assert "Answered directly" in page
    assert "Öppet 9–16" in page
    assert "Close as answered directly" not in page


def test_a_field_error_is_announced_with_the_field(agent_client: Client, tier1_agent: User) -> None:
    """Screen readers read the error when the field gets focus (WCAG 3.3.1)."""
    contact = _open_contact(tier1_agent)
    page = agent_client.post(
        reverse("desk:contact", args=[contact.pk]), {"question": "Fråga", "outcome": "case"}
    ).content.decode()
    assert 'aria-describedby="id_category_error"' in page
    assert 'id="id_category_error"' in page
    assert 'aria-invalid="true"' in page


def test_the_latest_contacts_forget_the_words_of_a_case_that_became_confidential(
    agent_client: Client,
    tier1_agent: User,
    traffic_officer: User,
    street_lighting: Category,
    financial_support: Category,
    jarva,
) -> None:
    """Secrecy (S10): once an officer moves the case into a confidential category, the agent
    who took the call no longer sees what the resident said."""
    contact = _open_contact(tier1_agent)
    agent_client.post(
        reverse("desk:contact", args=[contact.pk]),
        {
            "question": "Lampan är trasig och jag har inte råd med hyran",
            "category": street_lighting.pk,
            "subject": "Trasig lampa",
            "outcome": "case",
        },
    )
    desk = reverse("desk:contact_desk")
    assert "inte råd med hyran" in agent_client.get(desk).content.decode()

    services.case_recategorise(
        actor=traffic_officer, case=Case.objects.get(), category=financial_support, district=jarva
    )

    assert "inte råd med hyran" not in agent_client.get(desk).content.decode()

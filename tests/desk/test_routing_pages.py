"""Routing in the desk: the suggestion while the agent types (with and without JavaScript),
the recorded choice, the dry-run page and the administrators' rules."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kontaktcenter.accounts.models import User
from kontaktcenter.cases import services
from kontaktcenter.cases.models import Channel, Contact
from kontaktcenter.directory.models import Organisation
from kontaktcenter.routing.models import Category, CategoryCorrection, RoutingRule
from tests.factories import DistrictFactory
from tests.routing.fixtures import (
    _fresh_classifier,
    shipped_categories,
    trained_blob,
    trained_categories,
)

__all__ = ["_fresh_classifier", "shipped_categories", "trained_blob", "trained_categories"]

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent_client(client: Client, tier1_agent: User) -> Client:
    client.force_login(tier1_agent)
    return client


@pytest.fixture
def skarpnack(db: None) -> Organisation:
    return DistrictFactory.create(
        name="Skarpnäck stadsdelsförvaltning", short_name="Skarpnäck", code="skarpnack"
    )


@pytest.fixture
def open_contact(tier1_agent: User) -> Contact:
    return services.contact_start(actor=tier1_agent, channel=Channel.PHONE)


def test_the_suggestion_follows_what_the_agent_types(
    agent_client: Client, trained_categories: dict[str, Category], skarpnack: Organisation
) -> None:
    response = agent_client.get(
        reverse("desk:routing_suggest"),
        {"text": "jag behöver ekonomiskt bistånd till hyran", "address": "Bagarmossen"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert trained_categories["socialtjanst-ekonomiskt-bistand"].name in page
    assert "Skarpnäck" in page
    assert 'data-top-category="socialtjanst-ekonomiskt-bistand"' in page


def test_an_ambiguous_address_offers_the_districts_to_choose_from(
    agent_client: Client, trained_categories: dict[str, Category]
) -> None:
    kungsholmen = DistrictFactory.create(name="Kungsholmen sdf", code="kungsholmen")
    inner_city = DistrictFactory.create(name="Norra innerstaden sdf", code="norra-innerstaden")

    response = agent_client.get(
        reverse("desk:routing_suggest"),
        {"text": "min mamma behöver hemtjänst", "address": "Sankt Eriksgatan 5"},
    )

    page = response.content.decode()
    assert f'data-choose-district="{kungsholmen.pk}"' in page
    assert f'data-choose-district="{inner_city.pk}"' in page
    assert "choose the district" in page


def test_without_javascript_the_button_brings_the_suggestion_into_the_form(
    agent_client: Client, trained_categories: dict[str, Category], open_contact: Contact
) -> None:
    lighting = trained_categories["gata-trafik-gatubelysning"]

    response = agent_client.post(
        reverse("desk:contact", args=[open_contact.pk]),
        {"question": "gatlampan utanför porten är släckt sen i fredags", "suggest": "1"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert f'<option value="{lighting.pk}" selected>' in page
    assert 'name="suggested_category" value="gata-trafik-gatubelysning"' in page
    open_contact.refresh_from_db()
    assert open_contact.outcome == "open"


def test_the_agents_correction_is_recorded_when_the_contact_is_closed(
    agent_client: Client, trained_categories: dict[str, Category], open_contact: Contact
) -> None:
    chosen = trained_categories["gata-trafik-felanmalan"]

    agent_client.post(
        reverse("desk:contact", args=[open_contact.pk]),
        {
            "question": "lampan vid Götgatan 12 lutar efter en påkörning",
            "category": str(chosen.pk),
            "suggested_category": "gata-trafik-gatubelysning",
            "answer": "Felanmält",
            "outcome": "answered",
        },
    )

    correction = CategoryCorrection.objects.get()
    assert correction.chosen == chosen
    assert correction.suggested == trained_categories["gata-trafik-gatubelysning"]
    assert "Götgatan 12" not in correction.text


def test_the_dry_run_shows_where_a_matter_would_go_and_why(
    agent_client: Client, trained_categories: dict[str, Category], skarpnack: Organisation
) -> None:
    response = agent_client.get(
        reverse("desk:routing_dry_run"),
        {"text": "behöver hjälp med försörjningsstöd", "address": "Skarpnäcks allé 5"},
    )

    page = response.content.decode()
    assert "Skarpnäck stadsdelsförvaltning" in page
    assert "the district of the address: Skarpnäck" in page


def test_a_resident_cannot_be_suggested_to_by_roles_outside_the_contact_center(
    client: Client, analyst: User
) -> None:
    client.force_login(analyst)

    response = client.get(reverse("desk:routing_suggest"), {"text": "sopor"})

    assert response.status_code == 403


def test_an_administrator_saves_a_rule_and_sees_it_listed(
    client: Client, traffic_admin: User, street_lighting: Category
) -> None:
    client.force_login(traffic_admin)

    response = client.post(
        reverse("desk:routing_rule_create"),
        {
            "name": "Gatubelysning på natten",
            "priority": "10",
            "is_active": "on",
            "categories": [str(street_lighting.pk)],
            "switchboard": "any",
            "time_from": "22:00",
            "time_until": "06:00",
            "tier": "forward",
            "target": "organisation",
            "target_organisation": str(traffic_admin.organisation_id),
        },
    )
    listing = client.get(reverse("desk:routing_rules")).content.decode()

    assert response.status_code == 302
    assert RoutingRule.objects.get().organisation == traffic_admin.organisation
    assert "Gatubelysning på natten" in listing
    assert "22:00–06:00" in listing


def test_a_rule_without_a_target_is_shown_again_with_the_error(
    client: Client, traffic_admin: User, street_lighting: Category
) -> None:
    client.force_login(traffic_admin)

    response = client.post(
        reverse("desk:routing_rule_create"),
        {
            "name": "Utan mål",
            "priority": "10",
            "categories": [str(street_lighting.pk)],
            "switchboard": "any",
            "tier": "forward",
            "target": "organisation",
        },
    )

    assert response.status_code == 400
    assert "Choose the organisation, officer or outside body" in response.content.decode()
    assert not RoutingRule.objects.exists()

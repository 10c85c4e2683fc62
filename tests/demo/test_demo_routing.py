"""The demo's routing: rules an administrator would write, and cases that keep their reason."""

from __future__ import annotations

import pytest

from kontaktcenter.demo.services import demo_load
from kontaktcenter.routing.decisions import route_matter
from kontaktcenter.routing.models import Category, RoutingDecision, RoutingRule

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.FORWARDING_ALLOWED_HOSTS = ["127.0.0.1"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return demo_load(history_days=2, contacts_per_day=10)


def test_the_demo_has_rules_that_refer_state_matters_outside_the_city(demo):
    lighting = Category.objects.get(code="gata-trafik-gatubelysning")

    on_essingeleden = route_matter(
        text="belysningen på Essingeleden är släckt", category=lighting, classify=False
    )
    on_a_city_street = route_matter(
        text="belysningen på Götgatan är släckt", category=lighting, classify=False
    )

    assert RoutingRule.objects.filter(is_active=True).count() >= 4
    assert (on_essingeleden.tier, on_essingeleden.external) == ("refer", "Trafikverket")
    assert on_essingeleden.organisation is None
    assert on_a_city_street.organisation is not None
    assert on_a_city_street.organisation.code == "trafikkontoret"


def test_local_parks_go_to_the_district_of_the_address(demo):
    playgrounds = Category.objects.get(code="parker-lekplatser")

    routed = route_matter(category=playgrounds, address="Skarpnäcks allé 10", classify=False)

    assert routed.organisation is not None
    assert routed.organisation.code == "skarpnack"


def test_every_case_in_the_history_keeps_where_it_went_and_why(demo):
    decisions = RoutingDecision.objects.select_related("case")

    assert decisions.exists()
    assert all(decision.reason for decision in decisions)

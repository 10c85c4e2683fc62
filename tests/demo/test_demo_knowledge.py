"""The demo's knowledge base: articles a tier-1 agent and a resident can try at once."""

from __future__ import annotations

import pytest

from kontaktcenter.accounts.actors import ResidentActor
from kontaktcenter.accounts.models import Role, User
from kontaktcenter.demo.services import demo_load
from kontaktcenter.knowledge import selectors
from kontaktcenter.knowledge.choices import VersionStatus
from kontaktcenter.knowledge.models import ArticleVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.FORWARDING_ALLOWED_HOSTS = ["127.0.0.1"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return demo_load(history_days=1, contacts_per_day=5)


def test_an_agent_finds_the_booking_article_that_refers_to_the_booking_unit(demo):
    agent = User.objects.filter(role=Role.TIER1_AGENT).order_by("pk")[0]

    hits = selectors.search(actor=agent, query="boka gympasal").hits

    assert hits[0].title == "Boka idrottshall eller gymnastiksal"


def test_a_resident_finds_swimming_hall_hours_with_a_synonym_and_a_typo(demo):
    hits = selectors.search(actor=ResidentActor(), query="badhusets öppetider").hits

    assert hits[0].title == "Öppettider i stadens simhallar"


def test_residents_never_see_the_internal_routine(demo):
    titles = [hit.title for hit in selectors.search(actor=ResidentActor(), query="kabel").hits]

    assert not any(title.startswith("Intern rutin") for title in titles)


def test_a_revision_waits_for_approval(demo):
    assert ArticleVersion.objects.filter(status=VersionStatus.AWAITING_APPROVAL).count() == 1

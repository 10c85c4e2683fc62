"""The knowledge base in the desk: suggestions beside the question, used articles recorded,
writing and approving, and the owners' report (S3, S5)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kontaktcenter.accounts.models import User
from kontaktcenter.cases import services as case_services
from kontaktcenter.cases.models import Channel, ContactOutcome
from kontaktcenter.knowledge import services
from kontaktcenter.knowledge.choices import VersionStatus
from kontaktcenter.knowledge.models import Article, ArticleUse
from tests.factories import UserFactory
from tests.knowledge.conftest import PUBLISHER

pytestmark = pytest.mark.django_db


@pytest.fixture
def swimming(operator) -> Article:
    return services.article_create(
        actor=PUBLISHER,
        organisation=operator,
        title="Öppettider i simhallarna",
        body="Eriksdalsbadet har öppet 06.30–21.00 på vardagar.",
        publish=True,
    )


@pytest.fixture
def agent_client(client: Client, tier1_agent: User) -> Client:
    client.force_login(tier1_agent)
    return client


def test_articles_for_the_question_appear_beside_it(agent_client, tier1_agent, swimming):
    response = agent_client.get(reverse("desk:knowledge_suggest"), {"q": "när öppnar simhallen"})

    page = response.content.decode()
    assert "Öppettider i simhallarna" in page
    assert 'name="articles_used"' in page


def test_without_scripts_the_agent_asks_for_articles_and_keeps_what_was_typed(
    agent_client, tier1_agent, swimming
):
    contact = case_services.contact_start(actor=tier1_agent, channel=Channel.PHONE)

    response = agent_client.post(
        reverse("desk:contact", args=[contact.pk]),
        {"question": "Öppettider simhall", "answer": "Jag svarade", "find_articles": "1"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Öppettider i simhallarna" in page
    assert "Jag svarade" in page
    contact.refresh_from_db()
    assert contact.outcome == ContactOutcome.OPEN


def test_closing_as_answered_directly_records_the_ticked_articles(
    agent_client, tier1_agent, swimming
):
    contact = case_services.contact_start(actor=tier1_agent, channel=Channel.PHONE)

    agent_client.post(
        reverse("desk:contact", args=[contact.pk]),
        {
            "question": "När öppnar Eriksdalsbadet?",
            "answer": "06.30",
            "outcome": "answered",
            "articles_used": [str(swimming.pk)],
        },
    )

    contact.refresh_from_db()
    assert contact.outcome == ContactOutcome.ANSWERED_DIRECTLY
    assert list(ArticleUse.objects.values_list("contact", "article")) == [(contact.pk, swimming.pk)]


def test_an_administrator_writes_a_draft_and_a_colleague_approves_it(
    client: Client, traffic_admin, traffic_office
):
    client.force_login(traffic_admin)
    client.post(
        reverse("desk:knowledge_article_create"),
        {
            "organisation": traffic_office.pk,
            "title": "Felanmälan av gatubelysning",
            "body": "Anmäl trasiga lampor i e-tjänsten.",
            "keywords": "gatlampa, belysning",
            "audience": "both",
        },
    )
    article = Article.objects.get()
    version = article.versions.get()
    assert version.keywords == ["gatlampa", "belysning"]
    client.post(reverse("desk:knowledge_version_decide", args=[version.pk]), {"action": "submit"})

    colleague = UserFactory.create(organisation_admin=True, organisation=traffic_office)
    client.force_login(colleague)
    page = client.get(reverse("desk:knowledge_article", args=[article.pk])).content.decode()
    assert "Approve and publish" in page
    client.post(reverse("desk:knowledge_version_decide", args=[version.pk]), {"action": "approve"})

    version.refresh_from_db()
    assert version.status == VersionStatus.PUBLISHED


def test_an_agent_may_not_write_articles(agent_client):
    assert agent_client.get(reverse("desk:knowledge_article_create")).status_code == 403


def test_the_search_page_marks_matches_and_the_report_shows_gaps(
    client: Client, supervisor, swimming
):
    client.force_login(supervisor)
    found = client.get(reverse("desk:knowledge_search"), {"q": "eriksdalsbadet"}).content.decode()
    client.get(reverse("desk:knowledge_search"), {"q": "hundrastgård"})

    assert "<mark>" in found
    report = client.get(reverse("desk:knowledge_report")).content.decode()
    assert "hundrastgård" in report


def test_an_administrator_adds_a_synonym(client: Client, traffic_admin, swimming):
    client.force_login(traffic_admin)
    client.post(reverse("desk:knowledge_synonyms"), {"words": "badhus, simhall"})

    found = client.get(reverse("desk:knowledge_search"), {"q": "badhus"}).content.decode()
    assert "Öppettider i simhallarna" in found


def test_an_administrator_links_an_article_and_archives_another(
    client: Client, traffic_admin, traffic_office, street_lighting, tier1_agent
):
    lamp = services.article_create(
        actor=PUBLISHER, organisation=traffic_office, title="Gatlampor", body="Text.", publish=True
    )
    old = services.article_create(
        actor=PUBLISHER, organisation=traffic_office, title="Gammal", body="Text.", publish=True
    )
    client.force_login(traffic_admin)

    response = client.post(
        reverse("desk:knowledge_article_settings", args=[lamp.pk]),
        {
            "audience": "public",
            "categories": [str(street_lighting.pk)],
            "case_category": str(street_lighting.pk),
            "eservice_path": "/e-tjanst/felanmalan/",
            "related": f"{old.pk}",
        },
    )
    assert response.status_code == 302
    lamp.refresh_from_db()
    assert (lamp.audience, lamp.case_category, lamp.eservice_path) == (
        "public",
        street_lighting,
        "/e-tjanst/felanmalan/",
    )
    assert list(lamp.related.all()) == [old]

    refused = client.post(
        reverse("desk:knowledge_article_settings", args=[old.pk]),
        {"audience": "both", "eservice_path": "https://elsewhere.example", "archived": "on"},
    )
    assert refused.status_code == 400
    old.refresh_from_db()
    assert old.archived is False

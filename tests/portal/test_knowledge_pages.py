"""Residents search and read public articles without logging in (S16)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kontaktcenter.knowledge import services
from kontaktcenter.knowledge.models import ArticleFeedback, UnansweredQuery
from tests.knowledge.conftest import PUBLISHER

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(operator):
    def publish(title: str, body: str, audience: str, **fields):
        return services.article_create(
            actor=PUBLISHER,
            organisation=operator,
            title=title,
            body=body,
            audience=audience,
            publish=True,
            **fields,
        )

    return {
        "public": publish(
            "Boendeparkering",
            "Du ansöker om boendeparkering i e-tjänsten.",
            "public",
            eservice_path="/e-tjanst/boendeparkering/",
        ),
        "internal": publish(
            "Intern rutin för boendeparkering", "Kontrollera folkbokföringen.", "internal"
        ),
    }


def test_a_resident_finds_public_articles_only(client: Client, articles) -> None:
    response = client.get(reverse("portal:knowledge_search"), {"q": "boendeparkering"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Boendeparkering" in page
    assert "Intern rutin" not in page
    assert "<mark>boendeparkering</mark>" in page


def test_an_internal_article_is_not_found_by_its_address(client: Client, articles) -> None:
    url = reverse("portal:knowledge_article", args=[articles["internal"].pk])

    assert client.get(url).status_code == 404


def test_the_article_leads_on_to_its_e_service_form(client: Client, articles) -> None:
    response = client.get(reverse("portal:knowledge_article", args=[articles["public"].pk]))

    page = response.content.decode()
    assert 'href="/e-tjanst/boendeparkering/"' in page
    assert "Did this answer your question?" in page


def test_a_misspelt_search_offers_the_right_word(client: Client, articles) -> None:
    response = client.get(reverse("portal:knowledge_search"), {"q": "boendeparkreing"})

    assert "Did you mean:" in response.content.decode()


def test_a_search_without_answer_offers_the_way_on_and_is_counted(client: Client, articles) -> None:
    response = client.get(reverse("portal:knowledge_search"), {"q": "hundrastgård"})

    page = response.content.decode()
    assert "We found no answer" in page
    assert 'href="/e-tjanst/"' in page
    assert UnansweredQuery.objects.get().query == "hundrastgård"


def test_feedback_is_recorded_and_thanked(client: Client, articles) -> None:
    article = articles["public"]
    response = client.post(
        reverse("portal:knowledge_feedback", args=[article.pk]), {"helpful": "no"}
    )

    assert response.status_code == 302
    assert ArticleFeedback.objects.get(article=article).helpful is False
    thanked = client.get(response["Location"])
    assert "Thank you for your answer" in thanked.content.decode()


def test_the_pages_work_without_login_and_without_scripts(client: Client, articles) -> None:
    page = client.get(reverse("portal:knowledge_search")).content.decode()

    assert "<script" not in page
    assert 'role="search"' in page

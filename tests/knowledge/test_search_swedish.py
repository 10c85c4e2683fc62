"""Swedish search that forgives: inflections, compounds, typos, synonyms (issue 9)."""

from __future__ import annotations

from kontaktcenter.knowledge import selectors, services
from kontaktcenter.knowledge.models import Article
from tests.knowledge.conftest import PUBLISHER, Publish


def found(actor, query: str) -> list[int]:
    return [hit.id for hit in selectors.search(actor=actor, query=query).hits]


def test_an_inflected_form_finds_the_article(tier1_agent, waste_article, parking_article):
    assert found(tier1_agent, "soptunnan")[0] == waste_article.pk
    assert found(tier1_agent, "parkeringstillstånden")[0] == parking_article.pk


def test_a_compound_finds_an_article_that_writes_its_parts_apart(
    tier1_agent, publish: Publish, waste_article
):
    bulky = publish(
        "Grovsopor",
        "Möbler och annat grovavfall lämnar du på en återvinningscentral. Hämtning av "
        "grovavfall kan beställas mot avgift.",
    )

    assert found(tier1_agent, "grovavfallshämtning")[0] == bulky.pk


def test_a_misspelt_word_still_finds_the_article_and_suggests_the_right_spelling(
    tier1_agent, waste_article, parking_article
):
    result = selectors.search(actor=tier1_agent, query="sophämtnig villor")

    assert result.hits[0].id == waste_article.pk
    assert result.did_you_mean == "sophämtning villor"


def test_a_word_spelt_right_gets_no_suggestion(tier1_agent, waste_article):
    assert selectors.search(actor=tier1_agent, query="sophämtning").did_you_mean == ""


def test_a_synonym_an_administrator_added_finds_the_article(
    tier1_agent, traffic_admin, waste_article
):
    assert found(tier1_agent, "renhållning") == []

    services.synonym_create(actor=traffic_admin, words=["renhållning", "sophämtning"])

    assert found(tier1_agent, "renhållning") == [waste_article.pk]


def test_a_word_in_the_title_counts_more_than_in_the_body(tier1_agent, publish: Publish):
    mentions = publish("Avgifter", "Avgiften för bygglov beror på hur stort huset är.")
    about = publish("Bygglov", "Här står vad som gäller när du söker lov för att bygga.")

    assert found(tier1_agent, "bygglov") == [about.pk, mentions.pk]


def test_the_snippet_marks_the_words_that_matched(tier1_agent, waste_article):
    hit = selectors.search(actor=tier1_agent, query="när hämtas soporna").hits[0]

    marked = [text for text, is_match in hit.snippet if is_match]
    assert "Soporna" in marked
    assert "hämtas" in marked


def test_stop_words_alone_find_nothing(tier1_agent, waste_article):
    assert found(tier1_agent, "och på för") == []


def test_a_search_that_found_nothing_is_counted_without_personal_numbers(tier1_agent):
    for _ in range(2):
        services.search_recorded(actor=tier1_agent, query="brandlarm 19121212-1212", place="desk")

    report = selectors.owner_report(actor=PUBLISHER)
    assert report.unanswered == [("brandlarm …", "desk", 2)]


def test_a_new_article_is_found_by_the_next_search(tier1_agent, publish: Publish):
    assert found(tier1_agent, "simhall") == []

    article = publish("Simhallar", "Öppettider för stadens simhallar.")

    assert found(tier1_agent, "simhallarnas öppettider") == [article.pk]
    assert Article.objects.count() == 1

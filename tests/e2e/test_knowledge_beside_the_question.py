"""In a real browser: articles appear beside the question as the agent types, and the one
inserted into the answer is recorded when the contact is answered directly."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from kontaktcenter.accounts.models import User
from kontaktcenter.directory.models import Organisation
from kontaktcenter.knowledge import services
from kontaktcenter.knowledge.models import ArticleUse
from tests.knowledge.conftest import PUBLISHER

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-stockholm-2026"


def test_the_agent_inserts_an_article_and_its_use_is_recorded(
    page: Page, live_server, tier1_agent: User, operator: Organisation
) -> None:
    article = services.article_create(
        actor=PUBLISHER,
        organisation=operator,
        title="Öppettider i simhallarna",
        body="Eriksdalsbadet har öppet 06.30–21.00 på vardagar.",
        publish=True,
    )
    tier1_agent.set_password(PASSWORD)
    tier1_agent.save()
    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("Username").fill(tier1_agent.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("button", name="Start contact").click()

    page.keyboard.type("När öppnar simhallen på Eriksdalsbadet?")
    suggestion = page.get_by_role("link", name="Öppettider i simhallarna")
    expect(suggestion).to_be_visible()
    expect(page.get_by_role("button", name="Find articles for the question")).to_be_hidden()
    page.get_by_role("button", name="Insert the answer").click()

    expect(page.get_by_label("Answer given")).to_have_value(
        "Eriksdalsbadet har öppet 06.30–21.00 på vardagar."
    )
    expect(page.get_by_label("Used in the answer")).to_be_checked()
    page.get_by_role("button", name="Close as answered directly").click()
    expect(page.get_by_text("The contact was closed as answered directly.")).to_be_visible()
    assert list(ArticleUse.objects.values_list("article", flat=True)) == [article.pk]

"""Published articles as given state, and an index that starts empty in every test."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from kontaktcenter.accounts.actors import SystemActor
from kontaktcenter.directory.models import Organisation
from kontaktcenter.knowledge import services
from kontaktcenter.knowledge.models import Article

PUBLISHER = SystemActor("test-setup")

Publish = Callable[..., Article]


@pytest.fixture
def publish(operator: Organisation) -> Publish:
    """Publish an article at once, as an import of approved texts does."""

    def make(title: str, body: str, **fields: Any) -> Article:
        fields.setdefault("organisation", operator)
        return services.article_create(
            actor=PUBLISHER, title=title, body=body, publish=True, **fields
        )

    return make


@pytest.fixture
def waste_article(publish: Publish) -> Article:
    return publish(
        "Sophämtning för villor och radhus",
        "Soporna hämtas varannan vecka från villor och radhus. Ställ kärlet vid tomtgränsen "
        "före klockan 06 på hämtningsdagen. Trädgårdsavfall hämtas inte i kärlet.",
        keywords=["soptunna", "avfall"],
    )


@pytest.fixture
def parking_article(publish: Publish) -> Article:
    return publish(
        "Boendeparkering",
        "Du som är folkbokförd på en gata med boendeparkering kan ansöka om "
        "parkeringstillstånd i e-tjänsten. Tillståndet gäller i din egen zon.",
        audience="public",
    )

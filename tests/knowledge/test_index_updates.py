"""The in-memory index kept up to date change by change ranks exactly as one built afresh."""

from __future__ import annotations

import random

from kontaktcenter.knowledge.index import Document, KnowledgeIndex

WORDS = (
    "sophämtning",
    "soporna",
    "kärlet",
    "tomtgränsen",
    "hämtdag",
    "grovavfall",
    "återvinningscentral",
    "möbler",
    "boendeparkering",
    "parkeringstillstånd",
    "zon",
    "bilen",
    "simhallen",
    "badet",
    "öppettider",
    "simskola",
    "bygglov",
    "altan",
    "plank",
    "friggebod",
    "förskola",
    "kö",
    "avgift",
    "snöröjning",
    "halka",
    "gatubelysning",
    "lampa",
)
QUERIES = (
    "sophämtnig",
    "parkeringstillstånd för bilen",
    "simhallens öppettider",
    "grovavfall möbler",
    "bygglov altan",
    "förskolekö",
)


def _document(article_id: int, rng: random.Random) -> Document:
    return Document(
        article_id=article_id,
        organisation_id=1 + article_id % 3,
        audience=rng.choice(("internal", "public", "both")),
        title=" ".join(rng.sample(WORDS, 3)),
        body_text=" ".join(rng.choices(WORDS, k=rng.randint(5, 30))),
        keywords=tuple(rng.sample(WORDS, 2)),
    )


def _ranking(index: KnowledgeIndex) -> list[list[tuple[int, float]]]:
    return [
        [(hit.article_id, hit.score) for hit in index.rank(query, limit=20).hits]
        for query in QUERIES
    ]


def test_an_index_changed_article_by_article_ranks_like_a_fresh_one():
    rng = random.Random(7)  # noqa: S311 - test data, not secrets
    live = KnowledgeIndex()
    documents: dict[int, Document] = {}
    for article_id in range(1, 61):
        documents[article_id] = _document(article_id, rng)
        live.put(documents[article_id])
    _ranking(live)  # fill the n-gram caches, so the changes below must patch them

    for _ in range(80):
        article_id = rng.randint(1, 80)
        if article_id in documents and rng.random() < 0.3:
            del documents[article_id]
            live.remove(article_id)
        else:
            documents[article_id] = _document(article_id, rng)
            live.put(documents[article_id])
        if rng.random() < 0.3:
            _ranking(live)

    fresh = KnowledgeIndex()
    for article_id in sorted(documents):
        fresh.put(documents[article_id])
    assert _ranking(live) == _ranking(fresh)

"""The knowledge base's search: the in-memory index kept in step with the database.

Each process keeps one `KnowledgeIndex` (index.py). Every change to an article or a synonym
raises the database's index generation in the same transaction and stamps the changed article
with it, so before each search one small query tells whether the index is current; when it is
not, only the articles changed since are read again. The first search of a process reads every
published article once.

The database stores and filters; the ranking is computed here, identically on SQLite and
PostgreSQL.
"""

from __future__ import annotations

import html
import threading
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

import nh3
from django.db import transaction
from django.db.models import F

from kontaktcenter.knowledge.index import Document, KnowledgeIndex, Ranked
from kontaktcenter.knowledge.models import Article, IndexGeneration, Synonym

_lock = threading.Lock()


@dataclass
class _State:
    index: KnowledgeIndex
    generation: int
    token: str


_state: _State | None = None


def plain_text(body: str) -> str:
    """The words of a sanitised HTML body without its tags, blocks kept apart by new lines."""
    spaced = body.replace("</p>", "</p>\n").replace("<br>", "\n").replace("</li>", "</li>\n")
    text = nh3.clean(spaced, tags=set())
    return html.unescape(text).strip()


def bump_generation() -> int:
    """Raise the index generation; call inside the transaction that changes articles."""
    row, _created = IndexGeneration.objects.get_or_create(pk=1)
    IndexGeneration.objects.filter(pk=1).update(
        generation=F("generation") + 1, token=uuid.uuid4().hex
    )
    row.refresh_from_db()
    return row.generation


def _current() -> tuple[int, str]:
    row = IndexGeneration.objects.filter(pk=1).values_list("generation", "token").first()
    return (row[0], row[1]) if row else (0, "")


def _document(article: Article) -> Document | None:
    version = article.published
    if version is None or article.archived:
        return None
    return Document(
        article_id=article.pk,
        organisation_id=article.organisation_id,
        audience=article.audience,
        title=version.title,
        body_text=plain_text(version.body),
        keywords=tuple(version.keywords),
    )


def _load(index: KnowledgeIndex, articles: Iterable[Article]) -> None:
    for article in articles:
        document = _document(article)
        if document is None:
            index.remove(article.pk)
        else:
            index.put(document)


def _published() -> Iterable[Article]:
    return (
        Article.objects.select_related("published")
        .only(
            "id",
            "organisation_id",
            "audience",
            "archived",
            "published__title",
            "published__body",
            "published__keywords",
        )
        .order_by("pk")
        .iterator(chunk_size=2000)
    )


def current_index() -> KnowledgeIndex:
    """The index as of the last committed change, read again in part when it changed."""
    global _state  # noqa: PLW0603 - one index per process, guarded by the lock
    generation, token = _current()
    with _lock:
        state = _state
        if state is not None and (state.generation, state.token) == (generation, token):
            return state.index
        with transaction.atomic():
            generation, token = _current()
            if state is None or generation <= state.generation:
                # A first search, or a database that went back (a restore, a test's rollback).
                index = KnowledgeIndex()
                _load(index, _published())
            else:
                index = state.index
                _load(
                    index,
                    Article.objects.select_related("published")
                    .filter(index_generation__gt=state.generation)
                    .order_by("pk"),
                )
            index.set_synonyms(Synonym.objects.values_list("words", flat=True))
        _state = _State(index=index, generation=generation, token=token)
        return index


def forget_index() -> None:
    """Drop this process's index (tests that roll the database back start afresh)."""
    global _state  # noqa: PLW0603
    with _lock:
        _state = None


def rank(
    query: str,
    *,
    limit: int,
    audiences: Iterable[str] | None,
    organisation_ids: Iterable[int] | None,
) -> tuple[Ranked, KnowledgeIndex]:
    index = current_index()
    with _lock:
        return (
            index.rank(query, limit=limit, audiences=audiences, organisation_ids=organisation_ids),
            index,
        )

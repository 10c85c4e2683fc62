"""Every read of the knowledge base, scoped by the policy.

`search` is the one way to find articles: the desk, the portal, the command line and (later)
the REST API call it, so they rank alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q, QuerySet, Sum

from kontaktcenter.accounts.actors import Actor, organisation_scope
from kontaktcenter.accounts.models import User
from kontaktcenter.accounts.roles import Role
from kontaktcenter.core.clock import today
from kontaktcenter.core.errors import NotFound
from kontaktcenter.directory.models import Organisation
from kontaktcenter.knowledge import errors, policies
from kontaktcenter.knowledge.choices import VersionStatus
from kontaktcenter.knowledge.index import snippet
from kontaktcenter.knowledge.models import (
    Article,
    ArticleUse,
    ArticleVersion,
    Synonym,
    UnansweredQuery,
)
from kontaktcenter.knowledge.search import rank

MAX_LIMIT = 100


@dataclass(frozen=True)
class SearchHit:
    id: int
    title: str
    score: float
    audience: str
    organisation_id: int
    # (text, is_match) pieces of the best passage, to show with the matches marked.
    snippet: list[tuple[str, bool]]
    # The article's text without markup: what an agent inserts into their answer.
    body_text: str


@dataclass(frozen=True)
class SearchResult:
    hits: list[SearchHit]
    # The query with misspelt words corrected, "" when nothing needed correcting.
    did_you_mean: str


def search(
    *,
    actor: Actor,
    query: str,
    limit: int = 10,
    audiences: Iterable[str] | None = None,
    organisation_ids: Iterable[int] | None = None,
) -> SearchResult:
    """Published articles the actor may read that answer the query, best first.

    `audiences` narrows to some audiences (within what the actor may read), `organisation_ids`
    to some owning organisations."""
    allowed = set(policies.readable_audiences(actor))
    if audiences is not None:
        allowed &= set(audiences)
    limit = max(1, min(limit, MAX_LIMIT))
    ranked, index = rank(
        query[:500], limit=limit, audiences=allowed, organisation_ids=organisation_ids
    )
    hits = []
    for hit in ranked.hits:
        document = index.document(hit.article_id)
        if document is None:
            continue
        hits.append(
            SearchHit(
                id=hit.article_id,
                title=document.title,
                score=hit.score,
                audience=document.audience,
                organisation_id=document.organisation_id,
                snippet=snippet(document.body_text, ranked.matched),
                body_text=document.body_text,
            )
        )
    return SearchResult(hits=hits, did_you_mean=ranked.suggestion)


def article_get(*, actor: Actor, article_id: int) -> Article:
    """A published article the actor may read, or one the actor may edit (with its drafts)."""
    article = (
        Article.objects.select_related("published", "organisation", "case_category", "owner")
        .filter(pk=article_id)
        .first()
    )
    if article is None:
        raise NotFound(errors.ARTICLE_NOT_FOUND)
    if policies.may_edit(actor, organisation_id=article.organisation_id, owner_id=article.owner_id):
        return article
    readable = (
        article.published_id is not None
        and not article.archived
        and article.audience in policies.readable_audiences(actor)
    )
    if not readable:
        raise NotFound(errors.ARTICLE_NOT_FOUND)
    return article


def related_articles(*, actor: Actor, article: Article) -> list[Article]:
    return list(
        article.related.filter(
            published__isnull=False,
            archived=False,
            audience__in=policies.readable_audiences(actor),
        ).select_related("published")
    )


def article_versions(*, actor: Actor, article: Article) -> QuerySet[ArticleVersion]:
    """The history of an article; only those who may edit it see it."""
    if not policies.may_edit(
        actor, organisation_id=article.organisation_id, owner_id=article.owner_id
    ):
        raise NotFound(errors.ARTICLE_NOT_FOUND)
    return article.versions.order_by("-number")


def version_get(*, actor: Actor, version_id: int) -> ArticleVersion:
    version = ArticleVersion.objects.select_related("article").filter(pk=version_id).first()
    if version is None:
        raise NotFound(errors.ARTICLE_NOT_FOUND)
    article = version.article
    may_see = policies.may_edit(
        actor, organisation_id=article.organisation_id, owner_id=article.owner_id
    ) or policies.may_approve(actor, organisation_id=article.organisation_id)
    if not may_see:
        raise NotFound(errors.ARTICLE_NOT_FOUND)
    return version


def _scoped(actor: Actor) -> Q | None:
    organisations = policies.report_organisations(actor)
    if organisations is None:
        return Q()
    organisations = list(organisations)
    return Q(organisation_id__in=organisations) if organisations else None


def articles_for_owners(*, actor: Actor) -> QuerySet[Article]:
    """The articles of the organisations whose knowledge the actor looks after."""
    scope = _scoped(actor)
    if scope is None:
        return Article.objects.none()
    return (
        Article.objects.filter(scope)
        .select_related("published", "organisation")
        .order_by("organisation__name", "pk")
    )


def versions_awaiting_approval(*, actor: Actor) -> list[ArticleVersion]:
    versions = ArticleVersion.objects.filter(status=VersionStatus.AWAITING_APPROVAL).select_related(
        "article", "article__organisation"
    )
    return [
        version
        for version in versions.order_by("created_at")[:200]
        if policies.may_approve(actor, organisation_id=version.article.organisation_id)
    ]


@dataclass(frozen=True)
class OwnerReport:
    most_used: list[tuple[Article, int]]
    overdue: list[Article]
    unanswered: list[tuple[str, str, int]]
    helpful: dict[int, tuple[int, int]]


def owner_report(*, actor: Actor, days: int = 90) -> OwnerReport:
    """What owners need: the articles used most, those overdue for review, the searches that
    found nothing (all places, as a missing article is missing everywhere)."""
    articles = articles_for_owners(actor=actor)
    since = today() - timedelta(days=days)
    used = (
        ArticleUse.objects.filter(article__in=articles, used_at__date__gte=since)
        .values("article")
        .annotate(times=Count("id"))
        .order_by("-times", "article")[:20]
    )
    by_id = articles.in_bulk([row["article"] for row in used])
    most_used = [(by_id[row["article"]], row["times"]) for row in used if row["article"] in by_id]
    overdue = list(
        articles.filter(review_by__lt=today(), archived=False).order_by("review_by")[:100]
    )
    unanswered = []
    if policies.report_organisations(actor) != ():
        unanswered = [
            (row["query"], row["place"], row["times"])
            for row in UnansweredQuery.objects.filter(day__gte=since)
            .values("query", "place")
            .annotate(times=Sum("count"))
            .order_by("-times", "query")[:50]
        ]
    feedback = articles.annotate(
        yes=Count("feedback", filter=Q(feedback__helpful=True)),
        no=Count("feedback", filter=Q(feedback__helpful=False)),
    ).filter(Q(yes__gt=0) | Q(no__gt=0))
    helpful = {article.pk: (article.yes, article.no) for article in feedback}
    return OwnerReport(most_used=most_used, overdue=overdue, unanswered=unanswered, helpful=helpful)


def synonyms() -> QuerySet[Synonym]:
    return Synonym.objects.order_by("pk")


def articles_for_export(*, actor: Actor) -> Iterator[Article]:
    """Every published article the actor may read, with what the export writes."""
    return (
        Article.objects.filter(
            published__isnull=False, audience__in=policies.readable_audiences(actor)
        )
        .select_related("published", "organisation")
        .prefetch_related("categories")
        .order_by("pk")
        .iterator(chunk_size=500)
    )


def articles_by_ids(*, actor: Actor, article_ids: Iterable[int]) -> list[Article]:
    """The published articles among the ids that the actor may read (what an agent used)."""
    return list(
        Article.objects.filter(
            pk__in=list(article_ids),
            published__isnull=False,
            archived=False,
            audience__in=policies.readable_audiences(actor),
        )
    )


def organisations_for_writing(*, actor: Actor) -> QuerySet[Organisation]:
    """The organisations whose articles the actor may write."""
    organisations = Organisation.objects.order_by("name")
    if isinstance(actor, User) and actor.role != Role.SYSTEM_ADMIN:
        if not policies.may_write_any(actor):
            return organisations.none()
        return organisations.filter(pk__in=organisation_scope(actor))
    return organisations if policies.may_write_any(actor) else organisations.none()


def synonym_get(*, actor: Actor, synonym_id: int) -> Synonym:
    synonym = Synonym.objects.filter(pk=synonym_id).first()
    if synonym is None or not policies.may_manage_synonyms(actor):
        raise NotFound(errors.ARTICLE_NOT_FOUND)
    return synonym


def no_organisations() -> QuerySet[Organisation]:
    """An empty choice list, for a form that fills its own in later."""
    return Organisation.objects.none()

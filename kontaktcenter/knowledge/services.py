"""Every write of the knowledge base: articles, versions and their approval, synonyms, use,
feedback and searches that found nothing.

Each function is one transaction that checks the policy; a change that alters what search
finds raises the index generation in the same transaction (search.bump_generation).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import nh3
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from kontaktcenter.accounts.actors import Actor, SystemActor, actor_label, staff_user
from kontaktcenter.accounts.models import User
from kontaktcenter.cases import services as case_services
from kontaktcenter.cases.models import Contact
from kontaktcenter.core.clock import now, today
from kontaktcenter.core.errors import (
    REQUIRED,
    TOO_LONG,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from kontaktcenter.directory.models import Organisation
from kontaktcenter.knowledge import errors, policies, selectors
from kontaktcenter.knowledge.choices import Audience, SearchPlace, VersionStatus
from kontaktcenter.knowledge.models import (
    Article,
    ArticleFeedback,
    ArticleUse,
    ArticleVersion,
    Synonym,
    UnansweredQuery,
)
from kontaktcenter.knowledge.search import bump_generation
from kontaktcenter.routing.models import Category

TITLE_MAX_LENGTH = 200
BODY_MAX_LENGTH = 50_000
KEYWORD_MAX_LENGTH = 60
# The rich text an article may hold; everything else is removed, scripts and styles with
# their content.
ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "h2", "h3", "blockquote"}
)
ALLOWED_ATTRIBUTES = {"a": {"href"}}
_DIGIT_RUN = re.compile(r"\d[\d\s-]{5,}\d")


def sanitise_body(body: str) -> str:
    """Safe rich text: allowed tags only, links with rel="noopener noreferrer nofollow"."""
    text = body.strip()
    if "<" not in text:
        # Plain text from an import or a plain form: paragraphs at blank lines.
        paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]
        text = "".join(f"<p>{nh3.clean_text(part)}</p>" for part in paragraphs)
        return text.replace("\n", "<br>")
    return nh3.clean(
        text,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer nofollow",
    )


def _clean_title(title: str) -> str:
    cleaned = " ".join(title.split())
    if not cleaned:
        raise ValidationError(REQUIRED, field="title", label=_("Title"))
    if len(cleaned) > TITLE_MAX_LENGTH:
        raise ValidationError(TOO_LONG, field="title", label=_("Title"), max=TITLE_MAX_LENGTH)
    return cleaned


def _clean_body(body: str) -> str:
    if len(body) > BODY_MAX_LENGTH:
        raise ValidationError(TOO_LONG, field="body", label=_("Text"), max=BODY_MAX_LENGTH)
    cleaned = sanitise_body(body)
    if not nh3.clean(cleaned, tags=set()).strip():
        raise ValidationError(errors.EMPTY_BODY, field="body")
    return cleaned


def _clean_keywords(keywords: Sequence[str]) -> list[str]:
    cleaned: list[str] = []
    for keyword in keywords:
        word = " ".join(str(keyword).split())[:KEYWORD_MAX_LENGTH]
        if word and word.casefold() not in {seen.casefold() for seen in cleaned}:
            cleaned.append(word)
    return cleaned


def _clean_audience(audience: str) -> str:
    if audience not in Audience.values:
        raise ValidationError(errors.AUDIENCE_INVALID, field="audience")
    return audience


def _clean_eservice_path(path: str) -> str:
    cleaned = path.strip()
    if cleaned and (not cleaned.startswith("/") or cleaned.startswith("//") or " " in cleaned):
        raise ValidationError(errors.ESERVICE_PATH_INVALID, field="eservice_path")
    return cleaned[:200]


def _check_edit(actor: Actor, article: Article) -> None:
    if not policies.may_edit(
        actor, organisation_id=article.organisation_id, owner_id=article.owner_id
    ):
        raise PermissionDenied(errors.NOT_ALLOWED)


def _stamp(article: Article) -> None:
    """Mark the article changed for every process's search index."""
    article.index_generation = bump_generation()
    Article.objects.filter(pk=article.pk).update(index_generation=article.index_generation)


def _new_version(
    *, actor: Actor, article: Article, title: str, body: str, keywords: Sequence[str]
) -> ArticleVersion:
    last = article.versions.order_by("-number").values_list("number", flat=True).first() or 0
    return ArticleVersion.objects.create(
        article=article,
        number=last + 1,
        title=_clean_title(title),
        body=_clean_body(body),
        keywords=_clean_keywords(keywords),
        author=staff_user(actor),
        author_label=actor_label(actor),
        created_at=now(),
    )


@transaction.atomic
def article_create(
    *,
    actor: Actor,
    organisation: Organisation,
    title: str,
    body: str,
    audience: str = Audience.BOTH,
    keywords: Sequence[str] = (),
    categories: Sequence[Category] = (),
    owner: User | None = None,
    review_by: date | None = None,
    case_category: Category | None = None,
    eservice_path: str = "",
    publish: bool = False,
) -> Article:
    """A new article with its first version as a draft. `publish` (the command line's import
    only) publishes it at once, as an operator importing approved texts does."""
    if not policies.may_edit(actor, organisation_id=organisation.pk, owner_id=None):
        raise PermissionDenied(errors.NOT_ALLOWED)
    if publish and not isinstance(actor, SystemActor):
        raise PermissionDenied(errors.NOT_ALLOWED)
    article = Article.objects.create(
        organisation=organisation,
        audience=_clean_audience(audience),
        owner=owner if owner is not None else staff_user(actor),
        review_by=review_by,
        case_category=case_category,
        eservice_path=_clean_eservice_path(eservice_path),
        created_at=now(),
    )
    article.categories.set(categories)
    version = _new_version(actor=actor, article=article, title=title, body=body, keywords=keywords)
    if publish:
        _publish(actor=actor, version=version)
        article.published = version
        article.index_generation = version.article.index_generation
    return article


@transaction.atomic
def article_revise(
    *, actor: Actor, article: Article, title: str, body: str, keywords: Sequence[str]
) -> ArticleVersion:
    """A new draft version; the published one stays in place until the draft is approved."""
    _check_edit(actor, article)
    return _new_version(actor=actor, article=article, title=title, body=body, keywords=keywords)


@transaction.atomic
def article_settings_update(
    *,
    actor: Actor,
    article: Article,
    audience: str,
    review_by: date | None,
    categories: Sequence[Category],
    related: Sequence[Article],
    case_category: Category | None,
    eservice_path: str,
    archived: bool,
) -> Article:
    """Who reads the article, when it is next reviewed, where the matter continues."""
    _check_edit(actor, article)
    article.audience = _clean_audience(audience)
    article.review_by = review_by
    article.case_category = case_category
    article.eservice_path = _clean_eservice_path(eservice_path)
    article.archived = archived
    article.save(
        update_fields=["audience", "review_by", "case_category", "eservice_path", "archived"]
    )
    article.categories.set(categories)
    article.related.set([other for other in related if other.pk != article.pk])
    _stamp(article)
    return article


@transaction.atomic
def version_submit(*, actor: Actor, version: ArticleVersion) -> ArticleVersion:
    """The author asks for approval."""
    locked = ArticleVersion.objects.select_for_update().select_related("article").get(pk=version.pk)
    _check_edit(actor, locked.article)
    if locked.status not in {VersionStatus.DRAFT, VersionStatus.REJECTED}:
        raise ValidationError(errors.NOT_A_DRAFT)
    locked.status = VersionStatus.AWAITING_APPROVAL
    locked.save(update_fields=["status"])
    return locked


def _check_approver(actor: Actor, version: ArticleVersion) -> None:
    if not policies.may_approve(actor, organisation_id=version.article.organisation_id):
        raise PermissionDenied(errors.NOT_ALLOWED)
    if isinstance(actor, User) and version.author_id == actor.pk:
        raise PermissionDenied(errors.OWN_VERSION)


@transaction.atomic
def version_approve(*, actor: Actor, version: ArticleVersion, note: str = "") -> ArticleVersion:
    """Someone other than the author approves: the version is published at once."""
    locked = ArticleVersion.objects.select_for_update().select_related("article").get(pk=version.pk)
    _check_approver(actor, locked)
    if locked.status != VersionStatus.AWAITING_APPROVAL:
        raise ValidationError(errors.NOT_AWAITING_APPROVAL)
    locked.decision_note = note.strip()[:2000]
    _publish(actor=actor, version=locked)
    return locked


@transaction.atomic
def version_return(*, actor: Actor, version: ArticleVersion, note: str) -> ArticleVersion:
    """The approver sends the version back to its author with a note."""
    locked = ArticleVersion.objects.select_for_update().select_related("article").get(pk=version.pk)
    _check_approver(actor, locked)
    if locked.status != VersionStatus.AWAITING_APPROVAL:
        raise ValidationError(errors.NOT_AWAITING_APPROVAL)
    if not note.strip():
        raise ValidationError(REQUIRED, field="note", label=_("Note"))
    locked.status = VersionStatus.REJECTED
    locked.decided_by = staff_user(actor)
    locked.decided_by_label = actor_label(actor)
    locked.decided_at = now()
    locked.decision_note = note.strip()[:2000]
    locked.save(
        update_fields=["status", "decided_by", "decided_by_label", "decided_at", "decision_note"]
    )
    return locked


def _publish(*, actor: Actor, version: ArticleVersion) -> None:
    article = Article.objects.select_for_update().get(pk=version.article_id)
    version.article = article
    if article.published_id is not None:
        ArticleVersion.objects.filter(pk=article.published_id).update(
            status=VersionStatus.SUPERSEDED
        )
    version.status = VersionStatus.PUBLISHED
    version.decided_by = staff_user(actor)
    version.decided_by_label = actor_label(actor)
    version.decided_at = now()
    version.save(
        update_fields=["status", "decided_by", "decided_by_label", "decided_at", "decision_note"]
    )
    article.published = version
    article.save(update_fields=["published"])
    _stamp(article)


@transaction.atomic
def synonym_create(*, actor: Actor, words: Sequence[str]) -> Synonym:
    if not policies.may_manage_synonyms(actor):
        raise PermissionDenied(errors.NOT_ALLOWED)
    cleaned: list[str] = []
    for word in words:
        text = " ".join(str(word).split())[:KEYWORD_MAX_LENGTH]
        if text and text.casefold() not in {seen.casefold() for seen in cleaned}:
            cleaned.append(text)
    if len(cleaned) < 2:
        raise ValidationError(errors.SYNONYM_TOO_FEW, field="words")
    synonym = Synonym.objects.create(
        words=cleaned, created_at=now(), created_by_label=actor_label(actor)
    )
    bump_generation()
    return synonym


@transaction.atomic
def synonym_delete(*, actor: Actor, synonym: Synonym) -> None:
    if not policies.may_manage_synonyms(actor):
        raise PermissionDenied(errors.NOT_ALLOWED)
    synonym.delete()
    bump_generation()


@transaction.atomic
def contact_answer_with_articles(
    *,
    actor: Actor,
    contact: Contact,
    articles: Sequence[Article],
    answer_note: str = "",
    category: Category | None = None,
    question: str | None = None,
) -> Contact:
    """Close the contact as answered directly (S3) and record the articles the answer used,
    each with the version the agent read."""
    case_services.contact_answer_directly(
        actor=actor,
        contact=contact,
        answer_note=answer_note,
        category=category,
        question=question,
    )
    used_at = now()
    # The version read now, not the one the caller's copy had when the page was drawn.
    published = Article.objects.filter(
        pk__in=[article.pk for article in articles], published__isnull=False
    ).values_list("pk", "published_id")
    ArticleUse.objects.bulk_create(
        [
            ArticleUse(
                article_id=article_id, version_id=version_id, contact=contact, used_at=used_at
            )
            for article_id, version_id in published
        ]
    )
    return contact


@transaction.atomic
def feedback_record(*, actor: Actor, article: Article, helpful: bool) -> ArticleFeedback:
    """A reader's answer to "did this answer your question?" about an article they may read;
    who answered is not kept."""
    readable = (
        article.published_id is not None
        and not article.archived
        and article.audience in policies.readable_audiences(actor)
    )
    if not readable:
        raise NotFound(errors.ARTICLE_NOT_FOUND)
    return ArticleFeedback.objects.create(article=article, helpful=helpful, created_at=now())


def unanswered_query_record(*, query: str, place: str) -> None:
    """Count a search that found nothing, without the personal numbers typed into it."""
    text = _DIGIT_RUN.sub("…", " ".join(query.split()))[:200]
    if not text or place not in SearchPlace.values:
        return
    day = today()
    with transaction.atomic():
        updated = UnansweredQuery.objects.filter(query=text, place=place, day=day).update(
            count=F("count") + 1
        )
        if updated:
            return
        try:
            with transaction.atomic():
                UnansweredQuery.objects.create(query=text, place=place, day=day)
        except IntegrityError:
            # Someone else counted the same query first today.
            UnansweredQuery.objects.filter(query=text, place=place, day=day).update(
                count=F("count") + 1
            )


@dataclass(frozen=True)
class ImportRow:
    """One article to import, already matched to its organisation and categories."""

    title: str
    body: str
    organisation: Organisation
    audience: str = Audience.BOTH
    keywords: tuple[str, ...] = ()
    categories: tuple[Category, ...] = ()


def import_row_check(row: ImportRow) -> ImportRow:
    """The row with its text cleaned, or the ValidationError the import would meet."""
    return ImportRow(
        title=_clean_title(row.title),
        body=_clean_body(row.body),
        organisation=row.organisation,
        audience=_clean_audience(row.audience),
        keywords=tuple(_clean_keywords(row.keywords)),
        categories=row.categories,
    )


@transaction.atomic
def articles_import(*, actor: Actor, rows: Sequence[ImportRow]) -> list[Article]:
    """Publish already approved texts in bulk, one transaction per call: the command line's
    `kb import` calls it per chunk of rows. Only a system actor imports."""
    if not isinstance(actor, SystemActor):
        raise PermissionDenied(errors.NOT_ALLOWED)
    checked = [import_row_check(row) for row in rows]
    generation = bump_generation()
    moment = now()
    articles = Article.objects.bulk_create(
        [
            Article(
                organisation=row.organisation,
                audience=row.audience,
                created_at=moment,
                index_generation=generation,
            )
            for row in checked
        ]
    )
    versions = ArticleVersion.objects.bulk_create(
        [
            ArticleVersion(
                article=article,
                number=1,
                title=row.title,
                body=row.body,
                keywords=list(row.keywords),
                status=VersionStatus.PUBLISHED,
                author_label=actor_label(actor),
                created_at=moment,
                decided_by_label=actor_label(actor),
                decided_at=moment,
            )
            for article, row in zip(articles, checked, strict=True)
        ]
    )
    for article, version in zip(articles, versions, strict=True):
        article.published = version
    Article.objects.bulk_update(articles, ["published"])
    links = [
        Article.categories.through(article_id=article.pk, category_id=category.pk)
        for article, row in zip(articles, checked, strict=True)
        for category in {category.pk: category for category in row.categories}.values()
    ]
    Article.categories.through.objects.bulk_create(links)
    return articles


def search_recorded(
    *,
    actor: Actor,
    query: str,
    place: str,
    limit: int = 10,
    audiences: Sequence[str] | None = None,
    organisation_ids: Sequence[int] | None = None,
) -> selectors.SearchResult:
    """Search, and count the query among those that found nothing when it did."""
    result = selectors.search(
        actor=actor,
        query=query,
        limit=limit,
        audiences=audiences,
        organisation_ids=organisation_ids,
    )
    if not result.hits and query.strip():
        unanswered_query_record(query=query, place=place)
    return result

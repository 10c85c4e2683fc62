"""Articles, their versions, and what the knowledge base learns from its use."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kontaktcenter.knowledge.choices import Audience, SearchPlace, VersionStatus


class Article(models.Model):
    """An answer owned by an organisation. Its words live in versions; `published` is the one
    agents and residents read, and the only one search finds."""

    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="articles",
    )
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.BOTH
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_articles",
    )
    review_by = models.DateField(_("review by"), null=True, blank=True)
    categories = models.ManyToManyField(
        "routing.Category", verbose_name=_("categories"), blank=True, related_name="articles"
    )
    related = models.ManyToManyField(
        "self", verbose_name=_("related articles"), blank=True, symmetrical=True
    )
    # Where the matter continues when the article does not settle it.
    case_category = models.ForeignKey(
        "routing.Category",
        verbose_name=_("case type that continues the matter"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    eservice_path = models.CharField(_("e-service form"), max_length=200, blank=True)
    published = models.ForeignKey(
        "knowledge.ArticleVersion",
        verbose_name=_("published version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    archived = models.BooleanField(_("archived"), default=False)
    created_at = models.DateTimeField(_("created at"))
    # The index generation of the article's last change: a search process that has seen
    # generation N reloads exactly the articles changed after it.
    index_generation = models.BigIntegerField(default=0, db_index=True)

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [models.Index(fields=["organisation", "review_by"])]

    def __str__(self) -> str:
        return self.published.title if self.published else f"#{self.pk}"


class ArticleVersion(models.Model):
    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    author_label = models.CharField(_("written by"), max_length=160)
    created_at = models.DateTimeField(_("created at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved or returned by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_by_label = models.CharField(max_length=160, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("article version")
        verbose_name_plural = _("article versions")
        ordering = ["article", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="knowledge_version_number")
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.title} (v{self.number})"


class Synonym(models.Model):
    """Words that mean the same to residents and to the city: "sophämtning, avfallshämtning".
    A query with one of them also finds articles with the others."""

    words = models.JSONField(_("words"))
    created_at = models.DateTimeField(_("created at"))
    created_by_label = models.CharField(max_length=160)

    class Meta:
        verbose_name = _("synonym")
        verbose_name_plural = _("synonyms")

    def __str__(self) -> str:
        return " ~ ".join(self.words)


class ArticleUse(models.Model):
    """An article an agent used to answer a contact directly (S3)."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="uses"
    )
    version = models.ForeignKey(
        ArticleVersion, verbose_name=_("version"), on_delete=models.PROTECT, related_name="+"
    )
    contact = models.ForeignKey(
        "cases.Contact",
        verbose_name=_("contact"),
        on_delete=models.CASCADE,
        related_name="article_uses",
    )
    used_at = models.DateTimeField(_("used at"))

    class Meta:
        verbose_name = _("article use")
        verbose_name_plural = _("article uses")
        constraints = [
            models.UniqueConstraint(fields=["contact", "article"], name="knowledge_use_once")
        ]
        indexes = [models.Index(fields=["article", "used_at"])]

    def __str__(self) -> str:
        return f"{self.article_id} @ {self.contact_id}"


class ArticleFeedback(models.Model):
    """A resident's "did this answer your question?"; no personal data is kept."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="feedback"
    )
    helpful = models.BooleanField(_("answered the question"))
    created_at = models.DateTimeField(_("given at"))

    class Meta:
        verbose_name = _("article feedback")
        verbose_name_plural = _("article feedback")
        indexes = [models.Index(fields=["article", "created_at"])]

    def __str__(self) -> str:
        return f"{self.article_id}: {self.helpful}"


class UnansweredQuery(models.Model):
    """A search that found nothing, counted per day and place, so owners see what is missing.
    Long digit runs (personal identity numbers, phone numbers) are masked before saving."""

    query = models.CharField(_("query"), max_length=200)
    place = models.CharField(_("where"), max_length=20, choices=SearchPlace.choices)
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("times"), default=1)

    class Meta:
        verbose_name = _("search without answer")
        verbose_name_plural = _("searches without answer")
        constraints = [
            models.UniqueConstraint(
                fields=["query", "place", "day"], name="knowledge_unanswered_once_a_day"
            )
        ]
        indexes = [models.Index(fields=["day"])]

    def __str__(self) -> str:
        return self.query


class IndexGeneration(models.Model):
    """One row: the generation of the last change to any article or synonym. A search process
    compares it with the generation its in-memory index was built at."""

    generation = models.BigIntegerField(default=0)
    # Changed with every generation, so a database rolled back to an older generation and
    # changed again is not mistaken for the one the index was built from.
    token = models.CharField(max_length=32, default="")

    class Meta:
        verbose_name = _("search index generation")

    def __str__(self) -> str:
        return str(self.generation)

"""The knowledge base in the desk: search, read, write, approve, and the owners' report."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kontaktcenter.core.errors import NotFound, ServiceError
from kontaktcenter.desk.knowledge_forms import (
    ArticleCreateForm,
    ArticleSettingsForm,
    ArticleTextForm,
    DecisionForm,
    KnowledgeSearchForm,
    SynonymForm,
    keywords_of,
)
from kontaktcenter.desk.views.common import current_user, report, show_on_form
from kontaktcenter.knowledge import policies, selectors, services
from kontaktcenter.knowledge.choices import Audience, SearchPlace, VersionStatus

if TYPE_CHECKING:
    from kontaktcenter.knowledge.models import Article

# How many articles appear beside the question on the contact page.
SUGGESTIONS = 5


def suggestions_for(request: HttpRequest, question: str) -> selectors.SearchResult | None:
    """The best articles for what the agent has typed so far; None before anything is typed.
    Not counted among searches without answer: a half-typed question is not a search."""
    if not question.strip():
        return None
    return selectors.search(actor=current_user(request), query=question, limit=SUGGESTIONS)


@login_required
def knowledge_suggest(request: HttpRequest) -> HttpResponse:
    """The suggestions as a fragment, for the contact page's script."""
    used = {int(value) for value in request.GET.getlist("used") if value.isdigit()}
    return render(
        request,
        "desk/_knowledge_hits.html",
        {"suggestions": suggestions_for(request, request.GET.get("q", "")[:500]), "used": used},
    )


@login_required
def knowledge_search(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    form = KnowledgeSearchForm(request.GET or None)
    result = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        audience = form.cleaned_data["audience"]
        result = services.search_recorded(
            actor=user,
            query=form.cleaned_data["q"],
            place=SearchPlace.DESK,
            limit=20,
            audiences=[audience, Audience.BOTH] if audience else None,
        )
    return render(
        request,
        "desk/knowledge/search.html",
        {"form": form, "result": result, "may_write": policies.may_write_any(user)},
    )


def _article_or_404(request: HttpRequest, article_id: int) -> Article:
    try:
        return selectors.article_get(actor=current_user(request), article_id=article_id)
    except NotFound:
        raise Http404 from None


@login_required
def knowledge_article(request: HttpRequest, article_id: int) -> HttpResponse:
    user = current_user(request)
    article = _article_or_404(request, article_id)
    may_edit = policies.may_edit(
        user, organisation_id=article.organisation_id, owner_id=article.owner_id
    )
    may_approve = policies.may_approve(user, organisation_id=article.organisation_id)
    versions = list(selectors.article_versions(actor=user, article=article)) if may_edit else []
    return render(
        request,
        "desk/knowledge/article.html",
        {
            "article": article,
            "related": selectors.related_articles(actor=user, article=article),
            "versions": versions,
            "may_edit": may_edit,
            "may_approve": may_approve,
            "decision_form": DecisionForm(),
            "statuses": VersionStatus,
        },
    )


@login_required
def knowledge_article_create(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    organisations = selectors.organisations_for_writing(actor=user)
    if not organisations.exists():
        raise HttpForbidden
    form = ArticleCreateForm(
        request.POST or None,
        organisations=organisations,
        initial={"organisation": user.organisation_id},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            article = services.article_create(
                actor=user,
                organisation=data["organisation"],
                title=data["title"],
                body=data["body"],
                keywords=keywords_of(data["keywords"]),
                audience=data["audience"],
                review_by=data["review_by"],
                eservice_path=data["eservice_path"],
            )
        except ServiceError as error:
            show_on_form(form, error)
        else:
            messages.success(request, _("The draft was saved. Send it for approval when ready."))
            return redirect("desk:knowledge_article", article_id=article.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "desk/knowledge/edit.html", {"form": form}, status=status)


@login_required
def knowledge_article_revise(request: HttpRequest, article_id: int) -> HttpResponse:
    user = current_user(request)
    article = _article_or_404(request, article_id)
    if not policies.may_edit(
        user, organisation_id=article.organisation_id, owner_id=article.owner_id
    ):
        raise HttpForbidden
    latest = article.versions.order_by("-number").first()
    initial = (
        {"title": latest.title, "body": latest.body, "keywords": ", ".join(latest.keywords)}
        if latest
        else {}
    )
    form = ArticleTextForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.article_revise(
                actor=user,
                article=article,
                title=data["title"],
                body=data["body"],
                keywords=keywords_of(data["keywords"]),
            )
        except ServiceError as error:
            show_on_form(form, error)
        else:
            messages.success(request, _("The new version was saved as a draft."))
            return redirect("desk:knowledge_article", article_id=article.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "desk/knowledge/edit.html", {"form": form, "article": article}, status=status
    )


@login_required
def knowledge_article_settings(request: HttpRequest, article_id: int) -> HttpResponse:
    user = current_user(request)
    article = _article_or_404(request, article_id)
    if not policies.may_edit(
        user, organisation_id=article.organisation_id, owner_id=article.owner_id
    ):
        raise HttpForbidden
    initial = {
        "audience": article.audience,
        "review_by": article.review_by,
        "categories": [str(category.pk) for category in article.categories.all()],
        "case_category": str(article.case_category_id or ""),
        "eservice_path": article.eservice_path,
        "related": ", ".join(str(other.pk) for other in article.related.all()),
        "archived": article.archived,
    }
    form = ArticleSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.article_settings_update(
                actor=user,
                article=article,
                audience=data["audience"],
                review_by=data["review_by"],
                categories=data["categories"],
                related=selectors.articles_by_ids(actor=user, article_ids=data["related"]),
                case_category=data["case_category"],
                eservice_path=data["eservice_path"],
                archived=data["archived"],
            )
        except ServiceError as error:
            show_on_form(form, error)
        else:
            messages.success(request, _("The article's settings were saved."))
            return redirect("desk:knowledge_article", article_id=article.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "desk/knowledge/settings.html",
        {"form": form, "article": article},
        status=status,
    )


@login_required
@require_POST
def knowledge_version_decide(request: HttpRequest, version_id: int) -> HttpResponse:
    """Send a version for approval, approve it, or return it to its author."""
    user = current_user(request)
    try:
        version = selectors.version_get(actor=user, version_id=version_id)
    except NotFound:
        raise Http404 from None
    form = DecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    action = request.POST.get("action")
    try:
        if action == "submit":
            services.version_submit(actor=user, version=version)
            messages.success(request, _("The version was sent for approval."))
        elif action == "approve":
            services.version_approve(actor=user, version=version, note=note)
            messages.success(request, _("The version was approved and published."))
        elif action == "return":
            services.version_return(actor=user, version=version, note=note)
            messages.success(request, _("The version was returned to its author."))
        else:
            raise Http404
    except ServiceError as error:
        report(request, error)
    return redirect("desk:knowledge_article", article_id=version.article_id)


@login_required
def knowledge_report(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if policies.report_organisations(user) == () and not policies.may_write_any(user):
        raise HttpForbidden
    return render(
        request,
        "desk/knowledge/report.html",
        {
            "report": selectors.owner_report(actor=user),
            "awaiting": selectors.versions_awaiting_approval(actor=user),
            "articles": selectors.articles_for_owners(actor=user)[:500],
        },
    )


@login_required
def knowledge_synonyms(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not policies.may_manage_synonyms(user):
        raise HttpForbidden
    form = SynonymForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.synonym_create(actor=user, words=keywords_of(form.cleaned_data["words"]))
        except ServiceError as error:
            show_on_form(form, error)
        else:
            messages.success(request, _("The synonyms were added."))
            return redirect("desk:knowledge_synonyms")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "desk/knowledge/synonyms.html",
        {"form": form, "synonyms": selectors.synonyms()},
        status=status,
    )


@login_required
@require_POST
def knowledge_synonym_delete(request: HttpRequest, synonym_id: int) -> HttpResponse:
    user = current_user(request)
    try:
        synonym = selectors.synonym_get(actor=user, synonym_id=synonym_id)
        services.synonym_delete(actor=user, synonym=synonym)
    except NotFound:
        raise Http404 from None
    except ServiceError as error:
        report(request, error)
    else:
        messages.success(request, _("The synonyms were removed."))
    return redirect("desk:knowledge_synonyms")

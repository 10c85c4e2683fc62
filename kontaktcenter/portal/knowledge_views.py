"""The public knowledge pages: residents search and read public articles without logging in
(S16), say whether an article answered their question, and find the way on."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from kontaktcenter.accounts.actors import ResidentActor
from kontaktcenter.core.errors import NotFound
from kontaktcenter.knowledge import selectors, services
from kontaktcenter.knowledge.choices import SearchPlace
from kontaktcenter.portal.knowledge_forms import FeedbackForm, PublicSearchForm

RESIDENT = ResidentActor()
# Where a resident goes on when no article settles the matter (the e-service app's pages).
ESERVICE_PATH = "/e-tjanst/"


def knowledge_search(request: HttpRequest) -> HttpResponse:
    form = PublicSearchForm(request.GET or None)
    result = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        result = services.search_recorded(
            actor=RESIDENT, query=form.cleaned_data["q"], place=SearchPlace.PORTAL, limit=10
        )
    return render(
        request,
        "portal/knowledge/search.html",
        {"form": form, "result": result, "eservice_path": ESERVICE_PATH},
    )


def knowledge_article(request: HttpRequest, article_id: int) -> HttpResponse:
    try:
        article = selectors.article_get(actor=RESIDENT, article_id=article_id)
    except NotFound:
        raise Http404 from None
    if article.published is None or article.archived:
        raise Http404
    return render(
        request,
        "portal/knowledge/article.html",
        {
            "article": article,
            "related": selectors.related_articles(actor=RESIDENT, article=article),
            "thanked": request.GET.get("tack") in {"ja", "nej"},
            "helped": request.GET.get("tack") == "ja",
            "eservice_path": article.eservice_path or ESERVICE_PATH,
        },
    )


@require_POST
def knowledge_feedback(request: HttpRequest, article_id: int) -> HttpResponse:
    try:
        article = selectors.article_get(actor=RESIDENT, article_id=article_id)
    except NotFound:
        raise Http404 from None
    form = FeedbackForm(request.POST)
    if not form.is_valid() or article.published is None:
        return redirect("portal:knowledge_article", article_id=article.pk)
    helpful = form.cleaned_data["helpful"]
    services.feedback_record(actor=RESIDENT, article=article, helpful=helpful)
    url = reverse("portal:knowledge_article", kwargs={"article_id": article.pk})
    return redirect(f"{url}?tack={'ja' if helpful else 'nej'}#feedback")

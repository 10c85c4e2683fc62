"""Tier-1 work: take a contact, then answer it, create a case, refer or transfer it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

if TYPE_CHECKING:
    from kontaktcenter.cases.models import Contact

from kontaktcenter.cases import policies, selectors, services
from kontaktcenter.cases.choices import ContactOutcome
from kontaktcenter.core.errors import ServiceError
from kontaktcenter.desk.forms import (
    OUTCOME_ANSWERED,
    OUTCOME_CASE,
    OUTCOME_REFERRED,
    ContactFinishForm,
    ContactStartForm,
    SearchForm,
)
from kontaktcenter.desk.views.common import current_user, report
from kontaktcenter.desk.views.knowledge import suggestions_for
from kontaktcenter.desk.views.routing import suggestion_for
from kontaktcenter.knowledge import selectors as knowledge_selectors
from kontaktcenter.knowledge import services as knowledge_services
from kontaktcenter.routing.decisions import Routed
from kontaktcenter.routing.services import category_choice_record


@login_required
def contact_desk(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not policies.may_register_contacts(user):
        raise HttpForbidden
    return render(
        request,
        "desk/contact_desk.html",
        {
            "start_form": ContactStartForm(),
            "search_form": SearchForm(),
            "recent_contacts": selectors.recent_contacts(actor=user),
        },
    )


@login_required
@require_POST
def contact_start(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    form = ContactStartForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a channel."))
        return redirect("desk:contact_desk")
    try:
        contact = services.contact_start(actor=user, channel=form.cleaned_data["channel"])
    except ServiceError as error:
        report(request, error)
        return redirect("desk:contact_desk")
    return redirect("desk:contact", contact_id=contact.pk)


@login_required
def contact_detail(request: HttpRequest, contact_id: int) -> HttpResponse:
    user = current_user(request)
    try:
        contact = selectors.contact_get(actor=user, contact_id=contact_id)
    except ServiceError as error:
        report(request, error)
        return redirect("desk:contact_desk")
    if contact.outcome != ContactOutcome.OPEN:
        return render(request, "desk/contact_done.html", {"contact": contact})

    used = [int(value) for value in request.POST.getlist("articles_used") if value.isdigit()]
    asking = request.method == "POST" and "suggest" in request.POST
    question = request.POST.get("question", contact.question) if asking else contact.question
    address = request.POST.get("routing_address", "")
    # A written contact arrives with its question: the suggestion is there when the page opens.
    routed = suggestion_for(question, address, contact.channel)
    if asking:
        return _with_suggestion(request, contact, question, address, routed, used=used)
    if request.method == "POST" and "find_articles" in request.POST:
        # Without JavaScript: the agent asked for articles; keep everything typed so far.
        form = ContactFinishForm(initial=request.POST.dict())
        question = request.POST.get("question", "")
        return render(
            request,
            "desk/contact.html",
            {
                "contact": contact,
                "form": form,
                "suggestions": suggestions_for(request, question),
                "used": set(used),
                "routed": routed,
                "routing_address": address,
            },
        )
    form = ContactFinishForm(request.POST or None, initial={"question": contact.question})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            outcome = data["outcome"]
            if outcome == OUTCOME_ANSWERED:
                knowledge_services.contact_answer_with_articles(
                    actor=user,
                    contact=contact,
                    articles=knowledge_selectors.articles_by_ids(actor=user, article_ids=used),
                    question=data["question"],
                    category=data["category"],
                    answer_note=data["answer"],
                )
                messages.success(request, _("The contact was closed as answered directly."))
            elif outcome == OUTCOME_CASE:
                case = services.case_create(
                    actor=user,
                    contact=contact,
                    question=data["question"],
                    channel=contact.channel,
                    category=data["category"],
                    subject=data["subject"],
                    description=data["description"],
                    resident_name=data["resident_name"],
                    resident_email=data["resident_email"],
                    resident_phone=data["resident_phone"],
                    district=data["district"],
                    concerns=data["concerns"],
                    share_contact_details=data["share_contact_details"],
                )
                messages.success(
                    request,
                    _("Case %(reference)s was created and sent to %(organisation)s.")
                    % {"reference": case.reference, "organisation": case.responsible_organisation},
                )
            elif outcome == OUTCOME_REFERRED:
                services.contact_refer(
                    actor=user,
                    contact=contact,
                    question=data["question"],
                    category=data["category"],
                )
                messages.success(
                    request,
                    _("The contact was registered as referred to %(organisation)s.")
                    % {"organisation": contact.referred_to},
                )
            else:
                services.contact_transfer(
                    actor=user,
                    contact=contact,
                    question=data["question"],
                    to=data["transfer_to"],
                    category=data["category"],
                )
                messages.success(request, _("The contact was registered as transferred."))
        except ServiceError as error:
            report(request, error)
        else:
            if data["category"] is not None and data["question"].strip():
                # The agent accepted or corrected the suggestion: the classifier learns it.
                category_choice_record(
                    actor=user,
                    text=data["question"],
                    chosen=data["category"],
                    suggested_code=request.POST.get("suggested_category", ""),
                    source="contact",
                )
            return redirect("desk:contact_desk")
    status = 400 if request.method == "POST" else 200
    question = request.POST.get("question", "") if request.method == "POST" else contact.question
    return render(
        request,
        "desk/contact.html",
        {
            "contact": contact,
            "form": form,
            "suggestions": suggestions_for(request, question),
            "used": set(used),
            "routed": routed,
            "routing_address": address,
        },
        status=status,
    )


def _with_suggestion(
    request: HttpRequest,
    contact: Contact,
    question: str,
    address: str,
    routed: Routed | None,
    *,
    used: list[int],
) -> HttpResponse:
    """ "Suggest category" without JavaScript: the same form again, with the suggestion."""
    posted = {key: value for key, value in request.POST.items() if key != "suggest"}
    if routed is not None and routed.category is not None and not posted.get("category"):
        posted["category"] = str(routed.category.pk)
    if routed is not None and routed.district is not None and not posted.get("district"):
        posted["district"] = str(routed.district.pk)
    form = ContactFinishForm(initial={"question": question})
    form.initial.update({key: value for key, value in posted.items() if key in form.fields})
    return render(
        request,
        "desk/contact.html",
        {
            "contact": contact,
            "form": form,
            "suggestions": suggestions_for(request, question),
            "used": set(used),
            "routed": routed,
            "routing_address": address,
        },
    )

"""The resident e-service: write to the city, get a receipt, follow the case by its link.

No login: a case is opened by its unguessable tracking code (256 bits). Every page works
without JavaScript; submissions are rate limited per client and carry a honeypot field.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from kontaktcenter.accounts.actors import ResidentActor
from kontaktcenter.cases import public, selectors, services
from kontaktcenter.cases.choices import Channel
from kontaktcenter.core.errors import ServiceError
from kontaktcenter.directory import selectors as directory
from kontaktcenter.portal import ratelimit
from kontaktcenter.portal.forms import InquiryForm, MessageForm, SatisfactionForm

# The three ways in, by their Swedish path segment.
KINDS: dict[str, dict[str, Any]] = {
    "fraga": {"feedback": False, "title": _("Ask a question")},
    "synpunkt": {"feedback": True, "title": _("Give feedback or make a complaint")},
    "felanmalan": {"feedback": False, "title": _("Report a fault")},
}


def _too_many(request: HttpRequest) -> HttpResponse:
    response = render(request, "portal/eservice/too_many.html", status=429)
    response["Retry-After"] = "600"
    return response


def start(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/eservice/start.html", {"kinds": KINDS})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/eservice/accessibility.html")


def _inquiry_form(kind: str, data: Any = None) -> InquiryForm:
    feedback = KINDS[kind]["feedback"]
    return InquiryForm(
        data,
        categories=public.public_categories(feedback=feedback),
        districts=[(d.pk, d.name) for d in directory.districts()],
        organisations=(
            [(o.pk, o.name) for o in directory.organisations_receiving_cases()]
            if feedback
            else None
        ),
    )


def _apply(form: InquiryForm, error: ServiceError) -> None:
    field = error.field if error.field in form.fields else None
    if error.field == "resident_email":
        field = "email"
    elif error.field == "resident_phone":
        field = "phone"
    elif error.field == "resident_name":
        field = "name"
    form.add_error(field, error.message)


@require_http_methods(["GET", "POST"])
def inquiry(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in KINDS:
        raise Http404
    form = _inquiry_form(kind, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not ratelimit.allow(request, "inquiry"):
            return _too_many(request)
        if form.is_valid():
            case = _register(form, kind)
            if case is not None:
                return redirect("portal:receipt", token=case.tracking_token)
    context = {"form": form, "kind": kind, "title": KINDS[kind]["title"]}
    return render(request, "portal/eservice/form.html", context, status=400 if form.errors else 200)


def _register(form: InquiryForm, kind: str) -> Any:
    data = form.cleaned_data
    category = public.public_category(data["category"], feedback=KINDS[kind]["feedback"])
    if category is None:
        form.add_error("category", _("Choose what it is about from the list."))
        return None
    description = data["description"]
    if data["address"]:
        description = f"{description}\n\n{_('Place')}: {data['address']}"
    try:
        district = directory.organisation_get(data["district"]) if data.get("district") else None
        concerns = directory.organisation_get(data["concerns"]) if data.get("concerns") else None
        return services.written_inquiry_register(
            actor=ResidentActor(),
            channel=Channel.WEB,
            category=category,
            subject=data["subject"],
            description=description,
            language=translation.get_language() or "sv",
            resident_name=data["name"],
            resident_email=data["email"],
            resident_phone=data["phone"],
            district=district,
            concerns=concerns,
            share_contact_details=data["share_contact_details"],
        )
    except ServiceError as error:
        _apply(form, error)
        return None


def _case_or_404(token: str) -> Any:
    case = selectors.case_by_tracking_token(token)
    if case is None:
        raise Http404
    return case


def receipt(request: HttpRequest, token: str) -> HttpResponse:
    case = _case_or_404(token)
    tracking_url = request.build_absolute_uri(reverse("portal:track", args=[token]))
    return render(
        request,
        "portal/eservice/receipt.html",
        {
            "case": case,
            "tracking_url": tracking_url,
            "has_email": bool(case.party and case.party.email),
        },
    )


@require_http_methods(["GET", "POST"])
def track(request: HttpRequest, token: str) -> HttpResponse:
    case = _case_or_404(token)
    message_form = MessageForm()
    score = request.GET.get("betyg", "")
    satisfaction_form = SatisfactionForm(initial={"score": int(score)} if score.isdigit() else {})
    status = 200
    if request.method == "POST":
        if not ratelimit.allow(request, "message"):
            return _too_many(request)
        message_form = MessageForm(request.POST)
        if message_form.is_valid():
            try:
                outcome = services.case_resident_write(
                    actor=ResidentActor(case.pk),
                    case=case,
                    text=message_form.cleaned_data["text"],
                    channel=Channel.WEB,
                )
            except ServiceError as error:
                message_form.add_error("text", error.message)
            else:
                if outcome.follows is not None:
                    return redirect("portal:receipt", token=outcome.case.tracking_token)
                return redirect(reverse("portal:track", args=[token]) + "?skickat=1#messages")
        status = 400
    return render(
        request,
        "portal/eservice/track.html",
        {
            "case": case,
            "status": public.resident_status(case),
            "timeline": public.resident_timeline(case),
            "message_form": message_form,
            "satisfaction_form": satisfaction_form,
            "satisfaction_given": public.satisfaction_given(case),
            "sent": request.GET.get("skickat") == "1",
            "rated": request.GET.get("tack") == "1",
        },
        status=status,
    )


@require_http_methods(["POST"])
def satisfaction(request: HttpRequest, token: str) -> HttpResponse:
    case = _case_or_404(token)
    if not ratelimit.allow(request, "satisfaction"):
        return _too_many(request)
    form = SatisfactionForm(request.POST)
    if form.is_valid():
        try:
            services.satisfaction_answer(
                actor=ResidentActor(case.pk),
                case=case,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
            )
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            return redirect(reverse("portal:track", args=[token]) + "?tack=1#satisfaction")
    return render(
        request,
        "portal/eservice/track.html",
        {
            "case": case,
            "status": public.resident_status(case),
            "timeline": public.resident_timeline(case),
            "message_form": MessageForm(),
            "satisfaction_form": form,
            "satisfaction_given": public.satisfaction_given(case),
        },
        status=400,
    )

"""The switchboard console (S11, S17), the missed calls to ring back and the wallboard (S15)."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kontaktcenter.cases import selectors as case_selectors
from kontaktcenter.cases.choices import AccessPurpose
from kontaktcenter.core import clock
from kontaktcenter.core.errors import NotFound, ServiceError, ValidationError
from kontaktcenter.core.phone import normalise_phone
from kontaktcenter.desk.telephony_forms import NightServiceForm, TransferForm
from kontaktcenter.desk.views.common import current_user, log_reads, report, show_on_form
from kontaktcenter.directory.selectors import people_search
from kontaktcenter.telephony import policies, selectors, services
from kontaktcenter.telephony.choices import TransferKind

if TYPE_CHECKING:
    from kontaktcenter.accounts.models import User
    from kontaktcenter.cases.models import Case
    from kontaktcenter.telephony.models import Call

EARLIER_CASES = 10


def _console_user(request: HttpRequest) -> User:
    user = current_user(request)
    if not policies.may_use_console(user):
        raise Http404
    return user


@login_required
def console(request: HttpRequest) -> HttpResponse:
    user = _console_user(request)
    in_hand = selectors.call_in_hand(actor=user)
    number = (request.GET.get("nummer") or (in_hand.caller_number if in_hand else "")).strip()
    earlier_cases: list[Case] = []
    earlier_calls: list[Call] = []
    if number:
        with contextlib.suppress(ValidationError):
            normalised = normalise_phone(number)
            earlier_cases = list(
                case_selectors.case_search(actor=user, query=normalised)[:EARLIER_CASES]
            )
            log_reads(request, earlier_cases, AccessPurpose.SEARCH_HIT)
        earlier_calls = [
            call
            for call in selectors.earlier_calls(actor=user, number=number)
            if in_hand is None or call.pk != in_hand.pk
        ]
    query = request.GET.get("q", "").strip()
    people = list(people_search(query, limit=20)) if query else []
    transfers = selectors.open_transfers(actor=user)
    transfer_form = TransferForm(
        initial={
            "call": in_hand.pk if in_hand else None,
            "caller_number": number,
            "kind": TransferKind.ATTENDED,
        }
    )
    night = selectors.night_service_current()
    return render(
        request,
        "desk/console.html",
        {
            "in_hand": in_hand,
            "number": number,
            "earlier_cases": earlier_cases,
            "earlier_calls": earlier_calls,
            "query": query,
            "people": people,
            "transfers": transfers,
            "recalls": selectors.recalls_due(transfers),
            "transfer_form": transfer_form,
            "night": night,
            "night_form": NightServiceForm(
                initial={
                    "is_on": bool(night and night.is_on),
                    "message": night.message if night else "",
                    "divert_to": night.divert_to if night else "",
                }
            ),
            "may_switch_night_service": policies.may_switch_night_service(user),
        },
    )


@login_required
def console_status(request: HttpRequest) -> JsonResponse:
    """What the console polls: the call in hand and how many transfers are due back, so the
    page can say that something changed without reloading under the operator's typing."""
    user = _console_user(request)
    in_hand = selectors.call_in_hand(actor=user)
    return JsonResponse(
        {
            "in_hand": in_hand.pk if in_hand else None,
            "recalls": len(selectors.recalls_due(selectors.open_transfers(actor=user))),
        }
    )


@login_required
@require_POST
def transfer_start(request: HttpRequest) -> HttpResponse:
    user = _console_user(request)
    form = TransferForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say whom the call is transferred to."))
        return redirect("desk:console")
    data = form.cleaned_data
    call = None
    if data["call"]:
        with contextlib.suppress(NotFound):
            call = selectors.call_get(actor=user, call_id=data["call"])
    try:
        transfer = services.transfer_start(
            actor=user,
            target_label=data["target_label"],
            target_number=data["target_number"],
            kind=TransferKind(data["kind"]),
            call=call,
            caller_number=data["caller_number"],
            recall_after_seconds=data["recall_after_seconds"],
        )
    except ServiceError as error:
        show_on_form(form, error)
        report(request, error)
        return redirect("desk:console")
    messages.success(
        request,
        _("Transferred to %(target)s; the call comes back to you if not answered.")
        % {"target": transfer.target_label},
    )
    return redirect("desk:console")


@login_required
@require_POST
def transfer_close(request: HttpRequest, transfer_id: int, outcome: str) -> HttpResponse:
    user = _console_user(request)
    action = services.transfer_answered if outcome == "answered" else services.transfer_take_back
    try:
        action(actor=user, transfer_id=transfer_id)
    except NotFound:
        raise Http404 from None
    except ServiceError as error:
        report(request, error)
    return redirect("desk:console")


@login_required
@require_POST
def night_service(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    form = NightServiceForm(request.POST)
    if form.is_valid():
        try:
            services.night_service_set(actor=user, **form.cleaned_data)
        except ServiceError as error:
            report(request, error)
    return redirect("desk:console")


@login_required
def missed_calls(request: HttpRequest) -> HttpResponse:
    user = _console_user(request)
    day = clock.today()
    with contextlib.suppress(ValueError):
        day = type(day).fromisoformat(request.GET.get("dag", ""))
    show_done = request.GET.get("klara") == "1"
    calls = selectors.missed_calls(actor=user, day=day, include_done=show_done)[:200]
    return render(
        request, "desk/missed_calls.html", {"calls": calls, "day": day, "show_done": show_done}
    )


@login_required
@require_POST
def missed_call_action(request: HttpRequest, call_id: int, action: str) -> HttpResponse:
    user = _console_user(request)
    act = services.callback_take if action == "take" else services.callback_done
    try:
        act(actor=user, call_id=call_id)
    except NotFound:
        raise Http404 from None
    except ServiceError as error:
        report(request, error)
    return redirect(request.POST.get("next") or "desk:missed_calls")


def _site(request: HttpRequest) -> int | None:
    try:
        return int(request.GET.get("plats", ""))
    except ValueError:
        return None


@login_required
def wallboard(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    site_id = _site(request)
    try:
        board = selectors.wallboard(actor=user, site_id=site_id)
    except NotFound:
        raise Http404 from None
    return render(
        request,
        "desk/wallboard.html",
        {"board": board, "sites": selectors.sites_with_queues(), "site_id": site_id},
    )


@login_required
def wallboard_data(request: HttpRequest) -> JsonResponse:
    try:
        board = selectors.wallboard(actor=current_user(request), site_id=_site(request))
    except NotFound:
        raise Http404 from None
    return JsonResponse(board.as_json())

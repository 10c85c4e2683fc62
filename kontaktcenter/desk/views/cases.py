"""Case pages: create, search, read with history, and the case officer's actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kontaktcenter.cases import policies, selectors, services
from kontaktcenter.cases.choices import AccessPurpose, CaseStatus
from kontaktcenter.cases.policies import CaseAction
from kontaktcenter.core.errors import NotFound, ServiceError
from kontaktcenter.desk.forms import (
    CaseCreateForm,
    CloseForm,
    NoteForm,
    RecategoriseForm,
    ReopenForm,
    ReplyForm,
    SearchForm,
    StatusForm,
)
from kontaktcenter.desk.views.common import current_user, log_reads, report
from kontaktcenter.desk.views.routing import suggestion_for
from kontaktcenter.forwarding import selectors as forwarding_selectors
from kontaktcenter.routing.services import category_choice_record

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from kontaktcenter.accounts.models import User
    from kontaktcenter.cases.models import Case


@login_required
def case_create(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not policies.may_create_cases(user):
        raise HttpForbidden
    address = request.POST.get("routing_address", "")
    if request.method == "POST" and "suggest" in request.POST:
        # "Suggest category" without JavaScript: the form again, with the suggestion.
        text = f"{request.POST.get('subject', '')}\n{request.POST.get('description', '')}"
        routed = suggestion_for(text, address, request.POST.get("channel", ""))
        initial = {key: value for key, value in request.POST.items() if key != "suggest"}
        if routed is not None and routed.category is not None and not initial.get("category"):
            initial["category"] = str(routed.category.pk)
        if routed is not None and routed.district is not None and not initial.get("district"):
            initial["district"] = str(routed.district.pk)
        return render(
            request,
            "desk/case_create.html",
            {"form": CaseCreateForm(initial=initial), "routed": routed, "routing_address": address},
        )
    form = CaseCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_create(actor=user, **form.cleaned_data)
        except ServiceError as error:
            report(request, error)
        else:
            data = form.cleaned_data
            category_choice_record(
                actor=user,
                text=f"{data['subject']}\n{data['description']}",
                chosen=case.category,
                suggested_code=request.POST.get("suggested_category", ""),
                source="case",
            )
            messages.success(
                request,
                _("Case %(reference)s was created and sent to %(organisation)s.")
                % {"reference": case.reference, "organisation": case.responsible_organisation},
            )
            return redirect("desk:case", reference=case.reference)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "desk/case_create.html",
        {"form": form, "routing_address": address},
        status=status,
    )


@login_required
def case_search(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    form = SearchForm(request.GET or None)
    if not policies.may_search_cases(user):
        raise HttpForbidden
    cases: list[Case] = []
    if form.is_valid():
        query = form.cleaned_data["q"]
        cases = list(selectors.case_search(actor=user, query=query)[:50])
        if len(cases) == 1 and cases[0].reference == query.strip().upper():
            return redirect("desk:case", reference=cases[0].reference)
        log_reads(request, cases, AccessPurpose.SEARCH_HIT)
    return render(request, "desk/case_search.html", {"form": form, "cases": cases})


def _case_page(
    user: User,
    case: Case,
    forms_override: dict[str, forms.Form] | None = None,
) -> dict[str, Any]:
    context: dict[str, Any] = {
        "case": case,
        "history": selectors.case_history(case),
        "contacts": selectors.case_contacts(case),
        # Where the case went in the organisations' own systems (S13); two queries.
        "destinations": forwarding_selectors.case_destinations(case.pk),
        "can_handle": policies.may(user, CaseAction.HANDLE, case),
        "can_add_note": policies.may(user, CaseAction.ADD_NOTE, case),
        "is_closed": case.status == CaseStatus.CLOSED,
        "note_form": NoteForm(),
        "reply_form": ReplyForm(),
        "status_form": StatusForm(),
        "close_form": CloseForm(),
        "reopen_form": ReopenForm(),
        "recategorise_form": RecategoriseForm(initial={"district": case.district_id}),
    }
    context.update(forms_override or {})
    return context


@login_required
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    user = current_user(request)
    try:
        case = selectors.case_get(actor=user, reference=reference)
    except NotFound as error:
        report(request, error)
        return render(request, "desk/case_missing.html", status=404)
    log_reads(request, [case], AccessPurpose.PAGE)
    return render(request, "desk/case.html", _case_page(user, case))


def _case_action(
    form_class: type[forms.Form],
    form_name: str,
    perform: Callable[[User, Case, dict[str, Any]], object],
    success: StrOrPromise,
) -> Callable[[HttpRequest, str], HttpResponse]:
    """A POST endpoint that validates one form, calls one service and returns to the case.

    On an error the case page is shown again with what the user typed, so nothing is lost.
    """

    @login_required
    @require_POST
    def view(request: HttpRequest, reference: str) -> HttpResponse:
        user = current_user(request)
        try:
            case = selectors.case_get(actor=user, reference=reference)
        except NotFound:
            return render(request, "desk/case_missing.html", status=404)
        form = form_class(request.POST)
        if form.is_valid():
            try:
                perform(user, case, form.cleaned_data)
            except ServiceError as error:
                report(request, error)
            else:
                messages.success(request, success)
                return redirect("desk:case", reference=case.reference)
        else:
            messages.error(request, _("Check the highlighted field."))
        try:
            case = selectors.case_get(actor=user, reference=reference)
        except NotFound:
            # The change that failed may have been refused because the case moved away.
            raise Http404 from None
        log_reads(request, [case], AccessPurpose.PAGE)
        context = _case_page(user, case, {form_name: form})
        return render(request, "desk/case.html", context, status=400)

    return view


case_add_note = _case_action(
    NoteForm,
    "note_form",
    lambda user, case, data: services.case_add_note(actor=user, case=case, text=data["note"]),
    gettext_lazy("The note was saved."),
)
case_reply = _case_action(
    ReplyForm,
    "reply_form",
    lambda user, case, data: services.case_reply(actor=user, case=case, text=data["reply"]),
    gettext_lazy("The reply was saved."),
)
case_change_status = _case_action(
    StatusForm,
    "status_form",
    lambda user, case, data: services.case_change_status(
        actor=user, case=case, status=data["status"]
    ),
    gettext_lazy("The status was changed."),
)
case_close = _case_action(
    CloseForm,
    "close_form",
    lambda user, case, data: services.case_close(
        actor=user, case=case, resolution=data["resolution"]
    ),
    gettext_lazy("The case was closed."),
)
case_reopen = _case_action(
    ReopenForm,
    "reopen_form",
    lambda user, case, data: services.case_reopen(actor=user, case=case, reason=data["reason"]),
    gettext_lazy("The case was reopened."),
)
case_recategorise = _case_action(
    RecategoriseForm,
    "recategorise_form",
    lambda user, case, data: services.case_recategorise(
        actor=user,
        case=case,
        category=data["category"],
        district=data["district"],
        concerns=data["concerns"],
    ),
    gettext_lazy("The category was changed and the case routed again."),
)


class _NoFields(forms.Form):
    pass


case_assign_to_me = _case_action(
    _NoFields,
    "assign_form",
    lambda user, case, _data: services.case_assign(actor=user, case=case, assignee=user),
    gettext_lazy("The case is now assigned to you."),
)

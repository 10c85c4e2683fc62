"""Case pages: create, search, read with history, and the case officer's actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kontaktcenter.cases import policies, selectors, services
from kontaktcenter.cases.case_forms import FormValuesInvalidError
from kontaktcenter.cases.choices import AccessPurpose, CaseStatus
from kontaktcenter.cases.policies import CaseAction
from kontaktcenter.core.errors import NotFound, ServiceError
from kontaktcenter.desk.case_link_forms import AttachmentForm, RelateForm
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
from kontaktcenter.desk.views.casework_context import casework_context
from kontaktcenter.desk.views.common import current_user, log_reads, log_refused, report
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
    duplicates: list[selectors.PossibleDuplicate] = []
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        # The agent has seen the possible duplicates and creates a case all the same.
        if request.POST.get("create_anyway") != "1":
            duplicates = selectors.possible_duplicates(
                actor=user,
                category_id=data["category"].pk,
                location=data["location"],
                text=f"{data['subject']} {data['description']}",
            )
        if duplicates:
            log_reads(request, [each.case for each in duplicates], AccessPurpose.SEARCH_HIT)
            context = {"form": form, "duplicates": duplicates, "report_text": _report_text(data)}
            return render(request, "desk/case_create.html", context)
        try:
            case = services.case_create(actor=user, **data)
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


def _report_text(data: dict[str, Any]) -> str:
    """The report as a note for the case it duplicates: what, where and who to call back."""
    lines = [data["subject"], data["location"], data["description"]]
    resident = ", ".join(
        part
        for part in (data["resident_name"], data["resident_phone"], data["resident_email"])
        if part
    )
    if resident:
        lines.append(_("Reported by: %(resident)s") % {"resident": resident})
    return "\n".join(line for line in lines if line)


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
    *,
    reply_text: str = "",
) -> dict[str, Any]:
    version = {"version": case.version}
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
        "reply_form": ReplyForm(initial={**version, "reply": reply_text}),
        "status_form": StatusForm(initial=version),
        "close_form": CloseForm(initial=version),
        "reopen_form": ReopenForm(initial=version),
        "recategorise_form": RecategoriseForm(initial={**version, "district": case.district_id}),
    }
    context.update(casework_context(user, case))
    context.update(_attachments_and_relations(user, case))
    context.update(forms_override or {})
    return context


def _attachments_and_relations(user: User, case: Case) -> dict[str, Any]:
    """Issue 7: the case's files and the cases related to it, with their forms."""
    return {
        "attachments": selectors.case_attachments(case),
        "related_cases": selectors.case_relations(actor=user, case=case),
        "can_attach": policies.may(user, CaseAction.ADD_ATTACHMENT, case),
        "can_relate": policies.may(user, CaseAction.RELATE, case),
        "attachment_form": AttachmentForm(),
        "attachment_max_mb": settings.ATTACHMENT_MAX_BYTES // (1024 * 1024),
        "relate_form": RelateForm(),
    }


# The case page's context, for the views of other case pages that show it again on an error.
case_page_context = _case_page


@login_required
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    user = current_user(request)
    try:
        case = selectors.case_get(actor=user, reference=reference)
    except NotFound as error:
        log_refused(request, reference, AccessPurpose.PAGE)
        report(request, error)
        return render(request, "desk/case_missing.html", status=404)
    log_reads(request, [case], AccessPurpose.PAGE)
    reply_text = ""
    template_id = request.GET.get("template", "")
    if template_id.isdigit() and policies.may(user, CaseAction.HANDLE, case):
        try:
            reply_text = selectors.answer_template_text(case=case, template_id=int(template_id))
        except NotFound as error:
            report(request, error)
    return render(request, "desk/case.html", _case_page(user, case, reply_text=reply_text))


def _case_action(
    form_class: type[forms.Form],
    form_name: str,
    perform: Callable[[User, Case, dict[str, Any]], object],
    success: StrOrPromise,
    *,
    make_form: Callable[[Case, QueryDict], forms.Form] | None = None,
) -> Callable[[HttpRequest, str], HttpResponse]:
    """A POST endpoint that validates one form, calls one service and returns to the case.

    On an error the case page is shown again with what the user typed, so nothing is lost.
    A change refused because the case changed meanwhile shows what changed; the form keeps
    the text and now carries the current version, so sending it again is a deliberate choice.
    """

    @login_required
    @require_POST
    def view(request: HttpRequest, reference: str) -> HttpResponse:
        user = current_user(request)
        try:
            case = selectors.case_get(actor=user, reference=reference)
        except NotFound:
            return render(request, "desk/case_missing.html", status=404)
        form = make_form(case, request.POST) if make_form else form_class(request.POST)
        status = 400
        if form.is_valid():
            try:
                perform(user, case, form.cleaned_data)
            except services.CaseChangedError as error:
                report(request, error)
                status = 409
            except FormValuesInvalidError as error:
                for key, problem in error.problems.items():
                    form.add_error(f"value_{key}" if f"value_{key}" in form.fields else None,
                                   problem.message)  # fmt: skip
                messages.error(request, _("Check the highlighted field."))
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
        if status == 409:
            # The typed text stays; the form now carries the version the user sees.
            refreshed = request.POST.copy()
            refreshed["version"] = str(case.version)
            form.data = refreshed
        log_reads(request, [case], AccessPurpose.PAGE)
        context = _case_page(user, case, {form_name: form})
        return render(request, "desk/case.html", context, status=status)

    return view


def _version(data: dict[str, Any]) -> int | None:
    version = data.get("version")
    return version if isinstance(version, int) else None


case_add_note = _case_action(
    NoteForm,
    "note_form",
    lambda user, case, data: services.case_add_note(actor=user, case=case, text=data["note"]),
    gettext_lazy("The note was saved."),
)
case_reply = _case_action(
    ReplyForm,
    "reply_form",
    lambda user, case, data: services.case_reply(
        actor=user, case=case, text=data["reply"], expected_version=_version(data)
    ),
    gettext_lazy("The reply was saved."),
)
case_change_status = _case_action(
    StatusForm,
    "status_form",
    lambda user, case, data: services.case_change_status(
        actor=user, case=case, status=data["status"], expected_version=_version(data)
    ),
    gettext_lazy("The status was changed."),
)
case_close = _case_action(
    CloseForm,
    "close_form",
    lambda user, case, data: services.case_close(
        actor=user, case=case, resolution=data["resolution"], expected_version=_version(data)
    ),
    gettext_lazy("The case was closed."),
)
case_reopen = _case_action(
    ReopenForm,
    "reopen_form",
    lambda user, case, data: services.case_reopen(
        actor=user, case=case, reason=data["reason"], expected_version=_version(data)
    ),
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
        expected_version=_version(data),
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

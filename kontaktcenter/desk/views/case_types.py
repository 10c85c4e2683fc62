"""Administration of case types (forms, checklists, answer templates) and of an
organisation's queues, for its administrator (S4)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kontaktcenter.accounts.roles import Role
from kontaktcenter.cases import case_forms, policies, selectors, services
from kontaktcenter.core.errors import NotFound, ServiceError
from kontaktcenter.desk.casework_forms import (
    AnswerTemplateForm,
    CaseQueueForm,
    CaseTypeForm,
    OpeningHoursForm,
)
from kontaktcenter.desk.views.common import current_user, show_on_form
from kontaktcenter.directory import services as directory_services
from kontaktcenter.directory.selectors import opening_hours_of, organisation_get


def _require_admin(request: HttpRequest) -> None:
    user = current_user(request)
    if user.role not in {Role.ORGANISATION_ADMIN, Role.SYSTEM_ADMIN}:
        raise HttpForbidden


@login_required
def case_type_list(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    return render(
        request,
        "desk/case_types.html",
        {"case_types": selectors.case_types_of(actor=current_user(request))},
    )


@login_required
def case_type_edit(request: HttpRequest, case_type_id: int | None = None) -> HttpResponse:
    _require_admin(request)
    user = current_user(request)
    try:
        case_type = (
            selectors.case_type_get(actor=user, case_type_id=case_type_id) if case_type_id else None
        )
    except NotFound:
        raise Http404 from None
    initial = {}
    if case_type is not None:
        current = case_type.current_version
        initial = {
            "name": case_type.name,
            "category": case_type.category_id,
            "is_active": case_type.is_active,
            "fields_text": case_forms.format_definition(
                [case_forms.FormField.from_json(field) for field in current.fields]
                if current
                else []
            ),
            "checklist_text": "\n".join(item["text"] for item in current.checklist)
            if current
            else "",
        }
    form = CaseTypeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.case_type_save(
                actor=user,
                category=data["category"],
                name=data["name"],
                fields_text=data["fields_text"],
                checklist_text=data["checklist_text"],
                is_active=data["is_active"],
                case_type=case_type,
            )
        except ServiceError as error:
            show_on_form(form, error)
        else:
            messages.success(request, _("The case type %(name)s was saved.") % {"name": saved})
            return redirect("desk:case_type_edit", case_type_id=saved.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "desk/case_type_edit.html",
        {
            "form": form,
            "case_type": case_type,
            "versions": selectors.case_type_versions(case_type) if case_type else [],
            "templates": selectors.answer_templates_of(case_type) if case_type else [],
        },
        status=status,
    )


@login_required
def answer_template_edit(
    request: HttpRequest, case_type_id: int, template_id: int | None = None
) -> HttpResponse:
    _require_admin(request)
    user = current_user(request)
    try:
        case_type = selectors.case_type_get(actor=user, case_type_id=case_type_id)
    except NotFound:
        raise Http404 from None
    template = None
    if template_id is not None:
        template = selectors.answer_templates_of(case_type).filter(pk=template_id).first()
        if template is None:
            raise Http404
    initial = (
        {"name": template.name, "body": template.body, "is_active": template.is_active}
        if template
        else {}
    )
    form = AnswerTemplateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_template_save(
                actor=user, case_type=case_type, template=template, **form.cleaned_data
            )
        except ServiceError as error:
            show_on_form(form, error)
        else:
            messages.success(request, _("The answer template was saved."))
            return redirect("desk:case_type_edit", case_type_id=case_type.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "desk/answer_template_edit.html",
        {"form": form, "case_type": case_type, "template": template},
        status=status,
    )


@login_required
def queue_list(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    user = current_user(request)
    organisation = organisation_get(user.organisation_id)
    if not policies.may_manage_case_types(user, organisation.pk):
        raise HttpForbidden
    form = CaseQueueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_queue_save(
                actor=user, organisation=organisation, name=form.cleaned_data["name"]
            )
        except ServiceError as error:
            show_on_form(form, error)
        else:
            messages.success(request, _("The queue was added."))
            return redirect("desk:case_queues")
    return render(
        request,
        "desk/case_queues.html",
        {
            "form": form,
            "organisation": organisation,
            "queues": selectors.case_queues(organisation.pk),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def opening_hours(request: HttpRequest) -> HttpResponse:
    """The administrator's organisation's weekly opening hours, which case deadlines count."""
    user = current_user(request)
    organisation = organisation_get(user.organisation_id)
    if not directory_services.may_set_opening_hours(user, organisation.pk):
        raise HttpForbidden
    current = opening_hours_of([organisation.pk]).get(organisation.pk, {})
    initial = {}
    for weekday, (opens, closes) in current.items():
        initial[f"opens_{weekday}"] = opens
        initial[f"closes_{weekday}"] = closes
    form = OpeningHoursForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            directory_services.opening_hours_set(
                actor=user, organisation=organisation, hours=form.hours()
            )
        except ServiceError as error:
            show_on_form(form, error)
        else:
            messages.success(request, _("The opening hours were saved."))
            return redirect("desk:opening_hours")
    return render(
        request,
        "desk/opening_hours.html",
        {"form": form, "organisation": organisation, "uses_default": not current},
        status=400 if request.method == "POST" else 200,
    )

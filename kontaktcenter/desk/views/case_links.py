"""Attachments and related cases on the case page, and the duplicate check's way out at intake:
adding the report to the case that exists instead of creating a second one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kontaktcenter.cases import policies, selectors, services
from kontaktcenter.cases.choices import AccessPurpose, CaseStatus
from kontaktcenter.cases.policies import CaseAction
from kontaktcenter.core.errors import NotFound, ServiceError
from kontaktcenter.core.middleware import request_id_of
from kontaktcenter.desk.case_link_forms import (
    RELATE_CHILD,
    RELATE_DUPLICATE,
    RELATE_LINK,
    RELATE_MERGE,
    RELATE_PARENT,
    AttachmentForm,
    OtherCaseForm,
    RelateForm,
    ReportAgainForm,
    SplitForm,
)
from kontaktcenter.desk.views.cases import case_page_context
from kontaktcenter.desk.views.common import (
    current_user,
    log_reads,
    log_refused,
    report,
    show_on_form,
)

if TYPE_CHECKING:
    from django import forms

    from kontaktcenter.accounts.models import User
    from kontaktcenter.cases.models import Case


def _case_or_404(user: User, reference: str) -> Case:
    try:
        return selectors.case_get(actor=user, reference=reference)
    except NotFound:
        raise Http404 from None


def _show_case_again(
    request: HttpRequest, user: User, reference: str, form_name: str, form: forms.Form
) -> HttpResponse:
    """The case page with the refused form as it was filled in, so nothing typed is lost."""
    case = _case_or_404(user, reference)
    log_reads(request, [case], AccessPurpose.PAGE)
    context = case_page_context(user, case, {form_name: form})
    return render(request, "desk/case.html", context, status=400)


# --- attachments ------------------------------------------------------------------------------


@login_required
@require_POST
def attachment_upload(request: HttpRequest, reference: str) -> HttpResponse:
    user = current_user(request)
    case = _case_or_404(user, reference)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            # An oversized upload is refused before it is read into memory.
            services.attachment_check_size(filename=upload.name or "", size=upload.size or 0)
            attachment = services.attachment_add(
                actor=user,
                case=case,
                filename=upload.name or "",
                content=upload.read(),
                declared_type=upload.content_type or "",
            )
        except ServiceError as error:
            show_on_form(form, error)
        else:
            messages.success(request, _("%(name)s was attached.") % {"name": attachment.file_name})
            return redirect("desk:case", reference=case.reference)
    return _show_case_again(request, user, reference, "attachment_form", form)


@login_required
@require_GET
def attachment_download(request: HttpRequest, reference: str, attachment_id: int) -> FileResponse:
    """The file as a download, never shown inline: the browser must not run or render what a
    sender made (nosniff, a sandboxing Content-Security-Policy), nor keep a copy."""
    user = current_user(request)
    try:
        attachment = selectors.attachment_get(
            actor=user, reference=reference, attachment_id=attachment_id
        )
        file = services.attachment_open(
            actor=user, attachment=attachment, request_id=request_id_of(request)
        )
    except NotFound:
        log_refused(request, reference, AccessPurpose.DOWNLOAD)
        raise Http404 from None
    response = FileResponse(
        file,
        as_attachment=True,
        filename=attachment.file_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


# --- related cases ----------------------------------------------------------------------------


def _relate(user: User, case: Case, other: Case, relation: str) -> str:
    if relation == RELATE_LINK:
        services.case_link(actor=user, case=case, other=other)
        return _("%(reference)s is now linked to this case.") % {"reference": other.reference}
    if relation == RELATE_DUPLICATE:
        services.case_mark_duplicate(actor=user, case=case, original=other)
        return _("This case was marked as a duplicate of %(reference)s.") % {
            "reference": other.reference
        }
    if relation == RELATE_MERGE:
        services.case_merge(actor=user, case=case, into=other)
        return _("This case was merged into %(reference)s.") % {"reference": other.reference}
    if relation == RELATE_PARENT:
        services.case_set_parent(actor=user, case=case, parent=other)
        return _("%(reference)s is now this case's parent.") % {"reference": other.reference}
    assert relation == RELATE_CHILD
    services.case_set_parent(actor=user, case=other, parent=case)
    return _("%(reference)s is now a child of this case.") % {"reference": other.reference}


@login_required
@require_POST
def case_relate(request: HttpRequest, reference: str) -> HttpResponse:
    user = current_user(request)
    case = _case_or_404(user, reference)
    form = RelateForm(request.POST)
    if form.is_valid():
        try:
            other = selectors.case_get(actor=user, reference=form.cleaned_data["other"])
            done = _relate(user, case, other, form.cleaned_data["relation"])
        except ServiceError as error:
            show_on_form(form, error if error.field else _on_field(error, "other"))
        else:
            messages.success(request, done)
            if form.cleaned_data["relation"] == RELATE_MERGE:
                return redirect("desk:case", reference=other.reference)
            return redirect("desk:case", reference=case.reference)
    return _show_case_again(request, user, reference, "relate_form", form)


def _on_field(error: ServiceError, field: str) -> ServiceError:
    error.field = field
    return error


@login_required
@require_POST
def case_unlink(request: HttpRequest, reference: str) -> HttpResponse:
    user = current_user(request)
    case = _case_or_404(user, reference)
    form = OtherCaseForm(request.POST)
    try:
        if not form.is_valid():
            raise Http404
        other = selectors.case_get(actor=user, reference=form.cleaned_data["other"])
        services.case_unlink(actor=user, case=case, other=other)
    except ServiceError as error:
        report(request, error)
    else:
        messages.success(request, _("The link was removed."))
    return redirect("desk:case", reference=case.reference)


@login_required
@require_POST
def case_remove_parent(request: HttpRequest, reference: str) -> HttpResponse:
    user = current_user(request)
    case = _case_or_404(user, reference)
    try:
        services.case_set_parent(actor=user, case=case, parent=None)
    except ServiceError as error:
        report(request, error)
    else:
        messages.success(request, _("The case no longer has a parent."))
    return redirect("desk:case", reference=case.reference)


@login_required
def case_split(request: HttpRequest, reference: str) -> HttpResponse:
    """A page of its own: the new case's subject, category and the files that go with it."""
    user = current_user(request)
    case = _case_or_404(user, reference)
    if not policies.may(user, CaseAction.RELATE, case) or case.status == CaseStatus.CLOSED:
        raise Http404
    log_reads(request, [case], AccessPurpose.PAGE)
    choices = [
        (attachment.pk, attachment.file_name) for attachment in selectors.case_attachments(case)
    ]
    form = SplitForm(request.POST or None, attachments=choices)
    if request.method == "POST" and form.is_valid():
        data: dict[str, Any] = form.cleaned_data
        try:
            new_case = services.case_split(
                actor=user,
                case=case,
                subject=data["subject"],
                description=data["description"],
                category=data["category"],
                attachment_ids=data["attachments"],
                as_child=data["as_child"],
            )
        except ServiceError as error:
            show_on_form(form, error)
        else:
            messages.success(
                request,
                _("%(new)s was split off %(old)s and sent to %(organisation)s.")
                % {
                    "new": new_case.reference,
                    "old": case.reference,
                    "organisation": new_case.responsible_organisation,
                },
            )
            return redirect("desk:case", reference=new_case.reference)
    status = 400 if request.method == "POST" else 200
    return render(request, "desk/case_split.html", {"case": case, "form": form}, status=status)


# --- intake: the same matter is already a case ------------------------------------------------


@login_required
@require_POST
def case_report_again(request: HttpRequest, reference: str) -> HttpResponse:
    """Add the report the agent was about to register to the existing case, as a note."""
    user = current_user(request)
    case = _case_or_404(user, reference)
    form = ReportAgainForm(request.POST)
    if not form.is_valid():
        raise Http404
    note = _("Reported again at intake; no new case was created:\n%(text)s") % {
        "text": form.cleaned_data["text"]
    }
    try:
        services.case_add_note(actor=user, case=case, text=note)
    except ServiceError as error:
        report(request, error)
        return redirect("desk:case_create")
    messages.success(
        request,
        _("The report was added to %(reference)s; no second case was created.")
        % {"reference": case.reference},
    )
    return redirect("desk:case", reference=case.reference)

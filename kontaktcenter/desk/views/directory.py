"""The switchboard's directory search (S11, S17) and callback requests and messages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kontaktcenter.core import clock
from kontaktcenter.core.errors import NotFound, ServiceError
from kontaktcenter.desk.forms import (
    AbsenceForm,
    CallbackDoneForm,
    CallbackRequestForm,
    DirectorySearchForm,
)
from kontaktcenter.desk.views.common import current_user, report, show_on_form
from kontaktcenter.directory import callbacks, policies, presence
from kontaktcenter.directory.rules import default_callback_due
from kontaktcenter.directory.selectors import (
    DirectoryHit,
    directory_search,
    switchboard_members,
)


@login_required
def directory(request: HttpRequest) -> HttpResponse:
    """Search as you type: the page's script asks for `?q=…&partial=1` on each keystroke and
    puts the returned results in place; without the script the form submits as usual."""
    form = DirectorySearchForm(request.GET or None)
    hits: list[DirectoryHit] = []
    if form.is_valid():
        hits = directory_search(actor=current_user(request), query=form.cleaned_data["q"])
    context = {
        "form": form,
        "hits": hits,
        "query": form.cleaned_data.get("q", "") if form.is_bound and form.is_valid() else "",
        "may_take_callbacks": policies.may_take_callbacks(current_user(request)),
        "keeps_absences": current_user(request).role in presence.ABSENCE_KEEPERS,
        "today": clock.today(),
    }
    if request.GET.get("partial"):
        return render(request, "desk/_directory_results.html", context)
    context["members"] = switchboard_members()
    return render(request, "desk/directory.html", context)


def _recipient(request: HttpRequest) -> tuple[int | None, int | None]:
    try:
        person = int(request.GET["person"]) if request.GET.get("person") else None
        function = int(request.GET["function"]) if request.GET.get("function") else None
    except ValueError:
        raise Http404 from None
    return person, function


@login_required
def callback_create(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    person_id, function_id = _recipient(request)
    try:
        recipient = callbacks.callback_recipient_name(person_id, function_id)
    except (NotFound, ServiceError):
        raise Http404 from None
    if request.method == "POST":
        form = CallbackRequestForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                callbacks.callback_request_create(
                    actor=user,
                    request=callbacks.CallbackInput(
                        kind=data["kind"],
                        subject=data["subject"],
                        due_at=data["due_at"],
                        caller_name=data["caller_name"],
                        caller_phone=data["caller_phone"],
                        caller_email=data["caller_email"],
                        message=data["message"],
                    ),
                    person_id=person_id,
                    function_id=function_id,
                )
            except ServiceError as error:
                show_on_form(form, error)
            else:
                messages.success(
                    request, _("Left for %(name)s. It is in their queue.") % {"name": recipient}
                )
                back = request.GET.get("q", "")
                url = reverse("desk:directory")
                return redirect(f"{url}?{urlencode({'q': back})}" if back else url)
    else:
        due = default_callback_due(clock.now())
        form = CallbackRequestForm(initial={"due_at": due.strftime("%Y-%m-%dT%H:%M")})
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "desk/callback_create.html",
        {"form": form, "recipient": recipient, "query": request.GET.get("q", "")},
        status=status,
    )


@login_required
def callback_queue(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    return render(
        request,
        "desk/callbacks.html",
        {
            "open_requests": callbacks.callbacks_for(user),
            "taken": callbacks.callbacks_taken_by(user)
            if policies.may_take_callbacks(user)
            else [],
            "sees_all": policies.sees_all_callbacks(user),
            "done_form": CallbackDoneForm(),
            "now": clock.now(),
        },
    )


@login_required
@require_POST
def callback_done(request: HttpRequest, request_id: int) -> HttpResponse:
    form = CallbackDoneForm(request.POST)
    outcome = form.cleaned_data["outcome"] if form.is_valid() else ""
    try:
        callbacks.callback_request_done(
            actor=current_user(request), request_id=request_id, outcome=outcome
        )
    except NotFound:
        raise Http404 from None
    except ServiceError as error:
        report(request, error)
    else:
        messages.success(request, _("Marked as done."))
    return redirect("desk:callbacks")


def _back_to_directory(request: HttpRequest) -> HttpResponse:
    back = request.GET.get("q", "")
    url = reverse("desk:directory")
    return redirect(f"{url}?{urlencode({'q': back})}" if back else url)


@login_required
def absence_create(request: HttpRequest) -> HttpResponse:
    """Register that a person is away (the switchboard takes sick calls and meetings)."""
    person_id, _function_id = _recipient(request)
    if person_id is None:
        raise Http404
    try:
        name = callbacks.callback_recipient_name(person_id, None)
    except ServiceError:
        raise Http404 from None
    form = AbsenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            presence.absence_register(
                actor=current_user(request),
                person_id=person_id,
                reason=form.cleaned_data["reason"],
                ends_at=form.cleaned_data["ends_at"],
                note=form.cleaned_data["note"],
            )
        except NotFound:
            raise Http404 from None
        except ServiceError as error:
            show_on_form(form, error)
        else:
            messages.success(request, _("%(name)s is marked as away.") % {"name": name})
            return _back_to_directory(request)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "desk/absence_create.html",
        {"form": form, "name": name, "query": request.GET.get("q", "")},
        status=status,
    )


@login_required
@require_POST
def absence_end(request: HttpRequest) -> HttpResponse:
    person_id, _function_id = _recipient(request)
    if person_id is None:
        raise Http404
    try:
        presence.absence_end(actor=current_user(request), person_id=person_id)
    except NotFound:
        raise Http404 from None
    except ServiceError as error:
        report(request, error)
    else:
        messages.success(request, _("Marked as back."))
    return _back_to_directory(request)

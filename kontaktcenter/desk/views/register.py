"""The register of incoming records (diarium): which cases were received and registered when,
with secrecy masked, to answer an official-records request; printable (issue 16)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kontaktcenter.cases import policies, selectors
from kontaktcenter.core.clock import today
from kontaktcenter.core.errors import ServiceError
from kontaktcenter.desk.case_link_forms import RegisterForm
from kontaktcenter.desk.views.common import current_user, show_on_form


@login_required
def register(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not policies.may_read_register(user):
        raise HttpForbidden
    if request.GET:
        form = RegisterForm(request.GET)
    else:
        day = today()
        form = RegisterForm({"first_day": day.replace(day=1), "last_day": day})
    context: dict[str, Any] = {"form": form, "entries": [], "more": False}
    if form.is_valid():
        try:
            context["entries"], context["more"] = selectors.register_entries(
                actor=user, **form.cleaned_data
            )
        except ServiceError as error:
            show_on_form(form, error)
    status = 200 if form.is_valid() and not form.errors else 400
    return render(request, "desk/register.html", context, status=status)

"""The category tree for organisation and system administrators."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kontaktcenter.core.errors import NotFound, ServiceError
from kontaktcenter.desk.forms import CategoryEditForm
from kontaktcenter.desk.views.common import current_user, report
from kontaktcenter.routing import policies, services
from kontaktcenter.routing.selectors import category_get, category_tree


@login_required
def category_list(request: HttpRequest) -> HttpResponse:
    if not policies.may_manage_categories(current_user(request)):
        raise HttpForbidden
    return render(request, "desk/categories.html", {"rows": category_tree()})


@login_required
def category_edit(request: HttpRequest, category_id: int | None = None) -> HttpResponse:
    user = current_user(request)
    if not policies.may_manage_categories(user):
        raise HttpForbidden
    try:
        category = category_get(category_id) if category_id else None
    except NotFound:
        raise Http404 from None
    initial = (
        {
            "name": category.name,
            "parent": category.parent_id,
            "responsible_organisation": category.responsible_organisation_id,
            "handling": category.handling,
            "is_confidential": category.is_confidential,
            "is_active": category.is_active,
            "feedback_kind": category.feedback_kind,
            "position": category.position,
        }
        if category
        else {"responsible_organisation": user.organisation_id}
    )
    form = CategoryEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if category is None:
                data.pop("is_active")
                saved = services.category_create(actor=user, **data)
            else:
                saved = services.category_update(actor=user, category=category, **data)
        except ServiceError as error:
            report(request, error)
        else:
            messages.success(request, _("The category %(name)s was saved.") % {"name": saved})
            return redirect("desk:categories")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "desk/category_edit.html", {"form": form, "category": category}, status=status
    )

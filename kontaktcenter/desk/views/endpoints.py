"""Delivery endpoints for organisation and system administrators (S12, S13): where each
organisation's cases go, how the deliveries fare, and the levers when they do not.

An endpoint the user may not manage is not found, like one that does not exist.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kontaktcenter.core.errors import NotFound, ServiceError
from kontaktcenter.desk.endpoint_forms import (
    ActiveForm,
    DeliveryFilterForm,
    EndpointCreateForm,
    SecretAddForm,
)
from kontaktcenter.desk.views.common import current_user, report, show_on_form
from kontaktcenter.forwarding import policies, selectors, services
from kontaktcenter.forwarding.choices import EndpointKind
from kontaktcenter.routing.selectors import categories_by_ids

if TYPE_CHECKING:
    from kontaktcenter.accounts.models import User
    from kontaktcenter.forwarding.models import Endpoint


def _require_manager(user: User) -> None:
    if not policies.may_manage_endpoints(user):
        raise HttpForbidden


@login_required
def endpoint_list(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    _require_manager(user)
    statuses = selectors.endpoint_statuses(
        user, only=selectors.endpoints(user).prefetch_related("categories")
    )
    return render(request, "desk/endpoints.html", {"statuses": statuses})


@login_required
def endpoint_create(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    _require_manager(user)
    form = EndpointCreateForm(
        request.POST or None,
        organisations=selectors.manageable_organisations(user),
        initial={"organisation": user.organisation_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            endpoint = services.endpoint_create(
                actor=user,
                categories=categories_by_ids(form.cleaned_data["categories"]),
                **form.service_arguments(),
            )
        except ServiceError as error:
            show_on_form(form, error)
        else:
            messages.success(request, _("The endpoint %(name)s was added.") % {"name": endpoint})
            return redirect("desk:endpoint", endpoint_id=endpoint.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "desk/endpoint_create.html", {"form": form}, status=status)


def _endpoint_page(
    request: HttpRequest, endpoint_id: int, *, secret_form: SecretAddForm | None = None
) -> dict[str, Any]:
    user = current_user(request)
    statuses = selectors.endpoint_statuses(
        user, only=selectors.endpoints(user).filter(pk=endpoint_id)
    )
    if not statuses:
        raise Http404
    health = statuses[0]
    endpoint = health.endpoint
    filter_form = DeliveryFilterForm(request.GET)
    wanted = filter_form.cleaned_data if filter_form.is_valid() else {}
    page = selectors.endpoint_deliveries(
        endpoint, status=wanted.get("status") or None, older_than=wanted.get("older_than")
    )
    is_webhook = endpoint.kind == EndpointKind.WEBHOOK
    secrets = selectors.endpoint_secrets(endpoint) if is_webhook else []
    return {
        "endpoint": endpoint,
        "health": health,
        "subscription": selectors.endpoint_subscription(endpoint),
        "filter_form": filter_form,
        "status_filter": wanted.get("status") or "",
        "deliveries": page.deliveries,
        "older_than": page.older_than,
        "secrets": secrets,
        "unsigned": is_webhook and not any(secret.active for secret in secrets),
        "secret_form": secret_form or SecretAddForm(),
        "is_webhook": is_webhook,
    }


@login_required
def endpoint_detail(request: HttpRequest, endpoint_id: int) -> HttpResponse:
    return render(request, "desk/endpoint.html", _endpoint_page(request, endpoint_id))


def _endpoint_or_404(user: User, endpoint_id: int) -> Endpoint:
    try:
        return selectors.endpoint_get(actor=user, endpoint_id=endpoint_id)
    except NotFound:
        raise Http404 from None


@login_required
@require_POST
def endpoint_set_active(request: HttpRequest, endpoint_id: int) -> HttpResponse:
    user = current_user(request)
    endpoint = _endpoint_or_404(user, endpoint_id)
    form = ActiveForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=400)
    active = form.cleaned_data["active"]
    try:
        services.endpoint_set_active(actor=user, endpoint=endpoint, active=active)
    except ServiceError as error:
        report(request, error)
    else:
        messages.success(
            request,
            (
                _("%(name)s is active: new deliveries are written for it again.")
                if active
                else _("%(name)s is switched off: no new deliveries are written for it.")
            )
            % {"name": endpoint},
        )
    return redirect("desk:endpoint", endpoint_id=endpoint.pk)


@login_required
@require_POST
def endpoint_retry_dead(request: HttpRequest, endpoint_id: int) -> HttpResponse:
    user = current_user(request)
    endpoint = _endpoint_or_404(user, endpoint_id)
    try:
        count = services.endpoint_retry_dead(actor=user, endpoint=endpoint)
    except ServiceError as error:
        report(request, error)
    else:
        messages.success(
            request,
            ngettext(
                "%(count)d delivery will be sent again.",
                "%(count)d deliveries will be sent again.",
                count,
            )
            % {"count": count},
        )
    return redirect("desk:endpoint", endpoint_id=endpoint.pk)


@login_required
@require_POST
def delivery_retry(request: HttpRequest, endpoint_id: int, delivery_id: int) -> HttpResponse:
    user = current_user(request)
    try:
        delivery = selectors.delivery_get(
            actor=user, endpoint_id=endpoint_id, delivery_id=delivery_id
        )
    except NotFound:
        raise Http404 from None
    try:
        services.delivery_retry(actor=user, delivery=delivery)
    except ServiceError as error:
        report(request, error)
    else:
        messages.success(request, _("The delivery will be sent again."))
    return redirect("desk:endpoint", endpoint_id=endpoint_id)


@login_required
@require_POST
def secret_add(request: HttpRequest, endpoint_id: int) -> HttpResponse:
    user = current_user(request)
    endpoint = _endpoint_or_404(user, endpoint_id)
    form = SecretAddForm(request.POST)
    if form.is_valid():
        try:
            secret = services.endpoint_add_secret(
                actor=user, endpoint=endpoint, secret=form.cleaned_data["secret"]
            )
        except ServiceError as error:
            show_on_form(form, error)
        else:
            messages.success(
                request,
                _(
                    "The signing secret %(key_id)s was added. Once the receiver checks with it, "
                    "retire the old one."
                )
                % {"key_id": secret.key_id},
            )
            return redirect("desk:endpoint", endpoint_id=endpoint.pk)
    context = _endpoint_page(request, endpoint_id, secret_form=form)
    return render(request, "desk/endpoint.html", context, status=400)


@login_required
@require_POST
def secret_retire(request: HttpRequest, endpoint_id: int, secret_id: int) -> HttpResponse:
    user = current_user(request)
    try:
        secret = selectors.endpoint_secret_get(
            actor=user, endpoint_id=endpoint_id, secret_id=secret_id
        )
    except NotFound:
        raise Http404 from None
    try:
        services.endpoint_retire_secret(actor=user, secret=secret)
    except ServiceError as error:
        report(request, error)
    else:
        messages.success(
            request,
            _("The signing secret %(key_id)s no longer signs deliveries.")
            % {"key_id": secret.key_id},
        )
    return redirect("desk:endpoint", endpoint_id=endpoint_id)

"""Routing in the desk: the category suggestion beside a question, the dry run (where would
this go, and why) and the administrators' routing rules."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kontaktcenter.core.errors import NotFound, ServiceError
from kontaktcenter.desk.routing_forms import DryRunForm, RuleForm
from kontaktcenter.desk.views.common import current_user, show_on_form
from kontaktcenter.directory.selectors import organisation_get
from kontaktcenter.routing import policies, selectors
from kontaktcenter.routing.decisions import Routed, route_matter
from kontaktcenter.routing.services import RuleValues, routing_rule_save

MAX_TEXT = 4000


def suggestion_for(text: str, address: str = "", channel: str = "") -> Routed | None:
    """What the suggestion box shows for the text typed so far; None before there is any."""
    if not text.strip() and not address.strip():
        return None
    return route_matter(text=text[:MAX_TEXT], address=address[:200], channel=channel)


@login_required
def routing_suggest(request: HttpRequest) -> HttpResponse:
    """The suggestion as an HTML fragment, fetched while the agent types."""
    user = current_user(request)
    if not policies.may_try_routing(user):
        raise HttpForbidden
    routed = suggestion_for(
        request.GET.get("text", ""), request.GET.get("address", ""), request.GET.get("channel", "")
    )
    return render(request, "desk/_routing_result.html", {"routed": routed})


@login_required
def routing_dry_run(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not policies.may_try_routing(user):
        raise HttpForbidden
    form = DryRunForm(request.GET or None)
    routed = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["text"].strip() or data["category"] is not None:
            routed = route_matter(
                text=data["text"][:MAX_TEXT],
                address=data["address"],
                channel=data["channel"],
                category=data["category"],
            )
    return render(request, "desk/routing_dry_run.html", {"form": form, "routed": routed})


@login_required
def routing_rules(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not policies.may_manage_categories(user):
        raise HttpForbidden
    rules = selectors.routing_rules_for(policies.rules_visible_to(user))
    return render(request, "desk/routing_rules.html", {"rules": rules})


@login_required
def routing_rule_edit(request: HttpRequest, rule_id: int | None = None) -> HttpResponse:
    user = current_user(request)
    if not policies.may_manage_categories(user):
        raise HttpForbidden
    rule = None
    if rule_id is not None:
        try:
            rule = selectors.routing_rule_get(rule_id, policies.rules_visible_to(user))
        except NotFound:
            raise Http404 from None
    form = RuleForm(request.POST or None)
    if rule is not None and not form.is_bound:
        form.initial_from(rule)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organisation = rule.organisation if rule else organisation_get(user.organisation_id)
        try:
            rule, warnings = routing_rule_save(
                actor=user,
                rule=rule,
                values=RuleValues(
                    organisation=organisation,
                    categories=list(data["categories"]),
                    districts=list(data["districts"]),
                    **{
                        name: data[name]
                        for name in form.fields
                        if name not in {"categories", "districts"}
                    },
                ),
            )
        except ServiceError as error:
            show_on_form(form, error)
        else:
            messages.success(request, _("The routing rule was saved."))
            for warning in warnings:
                messages.warning(request, warning)
            return redirect("desk:routing_rules")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "desk/routing_rule_edit.html", {"form": form, "rule": rule}, status=status
    )

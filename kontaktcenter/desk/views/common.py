"""What every desk view shares: the logged-in user, service errors as messages, and logging
which confidential cases a page showed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

from django import forms
from django.contrib import messages
from django.http import HttpRequest

from kontaktcenter.cases import services
from kontaktcenter.core.middleware import request_id_of

if TYPE_CHECKING:
    from kontaktcenter.accounts.models import User
    from kontaktcenter.cases.choices import AccessPurpose
    from kontaktcenter.cases.services.access import ReadCase
    from kontaktcenter.core.errors import ServiceError


def current_user(request: HttpRequest) -> User:
    # login_required has let only staff accounts through.
    return cast("User", request.user)


def report(request: HttpRequest, error: ServiceError) -> None:
    messages.error(request, error.message)


def show_on_form(form: forms.Form, error: ServiceError) -> None:
    """Show a service's refusal on the field it concerns, or above the form if the form has no
    such field, so a screen reader announces it where the input is."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


def log_reads(request: HttpRequest, cases: Iterable[ReadCase], purpose: AccessPurpose) -> None:
    """Record the confidential cases this response shows, once per request (S10)."""
    services.record_reads(
        actor=current_user(request),
        cases=cases,
        purpose=purpose,
        request_id=request_id_of(request),
    )


def log_refused(request: HttpRequest, reference: str, purpose: AccessPurpose) -> None:
    """Record that this request was refused the case `reference`, if it is confidential."""
    services.record_refused(
        actor=current_user(request),
        reference=reference,
        purpose=purpose,
        request_id=request_id_of(request),
    )

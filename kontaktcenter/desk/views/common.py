"""What every desk view shares: the logged-in user and turning service errors into messages."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.http import HttpRequest

from kontaktcenter.accounts.models import User
from kontaktcenter.core.errors import ServiceError


def current_user(request: HttpRequest) -> User:
    return cast(User, request.user)


def report(request: HttpRequest, error: ServiceError) -> None:
    messages.error(request, str(error.message))

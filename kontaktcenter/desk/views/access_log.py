"""The auditor's page: who read which confidential case, when and how (S10), and the same as CSV."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from kontaktcenter.accounts.actors import describe_actor
from kontaktcenter.cases import policies, selectors
from kontaktcenter.core.errors import ServiceError
from kontaktcenter.desk.case_link_forms import AccessLogForm
from kontaktcenter.desk.views.common import current_user, show_on_form

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from kontaktcenter.cases.models import CaseAccess


def _entries(request: HttpRequest) -> tuple[AccessLogForm, QuerySet[CaseAccess] | None]:
    user = current_user(request)
    if not policies.may_audit_access_log(user):
        raise HttpForbidden
    form = AccessLogForm(request.GET)
    if not form.is_valid():
        return form, None
    try:
        return form, selectors.access_log(actor=user, **form.cleaned_data)
    except ServiceError as error:
        show_on_form(form, error)
        return form, None


@login_required
def access_log(request: HttpRequest) -> HttpResponse:
    form, entries = _entries(request)
    rows: list[CaseAccess] = []
    next_cursor = ""
    if entries is not None:
        rows, next_cursor = selectors.access_log_page(entries, after=request.GET.get("after", ""))
    query = request.GET.copy()
    query.pop("after", None)
    context: dict[str, Any] = {
        "form": form,
        "rows": rows,
        "next_cursor": next_cursor,
        "query": query.urlencode(),
        "is_first_page": not request.GET.get("after"),
    }
    return render(
        request, "desk/access_log.html", context, status=200 if entries is not None else 400
    )


class _Echo:
    """A file whose write returns the line, so csv.writer feeds a streaming response."""

    def write(self, value: str) -> str:
        return value


@login_required
def access_log_csv(request: HttpRequest) -> HttpResponseBase:
    """Every matching entry, streamed, so a year's log downloads without filling memory."""
    form, entries = _entries(request)
    if entries is None:
        return render(request, "desk/access_log.html", {"form": form, "rows": []}, status=400)
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        # A byte-order mark makes Excel read the file as UTF-8 (å, ä, ö).
        yield "\ufeff" + writer.writerow(
            [
                _("Time"),
                _("Case"),
                _("Staff member"),
                _("User name"),
                _("Purpose"),
                _("File"),
                _("Request"),
                _("Outcome"),
            ]
        )
        for entry in entries.select_related("actor").iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    timezone.localtime(entry.accessed_at).strftime("%Y-%m-%d %H:%M:%S"),
                    entry.case.reference,
                    describe_actor(entry.actor_kind, entry.actor_label),
                    entry.actor.username if entry.actor else "",
                    entry.get_purpose_display(),
                    entry.attachment.file_name if entry.attachment else "",
                    entry.request_id,
                    # Last, so spreadsheets made for the earlier columns still read them.
                    _("Refused") if entry.refused else _("Shown"),
                ]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="atkomstlogg.csv"'
    response["Cache-Control"] = "private, no-store"
    return response

"""The switchboard's directory search (S11, S17)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kontaktcenter.desk.forms import DirectorySearchForm
from kontaktcenter.directory.selectors import people_search

if TYPE_CHECKING:
    from kontaktcenter.directory.models import Person


@login_required
def directory(request: HttpRequest) -> HttpResponse:
    form = DirectorySearchForm(request.GET or None)
    people: list[Person] = []
    if form.is_valid():
        people = list(people_search(form.cleaned_data["q"]))
    return render(request, "desk/directory.html", {"form": form, "people": people})

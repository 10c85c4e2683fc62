"""The directory in Django's admin, for system administrators (staff accounts).

Cases and categories are not here on purpose: their changes must go through services that
check the rules and write the history.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from kontaktcenter.directory.indexing import (
    reindex_functions,
    reindex_organisations,
    reindex_people,
)
from kontaktcenter.directory.models import Absence, Function, Organisation, Person, Site


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "short_name", "kind", "parent", "is_operator", "is_active"]
    list_filter = ["kind", "is_active", "is_operator"]
    search_fields = ["name", "short_name", "code"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]

    def save_model(
        self, request: HttpRequest, obj: Organisation, form: ModelForm[Any], change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        # Its people and functions carry its name in their search terms.
        reindex_organisations([obj.pk])


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin[Site]):
    list_display = ["name", "address", "operator"]
    search_fields = ["name", "address"]
    filter_horizontal = ["served_organisations"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin[Person]):
    list_display = ["last_name", "first_name", "title", "organisation", "phone", "email"]
    search_fields = ["last_name", "first_name", "title", "email"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation", "substitute"]
    raw_id_fields = ["account"]

    def save_model(
        self, request: HttpRequest, obj: Person, form: ModelForm[Any], change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        reindex_people([obj.pk])


@admin.register(Absence)
class AbsenceAdmin(admin.ModelAdmin[Absence]):
    list_display = ["person", "reason", "starts_at", "ends_at", "substitute"]
    list_filter = ["reason"]
    search_fields = ["person__last_name", "person__first_name"]
    autocomplete_fields = ["person", "substitute"]
    exclude = ["registered_by", "registered_at"]

    def save_model(
        self, request: HttpRequest, obj: Absence, form: ModelForm[Any], change: bool
    ) -> None:
        from kontaktcenter.core import clock  # noqa: PLC0415

        obj.registered_at = obj.registered_at or clock.now()
        super().save_model(request, obj, form, change)


@admin.register(Function)
class FunctionAdmin(admin.ModelAdmin[Function]):
    list_display = ["name", "organisation", "phone", "email", "opening_hours"]
    search_fields = ["name", "keywords"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation", "members"]

    def save_model(
        self, request: HttpRequest, obj: Function, form: ModelForm[Any], change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        reindex_functions([obj.pk])

"""The directory in Django's admin, for system administrators (staff accounts).

Cases and categories are not here on purpose: their changes must go through services that
check the rules and write the history.
"""

from __future__ import annotations

from django.contrib import admin

from kontaktcenter.directory.models import Function, Organisation, Person, Site


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "short_name", "kind", "parent", "is_operator", "is_active"]
    list_filter = ["kind", "is_active", "is_operator"]
    search_fields = ["name", "short_name", "code"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]


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
    autocomplete_fields = ["organisation"]


@admin.register(Function)
class FunctionAdmin(admin.ModelAdmin[Function]):
    list_display = ["name", "organisation", "phone", "email", "opening_hours"]
    search_fields = ["name"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]

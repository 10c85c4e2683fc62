"""User accounts in Django's admin: the role and organisation beside Django's own fields."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from kontaktcenter.accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin[User]):
    list_display = ["username", "first_name", "last_name", "role", "organisation", "is_active"]
    list_filter = ["role", "is_active", "is_staff"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation", "site"]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (_("Work"), {"fields": ("role", "organisation", "site")}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("Work"), {"fields": ("role", "organisation", "site")}),
    )

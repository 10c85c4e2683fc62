"""The records-management plan's retention rules in Django's admin, for system administrators
(docs/privacy.md). Cases and the access log are not here: the access log must not be edited,
and cases change only through the services, which write their history."""

from __future__ import annotations

from django.contrib import admin

from kontaktcenter.cases.models import RetentionRule


@admin.register(RetentionRule)
class RetentionRuleAdmin(admin.ModelAdmin[RetentionRule]):
    list_display = ["category", "keep_days", "preserve", "plan_reference"]
    list_filter = ["preserve"]
    search_fields = ["category__name", "plan_reference"]
    list_select_related = ["category"]

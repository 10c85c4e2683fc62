"""Phone queues and agents in Django's admin, for system administrators.

Calls, events and agent states are not here: they are rebuilt from the PBX's events and an
edit by hand would be overwritten by the next event of the same call.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from kontaktcenter.telephony.models import Agent, Queue, UnknownReference


@admin.register(Queue)
class QueueAdmin(admin.ModelAdmin[Queue]):
    list_display = ["name", "label", "site", "skill", "target_seconds", "overflow_after_seconds"]
    list_filter = ["site"]
    search_fields = ["name", "label", "skill"]
    list_select_related = ["site"]


@admin.register(Agent)
class AgentAdmin(admin.ModelAdmin[Agent]):
    list_display = ["interface", "name", "site", "user", "status", "status_since"]
    list_filter = ["site", "status"]
    search_fields = ["interface", "name"]
    list_select_related = ["site", "user"]
    readonly_fields = ["status", "status_reason", "status_since"]
    raw_id_fields = ["user"]


@admin.register(UnknownReference)
class UnknownReferenceAdmin(admin.ModelAdmin[UnknownReference]):
    """What the PBX named that is not configured: add the queue or agent, and it is counted."""

    list_display = ["kind", "name", "occurrences", "first_seen_at", "last_seen_at"]
    list_filter = ["kind"]
    readonly_fields = ["kind", "name", "occurrences", "first_seen_at", "last_seen_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:  # noqa: ARG002 - Django's signature
        return False

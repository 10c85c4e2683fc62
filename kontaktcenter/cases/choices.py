"""The fixed vocabularies of contacts and cases, importable without the models."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    WEB = "web", _("Web e-service")
    VISIT = "visit", _("Visit")
    LETTER = "letter", _("Letter")


class ContactOutcome(models.TextChoices):
    OPEN = "open", _("In progress")
    ANSWERED_DIRECTLY = "answered_directly", _("Answered directly")
    CASE_CREATED = "case_created", _("Case created")
    REFERRED = "referred", _("Referred elsewhere")
    TRANSFERRED = "transferred", _("Transferred")


class CaseStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    WAITING = "waiting", _("Waiting for the resident")
    CLOSED = "closed", _("Closed")


# The statuses of cases still to be worked; the queue index and the queue query share them so
# the database can see that the query is covered by the partial index.
OPEN_CASE_STATUSES = (CaseStatus.NEW.value, CaseStatus.IN_PROGRESS.value, CaseStatus.WAITING.value)


class CaseEventKind(models.TextChoices):
    CREATED = "created", _("Case created")
    ROUTED = "routed", _("Sent to organisation")
    ASSIGNED = "assigned", _("Assignee changed")
    STATUS_CHANGED = "status_changed", _("Status changed")
    CATEGORY_CHANGED = "category_changed", _("Category changed")
    NOTE_ADDED = "note_added", _("Internal note")
    REPLY_SENT = "reply_sent", _("Reply to the resident")
    CLOSED = "closed", _("Case closed")
    REOPENED = "reopened", _("Case reopened")
    SCRUBBED = "scrubbed", _("Personal data removed")
    EXTERNAL_UPDATE = "external_update", _("Update from the receiving system")
    RESIDENT_WROTE = "resident_wrote", _("Message from the resident")
    FOLLOW_UP_CREATED = "follow_up_created", _("New case for a closed one")


class AccessPurpose(models.TextChoices):
    """Why a confidential case was read; kept in the access log."""

    PAGE = "page", _("Case page")
    SEARCH_HIT = "search_hit", _("Search result")
    QUEUE = "queue", _("Queue")
    EXPORT = "export", _("Export")
    API = "api", _("API")

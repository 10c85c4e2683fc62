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
    ASSIGNED = "assigned", _("Assigned")
    IN_PROGRESS = "in_progress", _("In progress")
    WAITING = "waiting", _("Waiting for the resident")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")


# The statuses of cases still to be worked; the queue index and the queue query share them so
# the database can see that the query is covered by the partial index. A resolved case has its
# answer and waits only to be closed, so it leaves the work list.
OPEN_CASE_STATUSES = (
    CaseStatus.NEW.value,
    CaseStatus.ASSIGNED.value,
    CaseStatus.IN_PROGRESS.value,
    CaseStatus.WAITING.value,
)


class Priority(models.IntegerChoices):
    """Lower is more urgent, so the queue sorts by it ascending."""

    URGENT = 1, _("Urgent")
    HIGH = 2, _("High")
    NORMAL = 3, _("Normal")
    LOW = 4, _("Low")


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
    QUEUE_CHANGED = "queue_changed", _("Queue changed")
    RESOLVED = "resolved", _("Case resolved")
    FORWARDED = "forwarded", _("Forwarded to another organisation")
    PRIORITY_CHANGED = "priority_changed", _("Priority changed")
    FORM_FILLED = "form_filled", _("Form filled in")
    CHECKLIST_TICKED = "checklist_ticked", _("Checklist item")
    ATTACHMENT_ADDED = "attachment_added", _("Attachment added")
    LINKED = "linked", _("Linked to a case")
    UNLINKED = "unlinked", _("Link removed")
    MARKED_DUPLICATE = "marked_duplicate", _("Marked as duplicate")
    MERGED_INTO = "merged_into", _("Merged into another case")
    MERGED_FROM = "merged_from", _("Case merged into this one")
    SPLIT_INTO = "split_into", _("Split into a new case")
    SPLIT_FROM = "split_from", _("Split off another case")
    PARENT_CHANGED = "parent_changed", _("Parent case changed")
    CHILD_CHANGED = "child_changed", _("Child cases changed")
    RESIDENT_WROTE = "resident_wrote", _("Message from the resident")
    FOLLOW_UP_CREATED = "follow_up_created", _("New case for a closed one")


class AccessPurpose(models.TextChoices):
    """Why a confidential case was read; kept in the access log."""

    PAGE = "page", _("Case page")
    SEARCH_HIT = "search_hit", _("Search result")
    QUEUE = "queue", _("Queue")
    EXPORT = "export", _("Export")
    API = "api", _("API")
    DOWNLOAD = "download", _("Attachment download")


class CaseLinkKind(models.TextChoices):
    """How two cases are related; a duplicate link points from the duplicate to the original."""

    RELATED = "related", _("Related")
    DUPLICATE = "duplicate", _("Duplicate of")

"""Contacts (one interaction each), cases (ärenden) and the case event log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kontaktcenter.cases.search import case_document


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


class Contact(models.Model):
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    site = models.ForeignKey(
        "directory.Site", verbose_name=_("site"), on_delete=models.PROTECT, null=True, blank=True
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agent"),
        on_delete=models.PROTECT,
        related_name="contacts",
    )
    started_at = models.DateTimeField(_("started at"))
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    question = models.TextField(_("question"), blank=True)
    answer = models.TextField(_("answer given"), blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=ContactOutcome.choices, default=ContactOutcome.OPEN
    )
    category = models.ForeignKey(
        "routing.Category",
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    referred_to = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("referred or transferred to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
    )

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["-started_at"]
        indexes = [
            models.Index(fields=["started_at"]),
            models.Index(fields=["agent", "-started_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.started_at:%Y-%m-%d %H:%M}"


class CaseStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    WAITING = "waiting", _("Waiting for the resident")
    CLOSED = "closed", _("Closed")


# The statuses of cases still to be worked; the queue index and the queue query share them so
# the database can see that the query is covered by the partial index.
OPEN_CASE_STATUSES = (CaseStatus.NEW.value, CaseStatus.IN_PROGRESS.value, CaseStatus.WAITING.value)


class Case(models.Model):
    reference = models.CharField(_("reference"), max_length=24, unique=True)
    tracking_token = models.CharField(_("tracking code"), max_length=64, unique=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    category = models.ForeignKey(
        "routing.Category",
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="cases",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.NEW
    )
    responsible_organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("responsible organisation"),
        on_delete=models.PROTECT,
        related_name="cases",
    )
    district = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("resident's district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="district_cases",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_cases",
    )
    is_confidential = models.BooleanField(_("confidential"), default=False)
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    resident_name = models.CharField(_("resident's name"), max_length=160, blank=True)
    resident_email = models.EmailField(_("resident's e-mail"), blank=True)
    resident_phone = models.CharField(_("resident's phone"), max_length=30, blank=True)
    # A routing.rules.RouteReason value; routing.texts turns it into a sentence when read.
    # The analysed terms of subject and name (cases.search), under a full-text index. Written
    # by the services, searched by cases.selectors.case_search.
    search_text = models.TextField(_("search text"), blank=True, editable=False)
    routing_reason = models.CharField(_("routing reason"), max_length=30, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="created_cases",
    )
    created_at = models.DateTimeField(_("created at"))
    updated_at = models.DateTimeField(_("updated at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-created_at"]
        indexes = [
            # The work list: an organisation's open cases, oldest first. Partial, so it stays
            # as small as the open queue however long the history grows.
            models.Index(
                fields=["responsible_organisation", "created_at", "id"],
                condition=models.Q(status__in=OPEN_CASE_STATUSES),
                name="cases_open_queue_idx",
            ),
            # The same for a queue over several organisations (an administration and its
            # units), where no single organisation's index gives the order.
            models.Index(
                fields=["created_at", "id"],
                condition=models.Q(status__in=OPEN_CASE_STATUSES),
                name="cases_open_by_age_idx",
            ),
            models.Index(fields=["responsible_organisation", "status", "-created_at"]),
            models.Index(fields=["assignee", "status"]),
            models.Index(fields=["created_at"]),
        ]

    def __str__(self) -> str:
        return self.reference


def case_search_text(*, subject: str, resident_name: str) -> str:
    """The value of Case.search_text: every service that sets the subject or the resident's name
    writes it (cases.search.case_document), so the full-text index follows."""
    return case_document(subject=subject, resident_name=resident_name)


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
    VIEWED = "viewed", _("Confidential case read")


class CaseEvent(models.Model):
    """One entry in a case's history. Rows are only ever added, never changed."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CaseEventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    occurred_at = models.DateTimeField(_("at"))
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["occurred_at", "id"]
        indexes = [
            models.Index(fields=["case", "occurred_at"]),
            models.Index(fields=["kind", "occurred_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind}"


class CaseReferenceCounter(models.Model):
    """The last case number used in a year, advanced atomically by an UPDATE."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("case reference counter")
        verbose_name_plural = _("case reference counters")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"

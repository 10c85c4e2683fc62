"""Contacts (one interaction each), cases (ärenden) and the case event log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kontaktcenter.accounts.actors import ActorKind
from kontaktcenter.cases.choices import (
    OPEN_CASE_STATUSES,
    AccessPurpose,
    CaseEventKind,
    CaseLinkKind,
    CaseStatus,
    Channel,
    ContactOutcome,
    Priority,
)
from kontaktcenter.cases.models_casework import (
    AnswerTemplate,
    CaseQueue,
    CaseType,
    CaseTypeVersion,
    DeadlineRule,
)
from kontaktcenter.cases.search import case_document

__all__ = [
    "OPEN_CASE_STATUSES",
    "AccessPurpose",
    "AnswerTemplate",
    "Attachment",
    "Case",
    "CaseAccess",
    "CaseEvent",
    "CaseEventKind",
    "CaseLink",
    "CaseLinkKind",
    "CaseQueue",
    "CaseReferenceCounter",
    "CaseStatus",
    "CaseType",
    "CaseTypeVersion",
    "Channel",
    "Contact",
    "ContactOutcome",
    "DeadlineRule",
    "Party",
    "Priority",
    "RetentionRule",
    "SatisfactionAnswer",
]


class Party(models.Model):
    """The resident's personal data, kept in one place.

    Cases and contacts point here instead of holding copies, so erasure or retention scrubs a
    person in one service (`cases.services.parties.party_scrub`) and the history keeps its shape.
    """

    name = models.CharField(_("name"), max_length=160, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    created_at = models.DateTimeField(_("created at"))
    scrubbed_at = models.DateTimeField(_("personal data removed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("resident")
        verbose_name_plural = _("residents")
        indexes = [
            models.Index(fields=["email"], name="cases_party_email_idx"),
            models.Index(fields=["phone"], name="cases_party_phone_idx"),
        ]

    def __str__(self) -> str:
        return self.name or str(_("Resident"))


class Contact(models.Model):
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    site = models.ForeignKey(
        "directory.Site", verbose_name=_("site"), on_delete=models.PROTECT, null=True, blank=True
    )
    # None for contacts no agent took: the e-service, the e-mail reader, an import.
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
    )
    party = models.ForeignKey(
        Party,
        verbose_name=_("resident"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
    )
    # When the resident got in touch (an e-mail's date, a letter's arrival); started_at is when
    # someone here began to handle it.
    received_at = models.DateTimeField(_("received at"))
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
            models.Index(fields=["received_at"], name="cases_conta_receive_idx"),
            models.Index(fields=["agent", "-started_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.started_at:%Y-%m-%d %H:%M}"


# What the queue filters on besides the sort order (cases.queue_pages.apply_filters).
QUEUE_FILTER_COLUMNS = (
    "status",
    "is_confidential",
    "priority",
    "assignee",
    "category",
    "queue",
)


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
    queue = models.ForeignKey(
        CaseQueue,
        verbose_name=_("queue"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.NORMAL
    )
    # When the case must be resolved, in working time (cases.deadlines). None while the clock
    # is paused (waiting for the resident) or stopped (resolved, closed); the working time
    # left at the pause is kept in deadline_remaining and counted on when the work resumes.
    deadline_at = models.DateTimeField(_("deadline"), null=True, blank=True)
    deadline_remaining = models.DurationField(
        _("working time left when paused"), null=True, blank=True
    )
    # Raised by every change; forms carry it, so a change made from a page that is out of date
    # is refused instead of overwriting what a colleague did meanwhile.
    version = models.PositiveIntegerField(_("version"), default=1)
    # The case type's form as filled in, with the version it was filled in under.
    case_type_version = models.ForeignKey(
        CaseTypeVersion,
        verbose_name=_("form version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    form_values = models.JSONField(_("form values"), default=dict, blank=True)
    checklist_done = models.JSONField(_("checklist items done"), default=list, blank=True)
    is_confidential = models.BooleanField(_("confidential"), default=False)
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    party = models.ForeignKey(
        Party,
        verbose_name=_("resident"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    # What the resident allowed us to pass on: their contact details may go to the receiving
    # organisation's own system along with the case (S13).
    share_contact_details = models.BooleanField(
        _("contact details may be passed on"), default=False
    )
    # The analysed terms of subject and the resident's name (cases.search), under a full-text
    # index. Written by the services, searched by cases.selectors.case_search.
    search_text = models.TextField(_("search text"), blank=True, editable=False)
    # A routing.rules.RouteReason value; routing.texts turns it into a sentence when read.
    routing_reason = models.CharField(_("routing reason"), max_length=30, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="created_cases",
    )
    # When the resident got in touch; the reference year and the queue's order follow it.
    received_at = models.DateTimeField(_("received at"))
    # When the case was registered here.
    created_at = models.DateTimeField(_("created at"))
    updated_at = models.DateTimeField(_("updated at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # When erasure or retention (gallring) removed the resident's data from the case; the case
    # itself stays, so statistics and the register keep adding up.
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    # Where the matter is ("Rinkebysvängen 12"): the duplicate check at intake compares it.
    location = models.CharField(_("address or place"), max_length=200, blank=True)
    # A merged case is closed and points to the case that carries on (cases.services.relations).
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_cases",
    )
    # A parent case cannot be closed while one of its children is open.
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-created_at"]
        indexes = [
            # The work list: an organisation's open cases, oldest first. Partial, so it stays
            # as small as the open queue however long the history grows. The columns after
            # the sort order let the queue's filters (status, priority, assignee, category,
            # queue, confidentiality, deadline) be checked in the index without reading the
            # table (an index-only scan on PostgreSQL); see cases.queue_pages.
            models.Index(
                fields=[
                    "responsible_organisation",
                    "received_at",
                    "id",
                    *QUEUE_FILTER_COLUMNS,
                    "deadline_at",
                ],
                condition=models.Q(status__in=OPEN_CASE_STATUSES),
                name="cases_open_queue_idx",
            ),
            # The same for a queue over several organisations (an administration and its
            # units), where no single organisation's index gives the order.
            models.Index(
                fields=[
                    "received_at",
                    "id",
                    "responsible_organisation",
                    *QUEUE_FILTER_COLUMNS,
                    "deadline_at",
                ],
                condition=models.Q(status__in=OPEN_CASE_STATUSES),
                name="cases_open_by_age_idx",
            ),
            # The queue sorted by deadline, by priority, and the officer's own open cases.
            models.Index(
                fields=["responsible_organisation", "deadline_at", "id", *QUEUE_FILTER_COLUMNS],
                condition=models.Q(status__in=OPEN_CASE_STATUSES),
                name="cases_open_deadline_idx",
            ),
            models.Index(
                fields=[
                    "responsible_organisation",
                    "priority",
                    "received_at",
                    "id",
                    *(column for column in QUEUE_FILTER_COLUMNS if column != "priority"),
                    "deadline_at",
                ],
                condition=models.Q(status__in=OPEN_CASE_STATUSES),
                name="cases_open_priority_idx",
            ),
            models.Index(
                fields=["assignee", "received_at", "id"],
                condition=models.Q(status__in=OPEN_CASE_STATUSES),
                name="cases_open_assignee_idx",
            ),
            models.Index(
                fields=["responsible_organisation", "received_at", "id"],
                condition=models.Q(status__in=OPEN_CASE_STATUSES, assignee__isnull=True),
                name="cases_open_unassigned_idx",
            ),
            models.Index(fields=["responsible_organisation", "status", "-created_at"]),
            models.Index(fields=["assignee", "status"]),
            models.Index(fields=["received_at"], name="cases_case_receive_idx"),
            # The duplicate check at intake: a category's newest cases.
            models.Index(fields=["category", "received_at"], name="cases_category_recent_idx"),
        ]

    def __str__(self) -> str:
        return self.reference


def case_search_text(*, subject: str, resident_name: str) -> str:
    """The value of Case.search_text: every service that sets the subject or the resident's name
    writes it (cases.search.case_document), so the full-text index follows."""
    return case_document(subject=subject, resident_name=resident_name)


class CaseEvent(models.Model):
    """One entry in a case's history. Rows are only ever added, never changed."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CaseEventKind.choices)
    actor_kind = models.CharField(_("kind of actor"), max_length=12, choices=ActorKind.choices)
    # Readable and kept even if the account goes: "Karin Holm", "System: worker".
    actor_label = models.CharField(_("by"), max_length=160)
    # The staff account, when a staff member acted.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    occurred_at = models.DateTimeField(_("at"))
    data = models.JSONField(_("details"), default=dict, blank=True)
    # The case's version after this change; a page opened at version N missed the events
    # above N, which is what a refused out-of-date change shows.
    case_version = models.PositiveIntegerField(_("case version"), null=True, blank=True)

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


class CaseAccess(models.Model):
    """One read of a confidential case: who, what, why and when. Rows are only ever added; on
    PostgreSQL a trigger (migration 0014) refuses every UPDATE and DELETE of them.

    Reads are not changes, so they stay out of the case history; this log answers the
    registrar's question "who has read this case?" (S10).
    """

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="accesses"
    )
    actor_kind = models.CharField(_("kind of actor"), max_length=12, choices=ActorKind.choices)
    actor_label = models.CharField(_("by"), max_length=160)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    purpose = models.CharField(_("purpose"), max_length=12, choices=AccessPurpose.choices)
    # The file downloaded, for purpose=download.
    attachment = models.ForeignKey(
        "cases.Attachment",
        verbose_name=_("attachment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    accessed_at = models.DateTimeField(_("at"))
    request_id = models.CharField(_("request"), max_length=64)
    # An attempt the policy refused (the actor got "not found"): logged too, so the auditor
    # sees who tried to open a confidential case without the right to (S10).
    refused = models.BooleanField(_("refused"), default=False)

    class Meta:
        verbose_name = _("access to a confidential case")
        verbose_name_plural = _("accesses to confidential cases")
        ordering = ["-accessed_at", "-id"]
        constraints = [
            # One row per case and request, however many times a request touches the case.
            models.UniqueConstraint(
                fields=["request_id", "case"], name="cases_access_once_per_request"
            )
        ]
        indexes = [
            models.Index(fields=["case", "-accessed_at"], name="cases_access_case_idx"),
            models.Index(fields=["actor", "-accessed_at"], name="cases_access_actor_idx"),
            models.Index(fields=["accessed_at"], name="cases_access_time_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.actor_label} {self.accessed_at:%Y-%m-%d %H:%M}"


class Attachment(models.Model):
    """A file on a case. The bytes live under ATTACHMENTS_DIR, outside the web root, under a
    random name; the name the sender gave is kept, made safe, for the download."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="attachments"
    )
    # The case it was added to, when a merge or a split moved it here.
    added_to = models.ForeignKey(
        Case,
        verbose_name=_("added to"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    file_name = models.CharField(_("file name"), max_length=150)
    # Sniffed from the content, never taken from the sender.
    content_type = models.CharField(_("type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    storage_name = models.CharField(_("stored as"), max_length=80, unique=True, editable=False)
    added_by_kind = models.CharField(_("kind of actor"), max_length=12, choices=ActorKind.choices)
    added_by_label = models.CharField(_("added by"), max_length=160)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added at"))
    # When erasure removed the file and its name (cases.services.parties.party_scrub).
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["added_at", "id"]
        indexes = [models.Index(fields=["case", "added_at"], name="cases_attachment_case_idx")]

    def __str__(self) -> str:
        return self.file_name


class CaseLink(models.Model):
    """Two cases that belong together. One row per pair: a related link is stored from the
    older case (lower id) to the newer, a duplicate link from the duplicate to the original."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="links_from"
    )
    other = models.ForeignKey(
        Case, verbose_name=_("linked case"), on_delete=models.CASCADE, related_name="links_to"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=CaseLinkKind.choices)
    created_at = models.DateTimeField(_("created at"))
    created_by_label = models.CharField(_("by"), max_length=160)

    class Meta:
        verbose_name = _("case link")
        verbose_name_plural = _("case links")
        constraints = [
            models.UniqueConstraint(fields=["case", "other"], name="cases_link_once_per_pair"),
            models.CheckConstraint(
                condition=~models.Q(case=models.F("other")), name="cases_link_not_to_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.other_id}"


class SatisfactionAnswer(models.Model):
    """The resident's answer to "Did you get the help you needed?" after closing (1–5).

    One per case. Statistics read it by organisation, category and channel, never by case, so
    an analyst cannot tell who answered.
    """

    case = models.OneToOneField(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="satisfaction"
    )
    # Copied from the case when answered, so the statistics need no join to the case.
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    category = models.ForeignKey(
        "routing.Category", verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True)
    answered_at = models.DateTimeField(_("answered at"))

    class Meta:
        verbose_name = _("satisfaction answer")
        verbose_name_plural = _("satisfaction answers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="cases_satisfaction_1_to_5"
            )
        ]
        indexes = [models.Index(fields=["answered_at"], name="cases_satisf_answered_idx")]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.score}"


class RetentionRule(models.Model):
    """The organisation's records-management plan (dokumenthanteringsplan) for one category:
    how long its closed cases keep the resident's data, or that they are preserved (bevaras)
    under the archives act. A category with no rule is never thinned automatically."""

    category = models.OneToOneField(
        "routing.Category",
        verbose_name=_("category"),
        on_delete=models.CASCADE,
        related_name="retention_rule",
    )
    # Counted from the case's closing.
    keep_days = models.PositiveIntegerField(_("kept for (days after closing)"), default=730)
    preserve = models.BooleanField(_("preserved (never thinned)"), default=False)
    plan_reference = models.CharField(_("reference in the plan"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")

    def __str__(self) -> str:
        return f"{self.category_id}: {'bevaras' if self.preserve else self.keep_days}"

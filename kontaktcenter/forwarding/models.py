"""Delivery endpoints of organisations and the transactional outbox of deliveries (S13).

A delivery row is written in the same transaction as the case event that caused it, so a case
and what must be sent about it are committed together or not at all. Workers send the rows;
each try is an attempt row.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kontaktcenter.forwarding.choices import (
    AttemptOutcome,
    DeliveryStatus,
    EndpointKind,
    Sends,
    WebhookEvent,
)

__all__ = [
    "AttemptOutcome",
    "Delivery",
    "DeliveryAttempt",
    "DeliveryStatus",
    "Endpoint",
    "EndpointKind",
    "EndpointSecret",
    "ExternalReference",
    "InboundUpdate",
    "Open311ServiceCode",
    "Sends",
    "WebhookEvent",
]


class Endpoint(models.Model):
    """Where an organisation wants its cases: its own feedback system, a mailbox, Open311."""

    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="delivery_endpoints",
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=EndpointKind.choices)
    url = models.URLField(_("address (URL)"), max_length=500, blank=True)
    email = models.EmailField(_("mailbox"), blank=True)
    # Open311: the receiving city system's key for us, and its jurisdiction if it has several.
    api_key = models.CharField(_("API key"), max_length=200, blank=True)
    jurisdiction_id = models.CharField(_("jurisdiction"), max_length=100, blank=True)
    sends = models.CharField(_("sends"), max_length=12, choices=Sends.choices, default=Sends.ALL)
    categories = models.ManyToManyField(
        "routing.Category", verbose_name=_("categories"), blank=True, related_name="+"
    )
    sends_status_changes = models.BooleanField(_("also status changes"), default=False)
    sends_closing = models.BooleanField(_("also when closed"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    # Circuit breaker: after N failures in a row the endpoint pauses until `paused_until`,
    # then one delivery probes it.
    failures_in_row = models.PositiveIntegerField(_("failures in a row"), default=0)
    paused_until = models.DateTimeField(_("paused until"), null=True, blank=True)
    failing_since = models.DateTimeField(_("failing since"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"))
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        verbose_name = _("delivery endpoint")
        verbose_name_plural = _("delivery endpoints")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="forwarding_endpoint_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class EndpointSecret(models.Model):
    """A webhook signing secret. Two may be active at once while a receiver rotates keys."""

    endpoint = models.ForeignKey(
        Endpoint, verbose_name=_("endpoint"), on_delete=models.CASCADE, related_name="secrets"
    )
    key_id = models.CharField(_("key id"), max_length=40)
    secret = models.CharField(_("secret"), max_length=200)
    created_at = models.DateTimeField(_("created at"))
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)

    class Meta:
        verbose_name = _("signing secret")
        verbose_name_plural = _("signing secrets")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["endpoint", "key_id"], name="forwarding_secret_key_id")
        ]

    def __str__(self) -> str:
        return self.key_id


class Open311ServiceCode(models.Model):
    """Our category as the receiving Open311 system's service."""

    endpoint = models.ForeignKey(
        Endpoint, verbose_name=_("endpoint"), on_delete=models.CASCADE, related_name="services"
    )
    category = models.ForeignKey(
        "routing.Category", verbose_name=_("category"), on_delete=models.CASCADE, related_name="+"
    )
    service_code = models.CharField(_("service code"), max_length=100)

    class Meta:
        verbose_name = _("Open311 service code")
        verbose_name_plural = _("Open311 service codes")
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "category"], name="forwarding_service_code_unique"
            )
        ]

    def __str__(self) -> str:
        return self.service_code


class Delivery(models.Model):
    """One message to one endpoint about one case event: the outbox row."""

    endpoint = models.ForeignKey(
        Endpoint, verbose_name=_("endpoint"), on_delete=models.PROTECT, related_name="deliveries"
    )
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.ForeignKey(
        "cases.CaseEvent",
        verbose_name=_("case event"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    webhook_event = models.CharField(_("event"), max_length=30, choices=WebhookEvent.choices)
    # Stable across every try, so the receiver can deduplicate: derived from the event and the
    # endpoint, never random.
    idempotency_key = models.CharField(_("idempotency key"), max_length=80, unique=True)
    payload = models.JSONField(_("payload"))
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    # Tries in the current round (a manual retry starts a new round), and tries ever made.
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    tries = models.PositiveIntegerField(_("tries in all"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"))
    # A worker's claim: until then no other worker takes the row. A worker killed mid-send
    # leaves it to be retried once the lease has passed.
    leased_until = models.DateTimeField(_("leased until"), null=True, blank=True)
    leased_by = models.CharField(_("leased by"), max_length=80, blank=True)
    created_at = models.DateTimeField(_("created at"))
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    # What the receiver called it ("SYN-2026-0042"), or an Open311 token still to be resolved.
    external_reference = models.CharField(_("receiver's reference"), max_length=200, blank=True)
    open311_token = models.CharField(_("Open311 token"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The workers' question: what is due now? Partial, so it stays as small as the
            # backlog however many deliveries the years add.
            models.Index(
                fields=["next_attempt_at", "id"],
                condition=models.Q(status="pending"),
                name="forwarding_due_idx",
            ),
            models.Index(fields=["endpoint", "status", "created_at"], name="forwarding_ep_idx"),
            models.Index(fields=["case", "created_at"], name="forwarding_case_idx"),
            # The claim's order rule: is an earlier delivery of this case to this endpoint still
            # waiting? Answered from the case's few rows, however large the backlog.
            models.Index(
                fields=["case", "endpoint", "id"],
                condition=models.Q(status="pending"),
                name="forwarding_case_pending_idx",
            ),
            models.Index(
                fields=["endpoint"],
                condition=models.Q(status="delivered", open311_token__gt="")
                & models.Q(external_reference=""),
                name="forwarding_token_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.idempotency_key


class DeliveryAttempt(models.Model):
    """One try to send a delivery, successful or not."""

    delivery = models.ForeignKey(
        Delivery, verbose_name=_("delivery"), on_delete=models.CASCADE, related_name="attempt_log"
    )
    number = models.PositiveIntegerField(_("number"))
    started_at = models.DateTimeField(_("started at"))
    duration_ms = models.PositiveIntegerField(_("duration (ms)"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=AttemptOutcome.choices)
    response_status = models.PositiveIntegerField(_("response status"), null=True, blank=True)
    response_excerpt = models.TextField(_("response (excerpt)"), blank=True)
    error_class = models.CharField(_("error"), max_length=80, blank=True)
    worker = models.CharField(_("worker"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("delivery attempt")
        verbose_name_plural = _("delivery attempts")
        ordering = ["delivery", "number"]
        indexes = [models.Index(fields=["started_at"], name="forwarding_attempt_time_idx")]

    def __str__(self) -> str:
        return f"{self.delivery_id} #{self.number}"


class ExternalReference(models.Model):
    """Where a case is in a receiving system: its reference there and its latest status."""

    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="external_references",
    )
    endpoint = models.ForeignKey(
        Endpoint, verbose_name=_("endpoint"), on_delete=models.PROTECT, related_name="+"
    )
    reference = models.CharField(_("reference"), max_length=200, blank=True)
    status = models.CharField(_("status there"), max_length=100, blank=True)
    message = models.TextField(_("message"), blank=True)
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        verbose_name = _("receiver's reference")
        verbose_name_plural = _("receivers' references")
        constraints = [
            models.UniqueConstraint(fields=["case", "endpoint"], name="forwarding_ext_ref_unique")
        ]

    def __str__(self) -> str:
        return self.reference


class InboundUpdate(models.Model):
    """A status report a receiving system sent back; one row per update id, so a repeat is
    recognised and changes nothing."""

    endpoint = models.ForeignKey(
        Endpoint, verbose_name=_("endpoint"), on_delete=models.CASCADE, related_name="+"
    )
    update_id = models.CharField(_("update id"), max_length=200)
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="+"
    )
    received_at = models.DateTimeField(_("received at"))

    class Meta:
        verbose_name = _("status report from a receiver")
        verbose_name_plural = _("status reports from receivers")
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "update_id"], name="forwarding_inbound_once"
            )
        ]

    def __str__(self) -> str:
        return self.update_id

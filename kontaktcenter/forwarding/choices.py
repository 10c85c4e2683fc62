"""The vocabularies of delivery endpoints and deliveries, importable without the models."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class EndpointKind(models.TextChoices):
    WEBHOOK = "webhook", _("Webhook (signed JSON)")
    EMAIL = "email", _("E-mail to a functional mailbox")
    OPEN311 = "open311", _("Open311 GeoReport v2")


class Sends(models.TextChoices):
    """Which of the organisation's cases an endpoint receives."""

    ALL = "all", _("All new cases")
    COMPLAINTS = "complaints", _("Complaints and feedback")
    CATEGORIES = "categories", _("Chosen categories")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    DELIVERED = "delivered", _("Delivered")
    DEAD = "dead", _("Failed for good")


class AttemptOutcome(models.TextChoices):
    DELIVERED = "delivered", _("Delivered")
    RETRY = "retry", _("Failed, will retry")
    PERMANENT = "permanent", _("Failed for good")


class WebhookEvent(models.TextChoices):
    """The `event` of a delivery, as receiving systems see it."""

    CASE_CREATED = "case.created", _("New case")
    CASE_FORWARDED = "case.forwarded", _("Case sent on from another organisation")
    CASE_STATUS_CHANGED = "case.status_changed", _("Status changed")
    CASE_CLOSED = "case.closed", _("Case closed")
    CASE_REOPENED = "case.reopened", _("Case reopened")

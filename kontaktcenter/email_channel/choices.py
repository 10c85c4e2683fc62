"""The fixed vocabularies of the e-mail channel, importable without the models."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class InboundOutcome(models.TextChoices):
    NEW_CASE = "new_case", _("New case")
    THREADED = "threaded", _("Added to a case")
    IGNORED = "ignored", _("Ignored (automatic mail)")


class OutgoingKind(models.TextChoices):
    RECEIPT = "receipt", _("Receipt")
    REPLY = "reply", _("Reply")
    CLOSED = "closed", _("Case closed")
    REOPENED = "reopened", _("Case reopened")
    FOLLOW_UP_CASE = "follow_up_case", _("New case for a closed one")


class OutgoingStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")

"""The fixed vocabularies of the knowledge base, importable without the models."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    INTERNAL = "internal", _("Agents only")
    PUBLIC = "public", _("Residents only")
    BOTH = "both", _("Agents and residents")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AWAITING_APPROVAL = "awaiting_approval", _("Awaiting approval")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Returned to the author")
    SUPERSEDED = "superseded", _("Replaced by a newer version")


class SearchPlace(models.TextChoices):
    DESK = "desk", _("Agent desk")
    PORTAL = "portal", _("Public pages")
    COMMAND_LINE = "command_line", _("Command line")


# Who a search is made for decides which articles it may find.
AUDIENCES_FOR_AGENTS = (Audience.INTERNAL.value, Audience.BOTH.value, Audience.PUBLIC.value)
AUDIENCES_FOR_RESIDENTS = (Audience.PUBLIC.value, Audience.BOTH.value)

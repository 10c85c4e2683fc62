"""People who log in, with the one role that decides what they may do."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    TIER1_AGENT = "tier1_agent", _("Tier-1 agent")
    TIER2_AGENT = "tier2_agent", _("Tier-2 agent")
    SWITCHBOARD_OPERATOR = "switchboard_operator", _("Switchboard operator")
    SUPERVISOR = "supervisor", _("Site supervisor")
    CASE_OFFICER = "case_officer", _("Case officer")
    ORGANISATION_ADMIN = "organisation_admin", _("Organisation administrator")
    ANALYST = "analyst", _("Analyst")
    SYSTEM_ADMIN = "system_admin", _("System administrator")


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="users",
        help_text=_("Case officers and administrators act for this organisation."),
    )
    site = models.ForeignKey(
        "directory.Site",
        verbose_name=_("site"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agents",
    )

    REQUIRED_FIELDS = ["email", "role", "organisation"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

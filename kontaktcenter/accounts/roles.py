"""The roles a staff account can have; one role decides what its holder may do."""

from __future__ import annotations

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
    # Reviews who read confidential cases (S10); reads no case itself.
    AUDITOR = "auditor", _("Auditor")


CONTACT_CENTER_ROLES = frozenset({Role.TIER1_AGENT, Role.TIER2_AGENT, Role.SUPERVISOR})
ORGANISATION_ROLES = frozenset({Role.CASE_OFFICER, Role.ORGANISATION_ADMIN})

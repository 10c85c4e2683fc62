"""What an integration key may do. A key holds one or more scopes; each API operation needs one."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    CASES_READ = "cases:read", _("Read cases")
    CASES_WRITE = "cases:write", _("Create and change cases")
    DIRECTORY_READ = "directory:read", _("Search the directory")
    OPEN311 = "open311", _("Open311 GeoReport v2")

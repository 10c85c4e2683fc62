"""People who log in, with the one role that decides what they may do."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from kontaktcenter.accounts.roles import Role

__all__ = ["IntegrationKey", "Role", "User"]


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


class IntegrationKey(models.Model):
    """A key an outside system uses to act for an organisation (the API's clients).

    Only a hash of the secret is stored; the secret is shown once, when the key is made.
    `prefix` is the secret's first characters, so a presented key is found without a scan.
    """

    name = models.CharField(_("name"), max_length=120)
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="integration_keys",
    )
    prefix = models.CharField(_("key prefix"), max_length=12, unique=True)
    secret_hash = models.CharField(_("secret hash"), max_length=64)
    created_at = models.DateTimeField(_("created at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("integration key")
        verbose_name_plural = _("integration keys")

    def __str__(self) -> str:
        return self.name

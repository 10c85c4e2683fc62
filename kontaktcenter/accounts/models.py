"""People who log in, with the one role that decides what they may do."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from kontaktcenter.accounts.roles import Role

__all__ = ["IdempotencyRecord", "IntegrationIntake", "IntegrationKey", "Role", "User"]


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
    # Scope values (accounts.scopes.Scope) the key was given; an operation outside them is 403.
    scopes = models.JSONField(_("scopes"), default=list, blank=True)
    created_at = models.DateTimeField(_("created at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    # Written at most once a minute per key, so a busy integration does not write on every call.
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("integration key")
        verbose_name_plural = _("integration keys")

    def __str__(self) -> str:
        return self.name


class IdempotencyRecord(models.Model):
    """The answer given to a POST with an `Idempotency-Key`, so a retry gets the same answer.

    The row is written in the same transaction as the change it answers for: a request that
    fails leaves neither, and the unique constraint makes a concurrent twin wait for the first
    and then read its answer instead of making a second case.
    """

    integration_key = models.ForeignKey(
        IntegrationKey,
        verbose_name=_("integration key"),
        on_delete=models.CASCADE,
        related_name="idempotency_records",
    )
    idempotency_key = models.CharField(_("idempotency key"), max_length=255)
    # sha256 of the method, path and body: the same key with another request is refused.
    request_fingerprint = models.CharField(_("request fingerprint"), max_length=64)
    status_code = models.PositiveSmallIntegerField(_("status code"))
    response_body = models.TextField(_("response body"))
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("idempotency record")
        verbose_name_plural = _("idempotency records")
        constraints = [
            models.UniqueConstraint(
                fields=["integration_key", "idempotency_key"], name="accounts_idempotency_once"
            )
        ]
        indexes = [models.Index(fields=["created_at"], name="accounts_idempotency_age_idx")]

    def __str__(self) -> str:
        return self.idempotency_key


class IntegrationIntake(models.Model):
    """What an integration sent with a case beyond the case itself: the place as it was given
    (position, address, the sender's address id), a service request's attributes and media
    link, and the unguessable token an Open311 client may follow it by."""

    case = models.OneToOneField(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="integration_intake",
    )
    integration_key = models.ForeignKey(
        IntegrationKey,
        verbose_name=_("integration key"),
        on_delete=models.PROTECT,
        related_name="intakes",
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    address_id = models.CharField(_("address id"), max_length=120, blank=True)
    attributes = models.JSONField(_("attributes"), default=dict, blank=True)
    media_url = models.CharField(_("media URL"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("integration intake")
        verbose_name_plural = _("integration intakes")

    def __str__(self) -> str:
        return self.token

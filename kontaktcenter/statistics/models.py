"""Aggregates the statistics read instead of the raw rows (issue 13, item 5). No personal data:
counts per hour, channel and outcome only, so retention leaves them as they are."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContactHour(models.Model):
    """Contacts received in one hour (UTC; Stockholm's offsets are whole hours, so a local
    hour is always one of these) by channel and outcome."""

    hour = models.DateTimeField(_("hour"))
    channel = models.CharField(_("channel"), max_length=10)
    outcome = models.CharField(_("outcome"), max_length=20)
    count = models.PositiveIntegerField(_("count"))

    class Meta:
        verbose_name = _("contacts per hour")
        verbose_name_plural = _("contacts per hour")
        constraints = [
            models.UniqueConstraint(
                fields=["hour", "channel", "outcome"], name="statistics_contact_hour_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.hour:%Y-%m-%d %H} {self.channel} {self.outcome}: {self.count}"


class StaleHour(models.Model):
    """An hour whose contacts changed since its counts were last made; refreshed on read."""

    hour = models.DateTimeField(_("hour"), primary_key=True)

    class Meta:
        verbose_name = _("hour to recount")
        verbose_name_plural = _("hours to recount")

    def __str__(self) -> str:
        return f"{self.hour:%Y-%m-%d %H}"


class AggregateState(models.Model):
    """One row: the highest contact id counted, so rows added without Django's signals (bulk
    imports, the demo, the benchmark's generator) are found by the next refresh."""

    last_contact_id = models.BigIntegerField(_("last contact counted"), default=0)

    class Meta:
        verbose_name = _("aggregate state")
        verbose_name_plural = _("aggregate state")

    def __str__(self) -> str:
        return str(self.last_contact_id)

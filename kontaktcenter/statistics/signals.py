"""Mark a contact's hour stale whenever it is saved or deleted (statistics/aggregates.py)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from kontaktcenter.cases.models import Contact
from kontaktcenter.statistics.aggregates import mark_stale


@receiver(pre_save, sender=Contact)
def _old_hour_is_stale(instance: Contact, **kwargs: Any) -> None:
    # A contact moved to another time leaves its old hour one too many.
    if instance.pk is not None and not kwargs.get("raw"):
        old = Contact.objects.filter(pk=instance.pk).values_list("received_at", flat=True)
        mark_stale(old)


@receiver(post_save, sender=Contact)
def _hour_is_stale(instance: Contact, **kwargs: Any) -> None:
    if not kwargs.get("raw"):
        mark_stale([instance.received_at])


@receiver(post_delete, sender=Contact)
def _deleted_hour_is_stale(instance: Contact, **_kwargs: Any) -> None:
    mark_stale([instance.received_at])

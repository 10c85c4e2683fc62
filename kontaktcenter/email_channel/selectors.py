"""Reads of the e-mail channel."""

from __future__ import annotations

from django.db.models import QuerySet

from kontaktcenter.email_channel.models import Mailbox


def mailbox_overview() -> QuerySet[Mailbox]:
    return Mailbox.objects.select_related("organisation").order_by("address")


def mailbox_by_address(address: str) -> Mailbox | None:
    return Mailbox.objects.select_related("category").filter(address__iexact=address).first()

"""Incrementally maintained counts of contacts per hour, channel and outcome (issue 13, item 5).

A contact saved or deleted through Django marks its hour stale (signals, in the same
transaction as the change, so a late-arriving contact or a changed outcome is never missed);
contacts added without signals (bulk imports) are found by id above the last one counted. A
refresh recounts exactly the stale hours from the raw rows, so the aggregates always equal a
direct count. `kontaktcenter stats rebuild` recounts everything.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from functools import reduce
from operator import or_
from typing import Any

from django.db import transaction
from django.db.models import Count, Max, Q
from django.db.models.functions import TruncHour

from kontaktcenter.cases.models import Contact
from kontaktcenter.statistics.models import AggregateState, ContactHour, StaleHour

_HOURS_PER_QUERY = 200


def hour_of(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def mark_stale(moments: Iterable[datetime]) -> None:
    hours = {hour_of(moment) for moment in moments}
    StaleHour.objects.bulk_create([StaleHour(hour=hour) for hour in hours], ignore_conflicts=True)


def _count_rows(contacts: Any) -> list[ContactHour]:
    return [
        ContactHour(hour=row["h"], channel=row["channel"], outcome=row["outcome"], count=row["n"])
        for row in contacts.annotate(h=TruncHour("received_at", tzinfo=UTC))
        .order_by()
        .values("h", "channel", "outcome")
        .annotate(n=Count("id"))
    ]


def refresh() -> int:
    """Recount the stale hours and those of contacts added since the last refresh; returns how
    many hours were recounted."""
    with transaction.atomic():
        state, _created = AggregateState.objects.select_for_update().get_or_create(pk=1)
        newest = Contact.objects.aggregate(newest=Max("id"))["newest"] or 0
        if newest > state.last_contact_id:
            mark_stale(
                Contact.objects.filter(id__gt=state.last_contact_id, id__lte=newest)
                .order_by()
                .values_list("received_at", flat=True)
            )
        hours = sorted(StaleHour.objects.values_list("hour", flat=True))
        for index in range(0, len(hours), _HOURS_PER_QUERY):
            chunk = hours[index : index + _HOURS_PER_QUERY]
            ContactHour.objects.filter(hour__in=chunk).delete()
            within = reduce(
                or_,
                (
                    Q(received_at__gte=hour, received_at__lt=hour + timedelta(hours=1))
                    for hour in chunk
                ),
            )
            ContactHour.objects.bulk_create(_count_rows(Contact.objects.filter(within)))
        StaleHour.objects.filter(hour__in=hours).delete()
        if newest > state.last_contact_id:
            state.last_contact_id = newest
            state.save(update_fields=["last_contact_id"])
    return len(hours)


def rebuild() -> int:
    """Recount every hour from the raw rows; returns how many aggregate rows there are."""
    with transaction.atomic():
        state, _created = AggregateState.objects.select_for_update().get_or_create(pk=1)
        ContactHour.objects.all().delete()
        StaleHour.objects.all().delete()
        rows = _count_rows(Contact.objects.all())
        ContactHour.objects.bulk_create(rows, batch_size=5000)
        state.last_contact_id = Contact.objects.aggregate(newest=Max("id"))["newest"] or 0
        state.save(update_fields=["last_contact_id"])
    return len(rows)

"""The hourly contact aggregates always equal a direct count of the contacts (issue 13, item 5):
after bulk imports, late-arriving contacts, changed outcomes, moved and deleted contacts."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from kontaktcenter.accounts.actors import SystemActor
from kontaktcenter.cases.choices import Channel, ContactOutcome
from kontaktcenter.cases.models import Contact
from kontaktcenter.statistics import aggregates
from kontaktcenter.statistics.models import ContactHour
from kontaktcenter.statistics.selectors import contact_patterns, filtered_period_statistics
from tests.conftest import STOCKHOLM

pytestmark = pytest.mark.django_db

SYSTEM = SystemActor("test")
# Across the change to summer time (29 March 2026), so local and UTC hours differ in offset.
FIRST, LAST = date(2026, 3, 16), date(2026, 4, 12)


def generated_contacts(count: int, seed: int) -> list[Contact]:
    rng = random.Random(seed)  # noqa: S311 (reproducible test data)
    start = datetime(2026, 3, 16, tzinfo=STOCKHOLM)
    contacts = []
    for _ in range(count):
        moment = start + timedelta(minutes=rng.randrange(28 * 24 * 60))
        contacts.append(
            Contact(
                channel=rng.choice(Channel.values),
                outcome=rng.choice(ContactOutcome.values),
                received_at=moment,
                started_at=moment,
            )
        )
    return contacts


def direct_heat_map() -> list[list[int]]:
    grid = [[0] * 24 for _ in range(7)]
    for moment in Contact.objects.values_list("received_at", flat=True):
        local = moment.astimezone(STOCKHOLM)
        if FIRST <= local.date() <= LAST:
            grid[local.weekday()][local.hour] += 1
    return grid


def direct_by_day() -> list[tuple[date, int]]:
    days = Counter(
        moment.astimezone(STOCKHOLM).date()
        for moment in Contact.objects.values_list("received_at", flat=True)
    )
    return [
        (FIRST + timedelta(days=n), days[FIRST + timedelta(days=n)])
        for n in range((LAST - FIRST).days + 1)
    ]


def direct_by_outcome() -> dict[str, int]:
    return dict(
        Counter(
            outcome
            for moment, outcome in Contact.objects.values_list("received_at", "outcome")
            if FIRST <= moment.astimezone(STOCKHOLM).date() <= LAST
        )
    )


def assert_aggregates_equal_direct_counts() -> None:
    patterns = contact_patterns(actor=SYSTEM, first_day=FIRST, last_day=LAST)
    figures = filtered_period_statistics(actor=SYSTEM, first_day=FIRST, last_day=LAST, channel="")
    assert patterns.by_weekday_and_hour == direct_heat_map()
    assert patterns.by_day == direct_by_day()
    assert {row.key: row.count for row in figures.contacts_by_outcome} == direct_by_outcome()


def test_bulk_imported_late_changed_moved_and_deleted_contacts_are_all_counted() -> None:
    Contact.objects.bulk_create(generated_contacts(2000, seed=1))  # no signals
    assert_aggregates_equal_direct_counts()

    # Late arrivals into hours already counted, one by one (signals) and in bulk.
    late = generated_contacts(40, seed=2)
    for contact in late[:20]:
        contact.save()
    Contact.objects.bulk_create(late[20:])
    # Outcomes changed and a contact moved to another day and hour.
    changed = list(Contact.objects.order_by("id")[:30])
    for contact in changed:
        contact.outcome = ContactOutcome.TRANSFERRED
        contact.save()
    moved = changed[0]
    moved.received_at += timedelta(days=3, hours=5)
    moved.save()
    Contact.objects.filter(pk=changed[1].pk).get().delete()

    assert_aggregates_equal_direct_counts()


def test_a_rebuild_gives_the_same_counts_as_the_incremental_refresh() -> None:
    Contact.objects.bulk_create(generated_contacts(500, seed=3))
    aggregates.refresh()
    incremental = sorted(ContactHour.objects.values_list("hour", "channel", "outcome", "count"))

    out = StringIO()
    call_command("stats", "rebuild", stdout=out)

    rebuilt = sorted(ContactHour.objects.values_list("hour", "channel", "outcome", "count"))
    assert rebuilt == incremental
    assert f"{len(rebuilt)} rows" in out.getvalue()
    assert sum(row[3] for row in rebuilt) == 500

"""When the resident got in touch (received_at), beside when the contact center recorded it.

An e-mail read an hour late, a letter opened the next morning and a case imported from an older
system all have a time of their own. The reference's year, the queue's order and the statistics
follow it; it may lag our clock by years but never lead it by more than a few minutes.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kontaktcenter.cases import services
from kontaktcenter.cases.models import Channel
from kontaktcenter.core import clock as project_clock
from kontaktcenter.core.errors import ValidationError
from tests.conftest import STOCKHOLM

# Yesterday at eight, but in which zone?
NAIVE_EIGHT_O_CLOCK = datetime(2026, 3, 9, 8, 0, tzinfo=STOCKHOLM).replace(tzinfo=None)

# --- contacts ---------------------------------------------------------------------------------


def test_a_contact_taken_live_was_received_when_it_started(tier1_agent, clock):
    contact = services.contact_start(actor=tier1_agent, channel=Channel.PHONE)

    contact.refresh_from_db()
    assert contact.received_at == contact.started_at == clock()


def test_an_email_answered_later_keeps_the_time_it_arrived(tier1_agent, clock):
    arrived = clock() - timedelta(hours=3)

    contact = services.contact_start(actor=tier1_agent, channel=Channel.EMAIL, received_at=arrived)

    contact.refresh_from_db()
    assert contact.received_at == arrived
    assert contact.started_at == clock()


# --- cases ------------------------------------------------------------------------------------


def test_a_case_registered_without_a_time_was_received_when_it_was_registered(make_case, clock):
    case = make_case()

    assert case.received_at == case.created_at == clock()


def test_a_letter_registered_today_keeps_the_day_it_arrived(make_case, clock):
    arrived = datetime(2026, 3, 6, 14, 0, tzinfo=STOCKHOLM)

    case = make_case(channel=Channel.LETTER, received_at=arrived)

    case.refresh_from_db()
    assert case.received_at == arrived
    assert case.created_at == clock()


def test_a_case_from_a_contact_was_received_when_the_contact_was(make_case, tier1_agent, clock):
    arrived = clock() - timedelta(hours=5)
    contact = services.contact_start(actor=tier1_agent, channel=Channel.EMAIL, received_at=arrived)
    clock.advance(minutes=10)

    case = make_case(contact=contact, channel=Channel.EMAIL)

    assert case.received_at == arrived


def test_a_time_given_for_the_case_wins_over_the_contacts(make_case, tier1_agent, clock):
    contact = services.contact_start(actor=tier1_agent, channel=Channel.EMAIL)
    earlier = clock() - timedelta(days=1)

    case = make_case(contact=contact, channel=Channel.EMAIL, received_at=earlier)

    assert case.received_at == earlier


# --- bounds -----------------------------------------------------------------------------------


def test_a_time_without_a_time_zone_is_refused(make_case, clock):
    """08:00 could be Stockholm, UTC or the sender's zone: an hour's error either way."""
    with pytest.raises(ValidationError) as refused:
        make_case(received_at=NAIVE_EIGHT_O_CLOCK)

    assert (refused.value.code, refused.value.field) == (
        "received_at.no_time_zone",
        "received_at",
    )


def test_a_contact_with_a_time_without_a_time_zone_is_refused(tier1_agent, clock):
    with pytest.raises(ValidationError) as refused:
        services.contact_start(
            actor=tier1_agent, channel=Channel.EMAIL, received_at=NAIVE_EIGHT_O_CLOCK
        )

    assert refused.value.code == "received_at.no_time_zone"


def test_a_sender_clock_a_few_minutes_ahead_is_accepted(make_case, clock):
    ahead = clock() + timedelta(minutes=5)

    assert make_case(received_at=ahead).received_at == ahead


def test_a_time_more_than_five_minutes_ahead_is_refused(make_case, clock):
    with pytest.raises(ValidationError) as refused:
        make_case(received_at=clock() + timedelta(minutes=5, seconds=1))

    assert (refused.value.code, refused.value.field) == ("received_at.in_future", "received_at")


def test_a_contact_received_in_the_future_is_refused(tier1_agent, clock):
    with pytest.raises(ValidationError) as refused:
        services.contact_start(
            actor=tier1_agent, channel=Channel.EMAIL, received_at=clock() + timedelta(days=1)
        )

    assert refused.value.code == "received_at.in_future"


def test_an_imported_case_may_be_ten_years_old(make_case, clock):
    oldest = clock() - timedelta(days=3653)

    assert make_case(received_at=oldest).received_at == oldest


def test_a_time_more_than_ten_years_back_is_refused_as_a_typing_error(make_case, clock):
    with pytest.raises(ValidationError) as refused:
        make_case(received_at=clock() - timedelta(days=3653, seconds=1))

    assert (refused.value.code, refused.value.field) == ("received_at.too_old", "received_at")
    assert refused.value.params == {"days": 3653}


# --- the reference year -----------------------------------------------------------------------


def test_a_letter_from_new_years_eve_registered_in_january_belongs_to_the_old_year(
    make_case, clock
):
    clock.set(datetime(2026, 1, 2, 9, 0, tzinfo=STOCKHOLM))

    case = make_case(
        channel=Channel.LETTER, received_at=datetime(2025, 12, 31, 23, 30, tzinfo=STOCKHOLM)
    )

    assert case.reference == "KC-2025-000001"


def test_the_year_of_the_received_time_is_taken_in_stockholm(make_case, clock):
    """23:30 UTC on New Year's Eve is already half past midnight in Stockholm."""
    clock.set(datetime(2026, 1, 2, 9, 0, tzinfo=STOCKHOLM))

    case = make_case(channel=Channel.EMAIL, received_at=datetime(2025, 12, 31, 23, 30, tzinfo=UTC))

    assert case.reference == "KC-2026-000001"


# --- replays ----------------------------------------------------------------------------------


def test_a_replay_records_the_case_at_the_moment_replayed(make_case, tier1_agent, clock):
    """The demo's history and imports run the real services inside clock.simulated(at)."""
    then = datetime(2025, 6, 2, 10, 15, tzinfo=STOCKHOLM)

    with project_clock.simulated(then):
        case = make_case()

    assert (case.received_at, case.created_at) == (then, then)
    assert {event.occurred_at for event in case.events.all()} == {then}
    assert case.reference == "KC-2025-000001"


def test_after_a_replay_the_services_are_back_on_the_current_time(make_case, clock):
    with project_clock.simulated(datetime(2025, 6, 2, 10, 15, tzinfo=STOCKHOLM)):
        make_case()

    assert make_case().created_at == clock()

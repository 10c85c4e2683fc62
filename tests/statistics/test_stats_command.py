"""`kontaktcenter stats contacts|service … --json` print the page's figures and the measures."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kontaktcenter.cases import services
from kontaktcenter.cases.models import Channel, Contact
from tests.conftest import STOCKHOLM

pytestmark = pytest.mark.django_db


def stats(*arguments: str) -> dict[str, object]:
    out = StringIO()
    call_command("stats", *arguments, "--json", stdout=out)
    result: dict[str, object] = json.loads(out.getvalue())
    return result


@pytest.fixture
def tuesday_email_and_calls(tier1_agent, street_lighting, clock):
    """Tuesday 3 March 2026: an e-mail at 14:00 answered Wednesday 13:00 (in one working day);
    two calls at 09:00, one answered directly, one made into a case."""
    clock.set(datetime(2026, 3, 3, 14, 0, tzinfo=STOCKHOLM))
    email = services.contact_start(actor=tier1_agent, channel=Channel.EMAIL)
    clock.advance(hours=23)
    services.contact_answer_directly(actor=tier1_agent, contact=email, category=street_lighting)
    clock.set(datetime(2026, 3, 3, 9, 0, tzinfo=STOCKHOLM))
    call = services.contact_start(actor=tier1_agent, channel=Channel.PHONE)
    services.contact_answer_directly(actor=tier1_agent, contact=call, category=street_lighting)
    services.contact_start(actor=tier1_agent, channel=Channel.PHONE)


def test_stats_contacts_counts_by_channel_and_outcome(tuesday_email_and_calls):
    result = stats("contacts", "--from", "2026-03-01", "--to", "2026-03-31")

    assert result["contacts"] == 3
    assert result["contacts_by_channel"] == {"phone": 2, "email": 1}
    assert result["answered_directly_share"] == 1.0


def test_stats_contacts_filters_one_channel(tuesday_email_and_calls):
    result = stats("contacts", "--from", "2026-03-01", "--to", "2026-03-31", "--channel", "email")

    assert result["contacts"] == 1


def test_stats_service_prints_the_kkik_measures(tuesday_email_and_calls):
    result = stats("service", "--from", "2026-03-01", "--to", "2026-03-31")

    assert result["finished_contacts"] == 2
    assert result["kkik_emails_answered_within_one_working_day"] == 1.0
    assert result["kkik_phone_direct_answer_share"] == 1.0
    assert result["written_contacts_handled"] == 1
    assert result["written_handling_mean_seconds"] == timedelta(hours=23).total_seconds()


def test_a_reversed_period_is_refused(db):
    with pytest.raises(CommandError):
        stats("service", "--from", "2026-03-10", "--to", "2026-03-01")


def test_stats_forecast_prints_hours_the_error_and_agents(db):
    """Four weeks of phone calls, 30 an hour 09–11 on weekdays (a quiet March, no holiday)."""
    first = datetime(2026, 2, 2, tzinfo=STOCKHOLM)
    Contact.objects.bulk_create(
        Contact(channel=Channel.PHONE, received_at=moment, started_at=moment)
        for day in range(28)
        if (first + timedelta(days=day)).weekday() < 5
        for hour in (9, 10)
        for minute in range(0, 60, 2)
        for moment in [first + timedelta(days=day, hours=hour, minutes=minute)]
    )

    result = stats(
        "forecast", "--from", "2026-02-02", "--to", "2026-03-01", "--weeks", "1",
        "--aht-seconds", "180",
    )  # fmt: skip

    hours = {row["hour"]: row for row in result["hours"]}  # type: ignore[attr-defined]
    assert len(hours) == 7 * 24
    assert hours["2026-03-02T09:00:00"] == {"hour": "2026-03-02T09:00:00", "contacts": 30.0,
                                             "agents": 4}  # fmt: skip
    assert hours["2026-03-02T12:00:00"]["contacts"] == 0
    assert result["forecast_error_wape"] == 0.0
    assert result["seasonal_naive_error_wape"] == 0.0

"""Follow-up (S8): contacts and cases in a period, by channel, outcome, category, organisation."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from kontaktcenter.cases import services
from kontaktcenter.cases.models import Channel
from kontaktcenter.core.errors import PermissionDenied, ValidationError
from kontaktcenter.statistics.selectors import Row, period_statistics
from tests.conftest import STOCKHOLM

MARCH = {"first_day": date(2026, 3, 1), "last_day": date(2026, 3, 31)}


def as_dict(rows: list[Row]) -> dict[str, int | None]:
    return {row.label: row.count for row in rows}


@pytest.fixture
def march_traffic(make_case, tier1_agent, street_lighting, facility_booking, resident_parking):
    """A small March (the clock stands at 10 March): five contacts (two answered, one referred,
    one transferred, one case) and two more cases."""
    agent = tier1_agent
    for channel in (Channel.PHONE, Channel.EMAIL):
        contact = services.contact_start(actor=agent, channel=channel)
        services.contact_answer_directly(actor=agent, contact=contact, category=street_lighting)
    contact = services.contact_start(actor=agent, channel=Channel.PHONE)
    services.contact_refer(actor=agent, contact=contact, category=facility_booking)
    contact = services.contact_start(actor=agent, channel=Channel.PHONE)
    services.contact_transfer(
        actor=agent, contact=contact, to=street_lighting.responsible_organisation
    )
    contact = services.contact_start(actor=agent, channel=Channel.PHONE)
    make_case(contact=contact)
    make_case(channel=Channel.WEB)
    make_case(channel=Channel.WEB, category=resident_parking, subject="Boendeparkering")


def test_contacts_are_counted_by_channel_and_outcome(march_traffic, analyst):
    statistics = period_statistics(actor=analyst, **MARCH)

    assert statistics.contacts_total == 5
    assert as_dict(statistics.contacts_by_channel) == {"Phone": 4, "E-mail": 1}
    assert as_dict(statistics.contacts_by_outcome) == {
        "Answered directly": 2,
        "Referred elsewhere": 1,
        "Transferred": 1,
        "Case created": 1,
    }


def test_the_share_answered_directly_counts_finished_contacts_only(
    march_traffic, analyst, tier1_agent
):
    services.contact_start(actor=tier1_agent, channel=Channel.PHONE)  # still open

    statistics = period_statistics(actor=analyst, **MARCH)

    assert statistics.contacts_total == 6
    assert statistics.answered_directly_share == pytest.approx(2 / 5)


def test_cases_are_counted_by_channel_category_and_organisation(march_traffic, analyst):
    statistics = period_statistics(actor=analyst, **MARCH)

    assert statistics.cases_total == 3
    assert as_dict(statistics.cases_by_channel) == {"Phone": 1, "Web e-service": 2}
    assert as_dict(statistics.cases_by_category) == {"Gatubelysning": 2, "Boendeparkering": 1}
    assert as_dict(statistics.cases_by_organisation) == {
        "Trafikkontoret": 2,
        "Serviceförvaltningen": 1,
    }


def test_the_largest_group_comes_first(march_traffic, analyst):
    statistics = period_statistics(actor=analyst, **MARCH)

    for rows in (
        statistics.contacts_by_channel,
        statistics.contacts_by_outcome,
        statistics.cases_by_category,
        statistics.cases_by_organisation,
    ):
        counts = [row.count or 0 for row in rows]
        assert counts == sorted(counts, reverse=True)


def test_closed_cases_are_counted(make_case, traffic_officer, analyst):
    make_case()
    services.case_close(actor=traffic_officer, case=make_case(), resolution="Klart.")

    statistics = period_statistics(actor=analyst, **MARCH)

    assert (statistics.cases_total, statistics.cases_closed) == (2, 1)


def test_the_transfer_rate_counts_finished_contacts_only(march_traffic, analyst, tier1_agent):
    services.contact_start(actor=tier1_agent, channel=Channel.PHONE)  # still open

    statistics = period_statistics(actor=analyst, **MARCH)

    assert statistics.transferred_share == pytest.approx(1 / 5)


def test_the_mean_time_to_close_covers_closed_cases_only(
    make_case, traffic_officer, analyst, clock
):
    quick, slow = make_case(), make_case()
    make_case()  # still open: it has no lead time yet
    clock.advance(hours=12)
    services.case_close(actor=traffic_officer, case=quick, resolution="Lagad.")
    clock.advance(days=2, hours=12)
    services.case_close(actor=traffic_officer, case=slow, resolution="Lagad.")

    statistics = period_statistics(actor=analyst, **MARCH)

    assert statistics.mean_days_to_close == pytest.approx((0.5 + 3) / 2)


def test_without_closed_cases_there_is_no_lead_time(make_case, analyst):
    make_case()

    assert period_statistics(actor=analyst, **MARCH).mean_days_to_close is None


def test_a_period_with_nothing_in_it_is_empty_not_an_error(march_traffic, analyst):
    statistics = period_statistics(
        actor=analyst, first_day=date(2026, 4, 1), last_day=date(2026, 4, 30)
    )

    assert statistics.contacts_total == 0
    assert statistics.cases_total == 0
    assert statistics.contacts_by_channel == []
    assert statistics.answered_directly_share is None


def test_days_are_stockholm_days(tier1_agent, analyst, clock):
    """00:30 on 1 April in Stockholm is 31 March in UTC, yet it belongs to April."""
    for moment in (
        datetime(2026, 3, 31, 23, 59, tzinfo=STOCKHOLM),
        datetime(2026, 4, 1, 0, 30, tzinfo=STOCKHOLM),
        datetime(2026, 4, 30, 23, 59, tzinfo=STOCKHOLM),
        datetime(2026, 5, 1, 0, 0, tzinfo=STOCKHOLM),
    ):
        clock.set(moment)
        services.contact_start(actor=tier1_agent, channel=Channel.PHONE)

    april = period_statistics(actor=analyst, first_day=date(2026, 4, 1), last_day=date(2026, 4, 30))
    march_31 = period_statistics(
        actor=analyst, first_day=date(2026, 3, 31), last_day=date(2026, 3, 31)
    )

    assert april.contacts_total == 2
    assert march_31.contacts_total == 1


def test_the_day_clocks_go_forward_is_counted_whole(tier1_agent, analyst, clock):
    """29 March 2026 has 23 hours in Stockholm; its last hour still counts."""
    for moment in (
        datetime(2026, 3, 29, 0, 15, tzinfo=STOCKHOLM),
        datetime(2026, 3, 29, 23, 45, tzinfo=STOCKHOLM),
        datetime(2026, 3, 30, 0, 15, tzinfo=STOCKHOLM),
    ):
        clock.set(moment)
        services.contact_start(actor=tier1_agent, channel=Channel.PHONE)

    statistics = period_statistics(
        actor=analyst, first_day=date(2026, 3, 29), last_day=date(2026, 3, 29)
    )

    assert statistics.contacts_total == 2


def test_a_period_that_ends_before_it_starts_is_refused(analyst):
    with pytest.raises(ValidationError) as refused:
        period_statistics(actor=analyst, first_day=date(2026, 3, 31), last_day=date(2026, 3, 1))

    assert (refused.value.code, refused.value.field) == ("statistics.period_reversed", "last_day")


def test_a_single_day_is_a_valid_period(analyst):
    statistics = period_statistics(
        actor=analyst, first_day=date(2026, 3, 1), last_day=date(2026, 3, 1)
    )

    assert statistics.first_day == statistics.last_day == date(2026, 3, 1)


def test_a_period_longer_than_three_years_is_refused(analyst):
    with pytest.raises(ValidationError) as refused:
        period_statistics(actor=analyst, first_day=date(2020, 1, 1), last_day=date(2024, 1, 1))

    assert (refused.value.code, refused.value.field) == ("statistics.period_too_long", "last_day")


def test_statistics_contain_no_personal_data(make_case, analyst):
    make_case(resident_name="Anna Svensson", subject="Lampa utanför Anna Svenssons port")

    statistics = period_statistics(actor=analyst, **MARCH)

    assert "Svensson" not in repr(statistics)


@pytest.mark.parametrize(
    "role_fixture", ["tier1_agent", "tier2_agent", "traffic_officer", "switchboard_operator"]
)
def test_roles_without_follow_up_duties_cannot_see_statistics(request, role_fixture):
    actor = request.getfixturevalue(role_fixture)

    with pytest.raises(PermissionDenied) as refused:
        period_statistics(actor=actor, **MARCH)

    assert refused.value.code == "statistics.not_allowed"


def test_a_case_counts_in_the_month_the_resident_got_in_touch(make_case, analyst, clock):
    """A letter from 31 March registered on 2 April is March's case."""
    clock.set(datetime(2026, 4, 2, 9, 0, tzinfo=STOCKHOLM))
    make_case(channel=Channel.LETTER, received_at=datetime(2026, 3, 31, 16, 0, tzinfo=STOCKHOLM))

    march = period_statistics(actor=analyst, **MARCH)
    april = period_statistics(actor=analyst, first_day=date(2026, 4, 1), last_day=date(2026, 4, 30))

    assert (march.cases_total, april.cases_total) == (1, 0)


def test_a_contact_counts_on_the_day_the_resident_got_in_touch(tier1_agent, analyst, clock):
    clock.set(datetime(2026, 4, 1, 8, 0, tzinfo=STOCKHOLM))
    services.contact_start(
        actor=tier1_agent,
        channel=Channel.EMAIL,
        received_at=datetime(2026, 3, 31, 22, 0, tzinfo=STOCKHOLM),
    )

    statistics = period_statistics(
        actor=analyst, first_day=date(2026, 3, 31), last_day=date(2026, 3, 31)
    )

    assert statistics.contacts_total == 1


def test_the_time_to_close_counts_from_when_the_resident_got_in_touch(
    make_case, traffic_officer, analyst, clock
):
    """What the resident waited: a letter two days old when registered, closed a day later,
    took three days."""
    case = make_case(channel=Channel.LETTER, received_at=clock() - timedelta(days=2))
    clock.advance(days=1)
    services.case_close(actor=traffic_officer, case=case, resolution="Lagad.")

    statistics = period_statistics(actor=analyst, **MARCH)

    assert statistics.mean_days_to_close == pytest.approx(3)

"""Statistics count written inquiries like calls, with the time until first answer, and show
satisfaction per organisation and category without telling who answered."""

from __future__ import annotations

from datetime import date

import pytest

from kontaktcenter.accounts.actors import ResidentActor
from kontaktcenter.accounts.models import User
from kontaktcenter.cases import services
from kontaktcenter.cases.models import Case, Channel
from kontaktcenter.core.errors import PermissionDenied
from kontaktcenter.routing.models import Category
from kontaktcenter.statistics import selectors, written
from tests.conftest import Clock

DAY = date(2026, 3, 10)


def _inquiry(category: Category, channel: str = Channel.WEB) -> Case:
    return services.written_inquiry_register(
        actor=ResidentActor(),
        channel=channel,
        category=category,
        subject="Trasig gatlampa",
        description="Lampan är släckt.",
        language="sv",
    )


def test_e_service_and_e_mail_inquiries_are_counted_as_contacts(
    street_lighting: Category, operator: object, analyst: User, clock: Clock
) -> None:
    _inquiry(street_lighting, Channel.WEB)
    _inquiry(street_lighting, Channel.EMAIL)

    stats = selectors.period_statistics(actor=analyst, first_day=DAY, last_day=DAY)

    assert stats.contacts_total == 2
    assert {row.label: row.count for row in stats.contacts_by_channel} == {
        "Web e-service": 1,
        "E-mail": 1,
    }


def test_the_time_until_first_answer_is_measured_per_channel(
    street_lighting: Category, operator: object, analyst: User, traffic_officer: User, clock: Clock
) -> None:
    answered = _inquiry(street_lighting)
    _inquiry(street_lighting)  # not answered yet
    clock.advance(hours=6)
    services.case_reply(actor=traffic_officer, case=answered, text="Vi lagar den i morgon.")
    clock.advance(hours=6)
    services.case_reply(actor=traffic_officer, case=answered, text="Nu är den lagad.")

    rows = written.first_answer_times(actor=analyst, first_day=DAY, last_day=DAY)

    assert len(rows) == 1
    assert (rows[0].channel, rows[0].contacts, rows[0].answered) == ("Web e-service", 2, 1)
    assert rows[0].mean_hours == pytest.approx(6.0, abs=0.01)


def test_satisfaction_is_summed_per_organisation_and_category(
    street_lighting: Category, operator: object, analyst: User, traffic_officer: User, clock: Clock
) -> None:
    for score in (5, 3):
        case = _inquiry(street_lighting)
        services.case_close(actor=traffic_officer, case=case, resolution="Lagad.")
        services.satisfaction_answer(
            actor=ResidentActor(case.pk), case=case, score=score, comment="Anna på Rinkebyv. 12"
        )

    summary = written.satisfaction(actor=analyst, first_day=DAY, last_day=DAY)

    assert summary.answers == 2
    assert summary.mean == 4.0
    assert summary.by_score == {1: 0, 2: 0, 3: 1, 4: 0, 5: 1}
    assert [(row.label, row.answers, row.mean) for row in summary.by_organisation] == [
        ("Trafikkontoret", 2, 4.0)
    ]
    assert [row.label for row in summary.by_category] == ["Gatubelysning"]
    assert "Anna" not in repr(summary)


def test_a_case_officer_sees_no_satisfaction_figures(traffic_officer: User) -> None:
    with pytest.raises(PermissionDenied):
        written.satisfaction(actor=traffic_officer, first_day=DAY, last_day=DAY)

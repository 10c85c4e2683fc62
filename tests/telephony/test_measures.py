"""The call measures' formulas (docs/measures.md), on calls made by hand."""

from __future__ import annotations

from dataclasses import dataclass

from kontaktcenter.telephony.choices import CallOutcome, TransferKind
from kontaktcenter.telephony.measures import call_figures


@dataclass(frozen=True)
class C:
    outcome: str
    wait_seconds: int | None = 0
    transfer_kind: str = ""
    transfer_answered: bool | None = None


def test_within_the_target_and_the_short_abandon_limit_includes_the_limit() -> None:
    figures = call_figures(
        [C(CallOutcome.ANSWERED, 60), C(CallOutcome.ANSWERED, 61), C(CallOutcome.ABANDONED, 5)],
        target_seconds=60,
        short_abandon_seconds=5,
    )

    assert (figures.answered_within_target, figures.short_abandoned) == (1, 1)
    assert figures.service_level == 0.5


def test_timeouts_and_callback_requests_are_offered_but_neither_answered_nor_abandoned() -> None:
    figures = call_figures(
        [
            C(CallOutcome.ANSWERED, 10),
            C(CallOutcome.TIMEOUT, 300),
            C(CallOutcome.CALLBACK_REQUESTED, 90),
            C(CallOutcome.ABANDONED, 40),
        ]
    )

    assert (figures.offered, figures.answered, figures.abandoned) == (4, 1, 1)
    assert figures.service_level == 0.25
    assert figures.abandon_rate == 0.25


def test_short_abandons_leave_the_base_of_every_rate() -> None:
    figures = call_figures([C(CallOutcome.ABANDONED, 2), C(CallOutcome.ANSWERED, 20)])

    assert figures.abandoned == 1
    assert figures.abandon_rate == 0.0
    assert figures.service_level == 1.0


def test_average_speed_of_answer_is_the_mean_wait_of_answered_calls() -> None:
    figures = call_figures(
        [C(CallOutcome.ANSWERED, 10), C(CallOutcome.ANSWERED, 25), C(CallOutcome.ABANDONED, 300)]
    )

    assert figures.average_speed_of_answer_seconds == 17.5


def test_no_calls_give_no_rates_rather_than_zero() -> None:
    assert call_figures([]).as_json() == {
        "offered": 0,
        "answered": 0,
        "abandoned": 0,
        "short_abandoned": 0,
        "answered_within_target": 0,
        "service_level": None,
        "average_speed_of_answer_seconds": None,
        "abandon_rate": None,
    }


def test_a_transfer_reached_the_right_place_only_when_its_target_answered() -> None:
    figures = call_figures(
        [
            C(CallOutcome.ANSWERED, 5),
            C(CallOutcome.ANSWERED, 5, TransferKind.ATTENDED, True),
            C(CallOutcome.ANSWERED, 5, TransferKind.BLIND, None),
            C(CallOutcome.ANSWERED, 5, TransferKind.BLIND, False),
        ]
    )

    assert figures.reached_right_place == 2
    assert figures.accessibility == 0.5

"""Erlang C against published values, Erlang A against its limits, both against a simulation.

The reference case is the one printed in Erlang C tables and call-centre textbooks: 100 calls
in half an hour (200 an hour) of 180 s each is 10 erlangs; with 14 agents the probability of
waiting is 0.1741, 88.83 % are answered within 20 s, the average speed of answer is 7.8 s and
occupancy 71.43 %. 11 agents at 10 erlangs wait with probability 0.6821 (Erlang C table).
"""

from __future__ import annotations

import pytest

from kontaktcenter.statistics import staffing
from kontaktcenter.statistics.simulation import simulate_queue

SIMULATED_MONTH_HOURS = 30 * 24


@pytest.mark.parametrize(
    ("agents", "traffic", "waiting"),
    [(11, 10.0, 0.6821), (14, 10.0, 0.1741), (2, 1.0, 0.3333), (3, 2.0, 0.4444)],
)
def test_erlang_c_probability_of_waiting_matches_the_tables(
    agents: int, traffic: float, waiting: float
) -> None:
    assert round(staffing.erlang_c(agents, traffic), 4) == waiting


def test_erlang_c_reference_case() -> None:
    result = staffing.erlang_c_staffing(14, calls_per_hour=200, aht_seconds=180, target_seconds=20)
    assert round(result.probability_of_waiting, 4) == 0.1741
    assert round(result.service_level, 4) == 0.8884
    assert round(result.average_speed_of_answer_seconds, 1) == 7.8
    assert round(result.occupancy, 4) == 0.7143


def test_fewest_agents_for_the_target_is_the_first_that_reaches_it() -> None:
    result = staffing.fewest_agents(
        calls_per_hour=200, aht_seconds=180, target_level=0.8, target_seconds=20
    )
    fewer = staffing.erlang_c_staffing(13, calls_per_hour=200, aht_seconds=180, target_seconds=20)
    assert result.agents == 14
    assert fewer.service_level < 0.8 <= result.service_level


def test_an_overloaded_queue_never_meets_the_target() -> None:
    result = staffing.erlang_c_staffing(10, calls_per_hour=200, aht_seconds=180, target_seconds=20)
    assert result.service_level == 0.0
    assert result.probability_of_waiting == 1.0


def test_erlang_a_with_endless_patience_is_erlang_c() -> None:
    patient = staffing.erlang_a_staffing(
        14, calls_per_hour=200, aht_seconds=180, target_seconds=20, patience_seconds=1e9
    )
    assert round(patient.service_level, 4) == 0.8884
    assert round(patient.probability_of_waiting, 4) == 0.1741


def test_erlang_a_abandonment_equals_patience_times_queue_length() -> None:
    """Little's law for those who hang up: abandon rate = θ · E[queue] / λ.

    E[queue] is summed here straight from the birth-death chain, independently of the
    per-caller stages the function follows.
    """
    agents, arrival, service, abandon = 10, 200 / 3600, 1 / 180, 1 / 120
    weights = [1.0]
    for k in range(1, 2000):
        leaving = min(k, agents) * service + max(k - agents, 0) * abandon
        weights.append(weights[-1] * arrival / leaving)
    mean_queue = sum(max(k - agents, 0) * w for k, w in enumerate(weights)) / sum(weights)

    result = staffing.erlang_a_staffing(
        agents, calls_per_hour=200, aht_seconds=180, target_seconds=20, patience_seconds=120
    )
    assert result.abandon_rate == pytest.approx(abandon * mean_queue / arrival, abs=1e-9)
    # Callers who hang up keep the queue stable even with only as many agents as erlangs.
    assert 0 < result.service_level < 0.8


def test_erlang_a_needs_fewer_agents_than_erlang_c_when_callers_hang_up() -> None:
    with_patience = staffing.fewest_agents(
        calls_per_hour=200,
        aht_seconds=180,
        target_level=0.8,
        target_seconds=20,
        patience_seconds=120,
    )
    assert with_patience.agents == 12
    assert with_patience.abandon_rate > 0


@pytest.mark.parametrize("patience", [None, 120.0])
def test_a_simulated_month_agrees_with_the_formula(patience: float | None) -> None:
    computed = staffing.fewest_agents(
        calls_per_hour=200,
        aht_seconds=180,
        target_level=0.8,
        target_seconds=20,
        patience_seconds=patience,
    )
    simulated = simulate_queue(
        agents=computed.agents,
        calls_per_hour=200,
        aht_seconds=180,
        target_seconds=20,
        hours=SIMULATED_MONTH_HOURS,
        patience_seconds=patience,
        seed=13,
    )
    assert simulated.calls > 100_000
    assert simulated.service_level == pytest.approx(computed.service_level, abs=0.02)
    assert simulated.occupancy == pytest.approx(computed.occupancy, abs=0.02)
    assert simulated.average_speed_of_answer_seconds == pytest.approx(
        computed.average_speed_of_answer_seconds, abs=1.5
    )
    assert simulated.abandon_rate == pytest.approx(computed.abandon_rate, abs=0.01)


def test_impossible_input_is_refused() -> None:
    with pytest.raises(ValueError, match="handling time"):
        staffing.fewest_agents(
            calls_per_hour=10, aht_seconds=0, target_level=0.8, target_seconds=20
        )
    with pytest.raises(ValueError, match="target level"):
        staffing.fewest_agents(
            calls_per_hour=10, aht_seconds=60, target_level=1.5, target_seconds=20
        )

"""How many agents a queue needs: Erlang C, and Erlang A where callers abandon (S13).

Pure functions; formulas in docs/measures.md ("Staffing"). Both models take calls arriving at
random (Poisson) at a steady rate through the hour and exponentially distributed handling
times; Erlang A adds exponentially distributed patience, so callers hang up while waiting.
The service level is the share of all calls answered within the target; a caller who hangs up
counts as not answered in time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# The most agents the search tries; a target that needs more is not a contact centre's queue.
MAX_AGENTS = 5000

# Erlang A's queue lengths are summed until the rest of the distribution is below this.
_TAIL = 1e-13


@dataclass(frozen=True)
class Staffing:
    agents: int
    service_level: float
    average_speed_of_answer_seconds: float
    occupancy: float
    probability_of_waiting: float
    abandon_rate: float

    def as_json(self) -> dict[str, int | float]:
        """Exactly the keys `kontaktcenter staffing --json` promises (issue 13)."""
        return {
            "agents": self.agents,
            "service_level": round(self.service_level, 4),
            "average_speed_of_answer_seconds": round(self.average_speed_of_answer_seconds, 1),
            "occupancy": round(self.occupancy, 4),
        }


def erlang_b(agents: int, traffic: float) -> float:
    """Blocking probability, by the stable recursion B(n) = A·B(n−1) / (n + A·B(n−1))."""
    blocking = 1.0
    for n in range(1, agents + 1):
        blocking = traffic * blocking / (n + traffic * blocking)
    return blocking


def erlang_c(agents: int, traffic: float) -> float:
    """The probability that a call waits, C(n, A) = n·B / (n − A·(1 − B)); 1 when n ≤ A."""
    if agents <= traffic:
        return 1.0
    blocking = erlang_b(agents, traffic)
    return agents * blocking / (agents - traffic * (1 - blocking))


def _check(calls_per_hour: float, aht_seconds: float, target_seconds: float) -> None:
    if calls_per_hour < 0 or aht_seconds <= 0 or target_seconds < 0:
        raise ValueError("calls must not be negative, handling time must be positive")


def erlang_c_staffing(
    agents: int, *, calls_per_hour: float, aht_seconds: float, target_seconds: float
) -> Staffing:
    """Service level, speed of answer and occupancy of `agents` by Erlang C (M/M/n)."""
    _check(calls_per_hour, aht_seconds, target_seconds)
    traffic = calls_per_hour * aht_seconds / 3600
    if agents <= traffic:
        # The queue grows without end: nobody is answered in any finite time on average.
        return Staffing(agents, 0.0, math.inf, 1.0, 1.0, 0.0)
    waiting = erlang_c(agents, traffic)
    spare_rate = (agents - traffic) / aht_seconds
    return Staffing(
        agents=agents,
        service_level=1 - waiting * math.exp(-spare_rate * target_seconds),
        average_speed_of_answer_seconds=waiting / spare_rate,
        occupancy=traffic / agents,
        probability_of_waiting=waiting,
        abandon_rate=0.0,
    )


def _log_poisson(count: int, mean: float) -> float:
    return -mean + count * math.log(mean) - math.lgamma(count + 1)


def _what_arrivals_find(
    agents: int, arrival: float, service: float, abandon: float
) -> tuple[float, list[float]]:
    """P(an agent is free) and P(j callers queued) for j = 0, 1, … as an arriving caller sees."""
    # Stationary probabilities, unnormalised, in logs to stay finite for large n.
    log_terms = [0.0]
    for k in range(1, agents + 1):
        log_terms.append(log_terms[-1] + math.log(arrival / (k * service)))
    queued: list[float] = []  # log π(n + j), j = 0, 1, … relative to π(0)
    log_state = log_terms[agents]
    j = 0
    peak = max(log_terms)
    while True:
        queued.append(log_state)
        peak = max(peak, log_state)
        j += 1
        step = arrival / (agents * service + j * abandon)
        log_state += math.log(step)
        # Past the mode each term is smaller than the last, so the rest is a vanishing tail.
        if step < 1 and log_state < peak + math.log(_TAIL):
            break
    scale = peak
    below = sum(math.exp(value - scale) for value in log_terms[:agents])
    at_or_above = [math.exp(value - scale) for value in queued]
    total = below + sum(at_or_above)
    # PASTA: an arriving caller sees the stationary distribution.
    return below / total, [value / total for value in at_or_above]


def erlang_a_staffing(
    agents: int,
    *,
    calls_per_hour: float,
    aht_seconds: float,
    target_seconds: float,
    patience_seconds: float,
) -> Staffing:
    """Service level, speed of answer, occupancy and abandonment by Erlang A (M/M/n+M).

    The number of calls in the system is a birth-death chain: arrivals at λ, departures at
    min(k, n)·μ + max(k − n, 0)·θ. A caller who finds j others queued ahead reaches an agent
    after j + 1 stages; in the stage with i ahead the queue moves at n·μ + i·θ and the caller
    gives up at θ, so the stage lasts Exp(n·μ + (i + 1)·θ) and ends in progress with probability
    (n·μ + i·θ) / (n·μ + (i + 1)·θ). The wait of an answered caller is the sum of those stages,
    whose distribution is computed by uniformisation.
    """
    _check(calls_per_hour, aht_seconds, target_seconds)
    if patience_seconds <= 0:
        raise ValueError("patience must be positive")
    arrival = calls_per_hour / 3600
    service = 1 / aht_seconds
    abandon = 1 / patience_seconds
    if arrival == 0:
        return Staffing(agents, 1.0, 0.0, 0.0, 0.0, 0.0)

    answered_at_once, seen_queue = _what_arrivals_find(agents, arrival, service, abandon)

    staged = agents * service
    fastest = staged + len(seen_queue) * abandon
    mean_events = fastest * target_seconds
    # Uniformised events within the target: enough that the Poisson tail is negligible.
    max_events = int(mean_events + 12 * math.sqrt(mean_events + 1) + 30)
    poisson = [math.exp(_log_poisson(m, mean_events)) for m in range(max_events + 1)]
    if mean_events == 0:
        poisson = [1.0] + [0.0] * max_events
    # finished[m] = P(all stages done within m uniformised events), stage by stage.
    finished = [1.0] * (max_events + 1)

    served_within = answered_at_once
    answered = answered_at_once
    wait_of_answered = 0.0
    mean_stage_time = 0.0
    served_probability = 1.0
    for ahead, probability in enumerate(seen_queue):
        stage_rate = staged + (ahead + 1) * abandon
        mean_stage_time += 1 / stage_rate
        served_probability *= (staged + ahead * abandon) / stage_rate
        move = stage_rate / fastest
        updated = [0.0] * (max_events + 1)
        for m in range(1, max_events + 1):
            updated[m] = move * finished[m - 1] + (1 - move) * updated[m - 1]
        finished = updated
        within = sum(p * f for p, f in zip(poisson, finished, strict=True))
        served_within += probability * served_probability * within
        answered += probability * served_probability
        wait_of_answered += probability * served_probability * mean_stage_time

    answered_traffic = answered * arrival / service
    return Staffing(
        agents=agents,
        service_level=served_within,
        average_speed_of_answer_seconds=wait_of_answered / answered if answered else 0.0,
        occupancy=min(answered_traffic / agents, 1.0),
        probability_of_waiting=1 - answered_at_once,
        abandon_rate=1 - answered,
    )


def fewest_agents(
    *,
    calls_per_hour: float,
    aht_seconds: float,
    target_level: float,
    target_seconds: float,
    patience_seconds: float | None = None,
) -> Staffing:
    """The fewest agents whose service level reaches `target_level`.

    Erlang C without patience, Erlang A with it. The service level grows with every agent
    added, so the first that reaches the target is the answer.
    """
    if not 0 < target_level < 1:
        raise ValueError("the target level is a fraction between 0 and 1")
    _check(calls_per_hour, aht_seconds, target_seconds)
    traffic = calls_per_hour * aht_seconds / 3600
    first = 1 if patience_seconds is not None else max(1, math.floor(traffic) + 1)
    for agents in range(first, MAX_AGENTS + 1):
        if patience_seconds is None:
            result = erlang_c_staffing(
                agents,
                calls_per_hour=calls_per_hour,
                aht_seconds=aht_seconds,
                target_seconds=target_seconds,
            )
        else:
            result = erlang_a_staffing(
                agents,
                calls_per_hour=calls_per_hour,
                aht_seconds=aht_seconds,
                target_seconds=target_seconds,
                patience_seconds=patience_seconds,
            )
        if result.service_level >= target_level:
            return result
    raise ValueError(f"more than {MAX_AGENTS} agents would be needed")

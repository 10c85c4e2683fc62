"""A discrete-event simulation of one queue, to check the staffing formulas against (S13).

Calls arrive at random (Poisson), are answered first come first served by `agents` agents with
exponential handling times and, with a patience, hang up after an exponential wait. The same
assumptions as Erlang C and Erlang A, played out call by call, so a model error shows as a
difference between the simulated and the computed figures.
"""

from __future__ import annotations

import heapq
import random
from collections import deque
from dataclasses import dataclass


@dataclass(frozen=True)
class SimulatedQueue:
    calls: int
    answered: int
    answered_within_target: int
    abandoned: int
    wait_of_answered_seconds: float
    busy_seconds: float
    agent_seconds: float

    @property
    def service_level(self) -> float:
        return self.answered_within_target / self.calls if self.calls else 1.0

    @property
    def average_speed_of_answer_seconds(self) -> float:
        return self.wait_of_answered_seconds / self.answered if self.answered else 0.0

    @property
    def occupancy(self) -> float:
        return self.busy_seconds / self.agent_seconds if self.agent_seconds else 0.0

    @property
    def abandon_rate(self) -> float:
        return self.abandoned / self.calls if self.calls else 0.0


def simulate_queue(
    *,
    agents: int,
    calls_per_hour: float,
    aht_seconds: float,
    target_seconds: float,
    hours: float,
    patience_seconds: float | None = None,
    seed: int = 0,
) -> SimulatedQueue:
    """Play `hours` of the queue and count what happened to each call that arrived.

    A caller who would give up is kept in the queue with the moment they hang up; when an agent
    becomes free, callers whose moment has passed are dropped as abandoned. That is exact for a
    first-come-first-served queue: a caller who hung up never holds an agent.
    """
    if agents < 1 or calls_per_hour <= 0 or aht_seconds <= 0 or hours <= 0:
        raise ValueError("agents, calls, handling time and hours must be positive")
    # A reproducible simulation, not a secret: a seeded generator is what is wanted.
    rng = random.Random(seed)  # noqa: S311
    arrival_rate = calls_per_hour / 3600
    end = hours * 3600
    free_at: list[float] = []  # when each busy agent finishes, a heap
    waiting: deque[tuple[float, float]] = deque()  # (arrived, hangs up)
    calls = answered = within = abandoned = 0
    wait_total = busy = 0.0

    def answer(arrived: float, now: float) -> None:
        nonlocal answered, within, wait_total, busy
        wait = now - arrived
        answered += 1
        within += wait <= target_seconds
        wait_total += wait
        handling = rng.expovariate(1 / aht_seconds)
        # Only the part of the work inside the simulated period counts towards occupancy.
        busy += max(0.0, min(now + handling, end) - now)
        heapq.heappush(free_at, now + handling)

    def release_agents_until(moment: float) -> None:
        nonlocal abandoned
        while free_at and free_at[0] <= moment:
            now = heapq.heappop(free_at)
            while waiting and waiting[0][1] < now:
                waiting.popleft()
                abandoned += 1
            if waiting:
                arrived, _gives_up = waiting.popleft()
                answer(arrived, now)

    now = rng.expovariate(arrival_rate)
    while now < end:
        release_agents_until(now)
        calls += 1
        if len(free_at) < agents:
            answer(now, now)
        else:
            patience = rng.expovariate(1 / patience_seconds) if patience_seconds else float("inf")
            waiting.append((now, now + patience))
        now += rng.expovariate(arrival_rate)
    # Callers still queued at the end are followed until they are answered or hang up.
    release_agents_until(float("inf"))
    abandoned += len(waiting)
    return SimulatedQueue(
        calls=calls,
        answered=answered,
        answered_within_target=within,
        abandoned=abandoned,
        wait_of_answered_seconds=wait_total,
        busy_seconds=busy,
        agent_seconds=agents * end,
    )

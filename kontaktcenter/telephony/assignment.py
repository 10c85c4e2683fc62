"""Which agent takes which waiting contact (S2): a pure core, the same for phone calls and
written contacts.

A waiting contact goes to the ready agent with its skill who has been idle longest, at the
contact's own site; once it has waited the overflow time, agents of the other sites with the
skill may take it too. Contacts are served longest-waiting first. Ties are broken by id, so the
same situation always gives the same decisions.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class WaitingContact:
    id: str
    skill: str
    site: str
    waiting_since: datetime
    channel: str = "phone"
    overflow_after: timedelta = timedelta(minutes=2)


@dataclass(frozen=True)
class ReadyAgent:
    id: str
    site: str
    skills: frozenset[str]
    idle_since: datetime


@dataclass(frozen=True)
class Assignment:
    contact: str
    agent: str
    overflowed: bool


def assign(
    contacts: Iterable[WaitingContact], agents: Iterable[ReadyAgent], *, at: datetime
) -> list[Assignment]:
    """Match waiting contacts to ready agents; each agent takes at most one contact.

    Agents are kept in one heap per (site, skill), longest idle on top, so a decision costs a
    few heap operations, not a scan of every agent.
    """
    heaps: dict[tuple[str, str], list[tuple[datetime, str]]] = {}
    sites_by_skill: dict[str, set[str]] = {}
    for agent in agents:
        for skill in agent.skills:
            heaps.setdefault((agent.site, skill), []).append((agent.idle_since, agent.id))
            sites_by_skill.setdefault(skill, set()).add(agent.site)
    for heap in heaps.values():
        heapq.heapify(heap)
    taken: set[str] = set()

    def top(site: str, skill: str) -> tuple[datetime, str] | None:
        heap = heaps.get((site, skill))
        while heap and heap[0][1] in taken:
            heapq.heappop(heap)
        return heap[0] if heap else None

    decisions: list[Assignment] = []
    for contact in sorted(contacts, key=lambda c: (c.waiting_since, c.id)):
        candidates: list[tuple[datetime, str, str]] = []
        own = top(contact.site, contact.skill)
        if own is not None:
            candidates.append((*own, contact.site))
        elif at - contact.waiting_since >= contact.overflow_after:
            for site in sorted(sites_by_skill.get(contact.skill, ())):
                other = top(site, contact.skill)
                if site != contact.site and other is not None:
                    candidates.append((*other, site))
        if not candidates:
            continue
        _idle, chosen, site = min(candidates)
        taken.add(chosen)
        decisions.append(Assignment(contact.id, chosen, overflowed=site != contact.site))
    return decisions


def assign_by_scanning(
    contacts: Iterable[WaitingContact], agents: Iterable[ReadyAgent], *, at: datetime
) -> list[Assignment]:
    """The same decisions by scanning every agent for every contact: the benchmark's baseline
    and the tests' second opinion."""
    free = list(agents)
    decisions: list[Assignment] = []
    for contact in sorted(contacts, key=lambda c: (c.waiting_since, c.id)):
        skilled = [a for a in free if contact.skill in a.skills]
        own = [a for a in skilled if a.site == contact.site]
        pool = own or (skilled if at - contact.waiting_since >= contact.overflow_after else [])
        if not pool:
            continue
        chosen = min(pool, key=lambda a: (a.idle_since, a.id))
        free.remove(chosen)
        decisions.append(Assignment(contact.id, chosen.id, overflowed=chosen.site != contact.site))
    return decisions

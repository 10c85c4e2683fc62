"""Routing of waiting contacts to agents (S2): longest-idle ready agent with the skill, at the
contact's site, and at the other site once the contact has waited the overflow time."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from kontaktcenter.telephony.assignment import (
    Assignment,
    ReadyAgent,
    WaitingContact,
    assign,
    assign_by_scanning,
)

AT = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
TN, SK = "Tekniska nämndhuset", "Sköndal"


def agent(name: str, site: str, *skills: str, idle_minutes: int) -> ReadyAgent:
    return ReadyAgent(name, site, frozenset(skills), AT - timedelta(minutes=idle_minutes))


def contact(name: str, site: str, skill: str, *, waited_seconds: int, channel: str = "phone"):
    return WaitingContact(name, skill, site, AT - timedelta(seconds=waited_seconds), channel)


def test_the_longest_idle_agent_with_the_skill_takes_the_call() -> None:
    agents = [
        agent("maja", TN, "trafik", idle_minutes=5),
        agent("omar", TN, "trafik", idle_minutes=12),
        agent("eva", TN, "bygglov", idle_minutes=30),
    ]

    decisions = assign([contact("c1", TN, "trafik", waited_seconds=10)], agents, at=AT)

    assert decisions == [Assignment("c1", "omar", overflowed=False)]


def test_the_longest_waiting_contact_is_served_first() -> None:
    agents = [agent("maja", TN, "trafik", idle_minutes=5)]
    contacts = [
        contact("recent", TN, "trafik", waited_seconds=5),
        contact("oldest", TN, "trafik", waited_seconds=50),
    ]

    assert [d.contact for d in assign(contacts, agents, at=AT)] == ["oldest"]


def test_a_contact_stays_at_its_site_until_the_overflow_time() -> None:
    agents = [agent("sara", SK, "trafik", idle_minutes=20)]

    early = assign([contact("c1", TN, "trafik", waited_seconds=60)], agents, at=AT)
    late = assign([contact("c1", TN, "trafik", waited_seconds=120)], agents, at=AT)

    assert early == []
    assert late == [Assignment("c1", "sara", overflowed=True)]


def test_an_agent_at_the_own_site_goes_before_a_longer_idle_one_elsewhere() -> None:
    agents = [
        agent("sara", SK, "trafik", idle_minutes=60),
        agent("maja", TN, "trafik", idle_minutes=1),
    ]

    decisions = assign([contact("c1", TN, "trafik", waited_seconds=600)], agents, at=AT)

    assert decisions == [Assignment("c1", "maja", overflowed=False)]


def test_written_contacts_are_routed_the_same_way_as_calls() -> None:
    agents = [agent("maja", TN, "skola", idle_minutes=3)]

    decisions = assign(
        [contact("mail-7", TN, "skola", waited_seconds=30, channel="email")], agents, at=AT
    )

    assert decisions == [Assignment("mail-7", "maja", overflowed=False)]


def test_no_agent_takes_two_contacts() -> None:
    agents = [agent("maja", TN, "trafik", "skola", idle_minutes=3)]
    contacts = [
        contact("c1", TN, "trafik", waited_seconds=30),
        contact("c2", TN, "skola", waited_seconds=20),
    ]

    assert [d.agent for d in assign(contacts, agents, at=AT)] == ["maja"]


def test_the_fast_core_decides_as_scanning_every_agent_does() -> None:
    rng = random.Random(4)  # noqa: S311 - a fixed situation
    skills = ["trafik", "skola", "bygglov", "idrott"]
    agents = [
        agent(f"a{n}", rng.choice([TN, SK]), *rng.sample(skills, 2), idle_minutes=rng.randrange(60))
        for n in range(40)
    ]
    contacts = [
        contact(
            f"c{n}", rng.choice([TN, SK]), rng.choice(skills), waited_seconds=rng.randrange(300)
        )
        for n in range(60)
    ]

    assert assign(contacts, agents, at=AT) == assign_by_scanning(contacts, agents, at=AT)

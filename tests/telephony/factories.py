"""Phone queues and agents as the demo's PBX names them."""

# mypy: disable-error-code="no-untyped-call"

from __future__ import annotations

from factory.declarations import Sequence
from factory.django import DjangoModelFactory

from kontaktcenter.telephony.models import Agent, Queue


class QueueFactory(DjangoModelFactory[Queue]):
    class Meta:
        model = Queue

    name = Sequence(lambda n: f"queue-{n}")
    label = Sequence(lambda n: f"Kö {n}")
    skill = "trafik"


class AgentFactory(DjangoModelFactory[Agent]):
    class Meta:
        model = Agent

    interface = Sequence(lambda n: f"PJSIP/{1000 + n}")
    name = Sequence(lambda n: f"Agent {n}")
    skills = ["trafik"]

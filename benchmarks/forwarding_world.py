"""The given state of the forwarding benchmark: one organisation, one complaint category, a
webhook endpoint to the benchmark's receiver, and cases made through the real services."""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx
from django.db import transaction

from kontaktcenter.accounts.actors import SystemActor
from kontaktcenter.accounts.models import Role, User
from kontaktcenter.cases import services as case_services
from kontaktcenter.cases.models import Channel
from kontaktcenter.directory.models import Organisation, OrganisationKind
from kontaktcenter.forwarding import services as forwarding_services
from kontaktcenter.forwarding.adapters.webhook import body_of
from kontaktcenter.forwarding.choices import EndpointKind, Sends
from kontaktcenter.forwarding.models import Delivery, Endpoint
from kontaktcenter.forwarding.outbox import idempotency_key
from kontaktcenter.routing.models import Category, FeedbackKind, Handling

SECRET = "benchmark-signing-secret-0123456789"  # noqa: S105 - a throw-away database


@dataclass
class World:
    agent: User
    category: Category
    endpoint: Endpoint


def build(url: str) -> World:
    operator = Organisation.objects.create(
        name="Serviceförvaltningen", code="serviceforvaltningen", is_operator=True,
        kind=OrganisationKind.ADMINISTRATION,
    )  # fmt: skip
    traffic = Organisation.objects.create(
        name="Trafikkontoret", code="trafikkontoret", kind=OrganisationKind.ADMINISTRATION
    )
    category = Category.objects.create(
        name="Klagomål gata", code="klagomal-gata", responsible_organisation=traffic,
        handling=Handling.ORGANISATION, feedback_kind=FeedbackKind.COMPLAINT,
    )  # fmt: skip
    agent = User.objects.create(
        username="agent",
        role=Role.TIER1_AGENT,
        organisation=operator,
        password="!",  # noqa: S106
    )
    endpoint = forwarding_services.endpoint_create(
        actor=SystemActor("benchmark"),
        organisation=traffic,
        name="Trafikkontorets synpunktssystem",
        kind=EndpointKind.WEBHOOK,
        url=url,
        secret=SECRET,
        sends=Sends.COMPLAINTS,
    )
    return World(agent=agent, category=category, endpoint=endpoint)


def _case(world: World, number: int) -> int:
    case = case_services.case_create(
        actor=world.agent,
        channel=Channel.PHONE,
        category=world.category,
        subject=f"Klagomål på snöröjningen, Hornsgatan {number}",
        description="Trottoaren har inte plogats på tre dagar och det är halt.",
        resident_name="Anna Svensson",
        resident_email="anna.svensson@example.se",
        share_contact_details=True,
    )
    return case.pk


def pause_deliveries(world: World) -> None:
    """Nothing is pending before a throughput run."""
    assert not Delivery.objects.filter(status="pending").exists()
    Endpoint.objects.filter(pk=world.endpoint.pk).update(failures_in_row=0, paused_until=None)


def cases_in_one_commit(world: World, count: int) -> float:
    """Create `count` cases in one transaction, so every delivery becomes due at one moment;
    returns that moment."""
    with transaction.atomic():
        for number in range(count):
            _case(world, number)
    return time.time()


def one_case(world: World) -> tuple[str, float]:
    """One case in its own transaction: its delivery's idempotency key and the commit time."""
    with transaction.atomic():
        case_id = _case(world, 0)
        event_id = Delivery.objects.filter(case_id=case_id).values_list("event_id", flat=True).get()
    return idempotency_key(event_id, world.endpoint.pk), time.time()


def bare_post_ms(world: World, url: str, *, repeats: int) -> float:
    """The mean time of the same POST the worker makes, without the worker around it."""
    delivery = Delivery.objects.filter(endpoint=world.endpoint).first()
    assert delivery is not None
    body = body_of(delivery)
    headers = {"Content-Type": "application/json", "Idempotency-Key": "bare-post"}
    # Like the worker: one client that keeps its connection to the receiver open.
    with httpx.Client() as client:
        client.post(url, content=body, headers=headers).raise_for_status()
        start = time.perf_counter()
        for _ in range(repeats):
            client.post(url, content=body, headers=headers, timeout=10).raise_for_status()
    return (time.perf_counter() - start) * 1000 / repeats

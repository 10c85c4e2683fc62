"""Load the Stockholm demo: the city's organisation, categories, demo logins and a history."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

from django.db import transaction

from kontaktcenter.accounts.models import Role, User
from kontaktcenter.cases.models import Case, CaseEvent, Contact
from kontaktcenter.core.clock import now, today
from kontaktcenter.demo.caselinks import tell_related_cases
from kontaktcenter.demo.casework import create_casework, fill_street_light_forms
from kontaktcenter.demo.categories import create_categories
from kontaktcenter.demo.directory import create_directory
from kontaktcenter.demo.eservice import create_written_inquiries
from kontaktcenter.demo.forwarding import create_endpoints
from kontaktcenter.demo.history import Cast, HistoryGenerator
from kontaktcenter.demo.integrations import create_integrations
from kontaktcenter.demo.knowledge import create_knowledge
from kontaktcenter.demo.names import NameGenerator
from kontaktcenter.demo.privacy import create_retention_plan, refused_attempt
from kontaktcenter.demo.routing import create_routing_rules
from kontaktcenter.demo.switchboard import create_switchboard
from kontaktcenter.demo.telephony import create_phone_queues, load_earlier_days
from kontaktcenter.demo.users import DEMO_PASSWORD, FEATURED_USERS, create_users
from kontaktcenter.directory.models import Function, Organisation, Person, Site
from kontaktcenter.forwarding.models import Delivery, Endpoint
from kontaktcenter.knowledge.models import Article
from kontaktcenter.routing.models import Category, RoutingRule
from kontaktcenter.telephony.models import Agent, Call, Queue

__all__ = ["DEMO_PASSWORD", "DemoLogin", "DemoResult", "demo_counts", "demo_load", "demo_logins"]

DEFAULT_HISTORY_DAYS = 60
DEFAULT_CONTACTS_PER_DAY = 50.0
DEFAULT_SEED = 2026


class Writer(Protocol):
    def write(self, text: str, /) -> object: ...


@dataclass(frozen=True)
class DemoResult:
    loaded: bool
    message: str
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


class DemoLogin(NamedTuple):
    username: str
    role: str
    organisation: str


def demo_counts() -> dict[str, int]:
    return {
        "organisations": Organisation.objects.count(),
        "sites": Site.objects.count(),
        "functions": Function.objects.count(),
        "people": Person.objects.count(),
        "categories": Category.objects.count(),
        "users": User.objects.count(),
        "contacts": Contact.objects.count(),
        "cases": Case.objects.count(),
        "case events": CaseEvent.objects.count(),
        "routing rules": RoutingRule.objects.count(),
        "delivery endpoints": Endpoint.objects.count(),
        "deliveries": Delivery.objects.count(),
        "phone queues": Queue.objects.count(),
        "phone agents": Agent.objects.count(),
        "calls": Call.objects.count(),
        "knowledge articles": Article.objects.count(),
    }


def demo_load(
    *,
    history_days: int = DEFAULT_HISTORY_DAYS,
    contacts_per_day: float = DEFAULT_CONTACTS_PER_DAY,
    seed: int = DEFAULT_SEED,
    stdout: Writer | None = None,
) -> DemoResult:
    """Load the Stockholm demo unless an operator organisation already exists.

    Everything is one transaction: a failed load leaves nothing behind, and a second load
    after a successful one finds the operator and does nothing. The same seed gives the same
    organisation, people and history (only references' tracking codes differ).
    """

    def say(text: str) -> None:
        if stdout is not None:
            stdout.write(f"{text}\n")

    existing = Organisation.objects.filter(is_operator=True).first()
    if existing is not None:
        message = f"Demo data not loaded: {existing.name} already operates this installation."
        say(message)
        return DemoResult(loaded=False, message=message, counts=demo_counts())

    started = time.monotonic()
    # Separate generators, so adding a person to the directory does not change the history.
    directory_names = NameGenerator(random.Random(seed))  # noqa: S311 - demo data, not secrets
    history_rng = random.Random(seed + 1)  # noqa: S311
    with transaction.atomic():
        say("Creating Stockholm's organisation, sites, functions and people …")
        directory = create_directory(directory_names)
        leaves = create_categories(directory.organisations)
        users = create_users(directory, directory_names)
        create_switchboard(directory, users, random.Random(seed + 2))  # noqa: S311
        # Before the history, so its complaints fan out to the organisations' own systems.
        create_endpoints(directory.organisations)
        # Before the history, so its cases get deadlines in the organisations' working time.
        create_casework(directory.organisations)
        create_knowledge(
            directory.organisations, {leaf.category.code: leaf.category for leaf in leaves}, users
        )
        say(f"Generating {history_days} days of contacts and cases …")
        operator = next(org for org in directory.organisations.values() if org.is_operator)
        history = HistoryGenerator(
            rng=history_rng,
            names=NameGenerator(history_rng),
            directory=directory,
            leaves=leaves,
            cast=Cast.from_users(users, operator),
            since=now(),
        )
        history.run(days=history_days, contacts_per_day=contacts_per_day)
        say("Setting up the phone queues and two earlier days of calls …")
        create_phone_queues(directory)
        load_earlier_days(today())
        administrator = next(user for user in users if user.role == Role.SYSTEM_ADMIN)
        history.honour_an_erasure_request(administrator)
        fill_street_light_forms(next(u for u in users if u.username == "handlaggare.trafik"))
        tell_related_cases(cutoff=history.cutoff)
        create_retention_plan()
        refused_attempt(history.cutoff)
        say("Sending the fault-report app's reports through Open311 …")
        create_integrations(directory.organisations)
        say("Writing routing rules …")
        create_routing_rules(directory.organisations)
        say("Adding residents' e-service and e-mail inquiries …")
        create_written_inquiries(directory.organisations)
    counts = demo_counts()
    seconds = time.monotonic() - started
    message = f"Demo data loaded in {seconds:.1f} s: " + ", ".join(
        f"{value} {name}" for name, value in counts.items()
    )
    say(message)
    return DemoResult(loaded=True, message=message, counts=counts, seconds=seconds)


def demo_logins() -> list[DemoLogin]:
    """The featured demo accounts that exist, one per role, in a fixed order."""
    usernames = [spec.username for spec in FEATURED_USERS]
    users = {
        user.username: user
        for user in User.objects.filter(username__in=usernames).select_related("organisation")
    }
    return [
        DemoLogin(
            username, str(Role(users[username].role).label), users[username].organisation.name
        )
        for username in usernames
        if username in users
    ]

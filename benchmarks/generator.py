"""Generate a case history: cases with their contact and events, written with bulk_create.

This is how the benchmarks get 100 000 cases in a minute. It is NOT how the application writes
cases (that is `services.case_create`, which the benchmarks measure separately): the rows are
shaped like the services' rows (same event kinds and `data`, same references and statuses, and
the routing decided by the application's own rule, `routing.rules.decide_route`), so the pages
read them as they would read real history.

The history is deterministic for a given seed and `end`:
- cases spread over `days` days before `end`, mostly on weekdays in office hours;
- leaf categories drawn by weight; social-services categories go to the resident's district and
  are confidential, tier-2 categories stay with the operator, the rest go to the owner;
- about 70 % closed, a few days after they came in; the 30 % still open (new, in progress or
  waiting) are mostly recent, with a backlog of older ones that thins out with age (about 95 %
  of this week's cases are open, 20 % of last year's, 5 % of the oldest);
- every case has one contact (outcome "case created") and 2–5 events: created, routed, and then
  status changed / assigned / closed as the case moved on;
- besides, `contacts_without_case` contacts per case that were answered directly, referred or
  transferred (tier 1 solved most matters without a case), for the statistics page.
"""

from __future__ import annotations

import math
import random
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from benchmarks.world import World
from kontaktcenter.accounts.actors import ActorKind
from kontaktcenter.cases.models import (
    Case,
    CaseEvent,
    CaseEventKind,
    CaseReferenceCounter,
    CaseStatus,
    Channel,
    Contact,
    ContactOutcome,
    Party,
    case_search_text,
)
from kontaktcenter.routing.models import Handling
from kontaktcenter.routing.rules import CategoryRule, Route, decide_route

STOCKHOLM = ZoneInfo("Europe/Stockholm")

CHANNELS = (Channel.PHONE, Channel.WEB, Channel.EMAIL, Channel.VISIT, Channel.LETTER)
CHANNEL_WEIGHTS = (55, 25, 12, 5, 3)
OPEN_SHARE = 0.30  # of all generated cases, still open at `end`
OPEN_DECAY_DAYS = 240.0  # the chance that a case is still open falls by e every 240 days
MEAN_DAYS_TO_CLOSE = 5.0
OPEN_STATUSES = (CaseStatus.NEW, CaseStatus.IN_PROGRESS, CaseStatus.WAITING)
OPEN_STATUS_WEIGHTS = (40, 45, 15)

FIRST_NAMES = (
    "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Emma", "Kerstin", "Sofia", "Ingrid",
    "Erik", "Lars", "Karl", "Anders", "Johan", "Per", "Mikael", "Ali", "Mohamed", "Omar",
    "Fatima", "Amina", "Leila", "Nils", "Oskar", "Elsa", "Alice", "Maja", "Hugo", "Liam",
)  # fmt: skip
LAST_NAMES = (
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
    "Persson", "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Hansson", "Lindberg",
    "Ahmed", "Hassan", "Ali", "Mohammed", "Lindqvist", "Berg", "Holm", "Ek", "Sjöberg",
)  # fmt: skip
STREETS = (
    "Rinkebysvängen", "Tensta allé", "Vällingbyplan", "Drottningholmsvägen", "Fleminggatan",
    "Sveavägen", "Karlavägen", "Götgatan", "Hornsgatan", "Sockenvägen", "Farstaplan",
    "Skärholmsplan", "Hägerstensvägen", "Kistagången", "Bergsgatan", "Ringvägen",
)  # fmt: skip
# One resident in RARE_LAST_NAME_EVERY has this name, which no other case contains: the rare
# word the search benchmark looks for. Chosen by count, not drawn, so the rest of the history
# is the same as without it.
RARE_LAST_NAME = "Öhrvall"
RARE_LAST_NAME_EVERY = 5000
PHRASES = (
    "behöver åtgärdas snarast",
    "har varit ett problem i flera veckor",
    "fråga om vad som gäller",
    "anmälan från boende i området",
    "upprepad anmälan, inget har hänt",
    "vill ha återkoppling",
)
RESOLUTIONS = (
    "Åtgärdat.",
    "Besked lämnat till invånaren.",
    "Vidarebefordrat till entreprenör, åtgärdat.",
    "Ingen åtgärd behövs.",
)


@dataclass(frozen=True)
class GenerationResult:
    cases: int
    contacts: int
    events: int
    closed: int
    seconds: float

    @property
    def closed_share(self) -> float:
        return self.closed / self.cases if self.cases else 0.0


class _References:
    """Case numbers per registry year, continuing from what the counters already hold."""

    def __init__(self) -> None:
        self.last: dict[int, int] = dict(
            CaseReferenceCounter.objects.values_list("year", "last_number")
        )

    def next(self, at: datetime) -> str:
        year = at.astimezone(STOCKHOLM).year
        number = self.last.get(year, 0) + 1
        self.last[year] = number
        return f"{settings.CASE_REFERENCE_PREFIX}-{year}-{number:06d}"

    def save(self) -> None:
        for year, number in self.last.items():
            CaseReferenceCounter.objects.update_or_create(
                year=year, defaults={"last_number": number}
            )


def _moments(rng: random.Random, count: int, *, end: datetime, days: int) -> list[datetime]:
    """`count` moments before `end`, mostly weekdays 08–17 local time, oldest first."""
    end_local = end.astimezone(STOCKHOLM)
    first_day = end_local.date() - timedelta(days=days - 1)
    moments: list[datetime] = []
    while len(moments) < count:
        day = first_day + timedelta(days=rng.randrange(days))
        if day.weekday() >= 5 and rng.random() > 0.3:  # weekends are quieter
            continue
        if rng.random() < 0.85:
            seconds = rng.uniform(8 * 3600, 17 * 3600)
        else:
            seconds = rng.uniform(0, 24 * 3600)
        local = datetime(day.year, day.month, day.day, tzinfo=STOCKHOLM) + timedelta(
            seconds=seconds
        )
        moment = local.astimezone(UTC)
        if moment < end:
            moments.append(moment)
    moments.sort()
    return moments


def _picked_up(
    handler: Any, at: datetime
) -> list[tuple[CaseEventKind, Any, datetime, dict[str, Any]]]:
    """An officer takes a new case: the status moves to in progress and the case is theirs."""
    return [
        (CaseEventKind.STATUS_CHANGED, handler, at,
         {"before": CaseStatus.NEW, "after": CaseStatus.IN_PROGRESS}),
        (CaseEventKind.ASSIGNED, handler, at, {"before": None, "after": _person(handler)}),
    ]  # fmt: skip


def _person(user: Any) -> dict[str, Any]:
    return {"id": user.pk, "name": str(user)}


def _staff(user: Any) -> dict[str, Any]:
    """The actor columns of an event written by a staff member, as the services write them."""
    return {"actor": user, "actor_kind": ActorKind.STAFF, "actor_label": str(user)}


class _Generator:
    def __init__(self, world: World, rng: random.Random, end: datetime) -> None:
        self.world = world
        self.rng = rng
        self.end = end
        self.case_leaves = [leaf for leaf in world.leaves if leaf.handling != Handling.REFERRAL]
        self.case_leaf_weights = list(accumulate(leaf.weight for leaf in self.case_leaves))
        self.referral_leaves = [leaf for leaf in world.leaves if leaf.handling == Handling.REFERRAL]
        self.all_leaves = world.leaves
        self.all_leaf_weights = list(accumulate(leaf.weight for leaf in world.leaves))
        self.district_weights = list(accumulate(world.district_weights))
        self.per_case = 0.5
        self.open_scale = 1.0
        self.org_names = {org.pk: org.name for org in world.organisations.values()}
        self.receiving = [org for org in world.organisations.values() if org.pk in world.officers]
        self.references = _References()
        self.residents = 0

    def open_chance(self, created_at: datetime) -> float:
        """Recent cases are mostly open, old ones mostly closed: a backlog that thins out."""
        age_days = (self.end - created_at).total_seconds() / 86400
        return min(1.0, self.open_scale * math.exp(-age_days / OPEN_DECAY_DAYS))

    def calibrate_open_share(self, moments: list[datetime]) -> None:
        """Scale the open chance so that OPEN_SHARE of these cases end up open."""
        sample = moments[:: max(1, len(moments) // 5000)]
        low, high = 0.0, 100.0
        for _ in range(40):
            self.open_scale = (low + high) / 2
            share = sum(self.open_chance(at) for at in sample) / max(1, len(sample))
            low, high = (self.open_scale, high) if share < OPEN_SHARE else (low, self.open_scale)

    def _resident(self) -> tuple[str, str, str]:
        rng = self.rng
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        self.residents += 1
        rare = self.residents % RARE_LAST_NAME_EVERY == 0
        name = f"{first} {RARE_LAST_NAME if rare else last}"
        email = ""
        if rng.random() < 0.7:
            email = f"{first}.{last}{rng.randrange(100)}@example.se".lower()
        phone = f"+4670{rng.randrange(10**7):07d}" if rng.random() < 0.8 else ""
        return name, email, phone

    def case_with_history(
        self, created_at: datetime
    ) -> tuple[Case, Contact, list[CaseEvent], list[Contact]]:
        rng, world = self.rng, self.world
        leaf = rng.choices(self.case_leaves, cum_weights=self.case_leaf_weights)[0]
        district = None
        if leaf.handling == Handling.RESIDENT_DISTRICT or rng.random() < 0.5:
            district = rng.choices(world.districts, cum_weights=self.district_weights)[0]
        # The application's own routing rule decides where the case goes, and why.
        decision = decide_route(
            CategoryRule(leaf.handling, leaf.owner_id),
            district_id=district.pk if district else None,
            operator_id=world.operator.pk,
        )
        assert isinstance(decision, Route), decision
        organisation_id = decision.organisation_id
        reason = decision.reason.value
        organisation_name = self.org_names[organisation_id]
        channel = rng.choices(CHANNELS, weights=CHANNEL_WEIGHTS)[0]
        agent = rng.choice(world.tier1_agents)
        street = f"{rng.choice(STREETS)} {rng.randrange(1, 120)}"
        subject = f"{leaf.name} – {street}"
        place = district.name if district else "Stockholm"
        description = (
            f"Invånaren hör av sig om {leaf.name.lower()} vid {street} ({place}): "
            f"{rng.choice(PHRASES)}."
        )
        name, email, phone = self._resident()
        handlers = world.officers.get(organisation_id) or world.tier2_agents
        handler = rng.choice(handlers)

        # What happened to the case after it was created, in time order.
        history: list[tuple[CaseEventKind, Any, datetime, dict[str, Any]]] = []
        status = CaseStatus.NEW
        assignee = None
        closed_at = None
        if rng.random() >= self.open_chance(created_at):
            close_at = created_at + timedelta(days=rng.expovariate(1 / MEAN_DAYS_TO_CLOSE))
            if close_at >= self.end:  # a recent case closed quickly
                close_at = created_at + (self.end - created_at) * rng.random()
            if rng.random() < 0.8:  # picked up by an officer first
                at = created_at + (close_at - created_at) * rng.uniform(0.05, 0.5)
                history += _picked_up(handler, at)
                status, assignee = CaseStatus.IN_PROGRESS, handler
            history.append(
                (CaseEventKind.CLOSED, handler, close_at,
                 {"before": status, "after": CaseStatus.CLOSED,
                  "resolution": rng.choice(RESOLUTIONS)})
            )  # fmt: skip
            status, closed_at = CaseStatus.CLOSED, close_at
        else:
            target = rng.choices(OPEN_STATUSES, weights=OPEN_STATUS_WEIGHTS)[0]
            if target != CaseStatus.NEW:
                span = (self.end - created_at) * 0.5
                at = created_at + span * rng.random()
                history += _picked_up(handler, at)
                status, assignee = CaseStatus.IN_PROGRESS, handler
                if target == CaseStatus.WAITING:
                    later = at + (self.end - at) * rng.random()
                    history.append(
                        (CaseEventKind.STATUS_CHANGED, handler, later,
                         {"before": CaseStatus.IN_PROGRESS, "after": CaseStatus.WAITING})
                    )  # fmt: skip
                    status = CaseStatus.WAITING
        updated_at = history[-1][2] if history else created_at

        case = Case(
            reference=self.references.next(created_at),
            tracking_token=secrets.token_urlsafe(32),
            channel=channel,
            category_id=leaf.id,
            status=status,
            responsible_organisation_id=organisation_id,
            district=district,
            assignee=assignee,
            is_confidential=leaf.is_confidential,
            subject=subject,
            description=description,
            party=Party(name=name, email=email, phone=phone, created_at=created_at),
            search_text=case_search_text(subject=subject, resident_name=name),
            routing_reason=reason,
            created_by=agent,
            received_at=created_at,
            created_at=created_at,
            updated_at=updated_at,
            closed_at=closed_at,
        )
        talk = timedelta(seconds=rng.uniform(60, 600) if channel == Channel.PHONE else 30)
        contact = Contact(
            channel=channel,
            site=world.site,
            agent=agent,
            received_at=created_at - talk,
            started_at=created_at - talk,
            ended_at=created_at,
            question=description,
            outcome=ContactOutcome.CASE_CREATED,
            category_id=leaf.id,
        )
        events = [
            CaseEvent(
                kind=CaseEventKind.CREATED,
                **_staff(agent),
                occurred_at=created_at,
                data={
                    "channel": channel,
                    "category": {"id": leaf.id, "name": leaf.name},
                    "subject": subject,
                    "received_at": created_at.isoformat(),
                },
            ),
            CaseEvent(
                kind=CaseEventKind.ROUTED,
                **_staff(agent),
                occurred_at=created_at,
                data={
                    "before": None,
                    "after": {"id": organisation_id, "name": organisation_name},
                    "reason": reason,
                    "category": {"id": leaf.id, "name": leaf.name},
                },
            ),
        ]
        events += [
            CaseEvent(kind=kind, **_staff(actor), occurred_at=at, data=data)
            for kind, actor, at, data in history
        ]
        return case, contact, events, self._contacts_without_case(created_at)

    def _contacts_without_case(self, near: datetime) -> list[Contact]:
        rng, world = self.rng, self.world
        count = int(self.per_case) + (rng.random() < self.per_case % 1)
        contacts = []
        for _ in range(count):
            started_at = near + timedelta(minutes=rng.uniform(-120, 120))
            if started_at >= self.end:
                continue
            channel = rng.choices(CHANNELS, weights=CHANNEL_WEIGHTS)[0]
            roll = rng.random()
            referred_to = None
            if roll < 0.75:
                outcome = ContactOutcome.ANSWERED_DIRECTLY
                leaf = rng.choices(self.all_leaves, cum_weights=self.all_leaf_weights)[0]
            elif roll < 0.9 and self.referral_leaves:
                outcome = ContactOutcome.REFERRED
                leaf = rng.choice(self.referral_leaves)
                referred_to = leaf.owner_id
            else:
                outcome = ContactOutcome.TRANSFERRED
                leaf = rng.choices(self.all_leaves, cum_weights=self.all_leaf_weights)[0]
                referred_to = rng.choice(self.receiving).pk
            contacts.append(
                Contact(
                    channel=channel,
                    site=world.site,
                    agent=rng.choice(world.tier1_agents),
                    received_at=started_at,
                    started_at=started_at,
                    ended_at=started_at + timedelta(seconds=rng.uniform(30, 400)),
                    question=f"Fråga om {leaf.name.lower()}.",
                    answer="Besked lämnat." if outcome == ContactOutcome.ANSWERED_DIRECTLY else "",
                    outcome=outcome,
                    category_id=leaf.id,
                    referred_to_id=referred_to,
                )
            )
        return contacts


def generate(
    world: World,
    *,
    cases: int,
    end: datetime | None = None,
    days: int = 730,
    seed: int = 2026,
    batch_size: int = 2000,
    contacts_without_case: float = 0.5,
    progress: Callable[[int, int], None] | None = None,
) -> GenerationResult:
    """Write `cases` cases (with contacts and events) for the world's organisation."""
    started = time.perf_counter()
    end = end or timezone.now() - timedelta(minutes=1)
    rng = random.Random(seed)
    generator = _Generator(world, rng, end)
    generator.per_case = contacts_without_case
    moments = _moments(rng, cases, end=end, days=days)
    generator.calibrate_open_share(moments)
    written_contacts = written_events = closed = 0
    for start in range(0, cases, batch_size):
        batch = [generator.case_with_history(at) for at in moments[start : start + batch_size]]
        with transaction.atomic():
            parties = [case.party for case, _c, _e, _o in batch if case.party is not None]
            Party.objects.bulk_create(parties, batch_size=batch_size)
            for case, _c, _e, _o in batch:
                # bulk_create gave the parties their keys after the cases were built.
                case.party = case.party
            case_rows = Case.objects.bulk_create([case for case, _c, _e, _o in batch])
            contacts: list[Contact] = []
            events: list[CaseEvent] = []
            for case, (_case, contact, case_events, others) in zip(case_rows, batch, strict=True):
                assert case.pk is not None, "bulk_create must return primary keys"
                contact.case = case
                contact.party = case.party
                contacts.append(contact)
                contacts.extend(others)
                for event in case_events:
                    event.case = case
                events.extend(case_events)
                closed += case.status == CaseStatus.CLOSED
            Contact.objects.bulk_create(contacts, batch_size=batch_size)
            CaseEvent.objects.bulk_create(events, batch_size=batch_size)
        written_contacts += len(contacts)
        written_events += len(events)
        if progress is not None:
            progress(min(start + batch_size, cases), cases)
    with transaction.atomic():
        generator.references.save()
    return GenerationResult(
        cases=cases,
        contacts=written_contacts,
        events=written_events,
        closed=closed,
        seconds=time.perf_counter() - started,
    )

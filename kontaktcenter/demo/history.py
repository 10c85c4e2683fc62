"""A few weeks of contacts and cases, acted out through the real services at simulated times."""

from __future__ import annotations

import contextlib
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from kontaktcenter.accounts.models import Role, User
from kontaktcenter.cases import services
from kontaktcenter.cases.models import Case, CaseStatus, Channel, Contact, ContactOutcome
from kontaktcenter.core.clock import simulated
from kontaktcenter.demo.categories import LeafCategory
from kontaktcenter.demo.data.organisations import DISTRICT_WEIGHTS
from kontaktcenter.demo.data.people import (
    FACILITIES,
    LIBRARIES,
    PARKS,
    PRESCHOOLS,
    SCHOOLS,
    STREETS,
)
from kontaktcenter.demo.data.phrases import NOTES, PHRASES, REPLIES, RESOLUTIONS
from kontaktcenter.demo.directory import Directory
from kontaktcenter.demo.names import NameGenerator
from kontaktcenter.directory.models import Organisation
from kontaktcenter.routing.models import Category, Handling

CHANNEL_WEIGHTS: dict[str, float] = {
    Channel.PHONE: 70,
    Channel.EMAIL: 12,
    Channel.WEB: 12,
    Channel.VISIT: 4,
    Channel.LETTER: 2,
}
WRITTEN_CHANNELS = frozenset({Channel.EMAIL, Channel.WEB, Channel.LETTER})
# Monday is the busiest day; weekends only see the e-service and the switchboard's few calls.
WEEKDAY_FACTORS = (1.25, 1.1, 1.0, 0.95, 0.8, 0.12, 0.1)
OPENS, CLOSES = 8, 17
# Which organisations residents' feedback is about, and how often.
FEEDBACK_TARGETS: dict[str, float] = {
    "trafikkontoret": 30,
    "stockholm-vatten-och-avfall": 15,
    "utbildningsforvaltningen": 12,
    "aldreforvaltningen": 6,
    "idrottsforvaltningen": 6,
    "stockholmshem": 5,
    "familjebostader": 5,
    "jarva": 5,
    "sodermalm": 5,
    "kulturforvaltningen": 4,
}


@dataclass
class Cast:
    """The staff the history is acted out by, looked up the way the story needs them."""

    operator: Organisation
    tier1_by_site: dict[int, list[User]]
    tier2: list[User]
    switchboard: list[User]
    officers_by_organisation: dict[int, list[User]]

    @classmethod
    def from_users(cls, users: Sequence[User], operator: Organisation) -> Cast:
        tier1_by_site: dict[int, list[User]] = defaultdict(list)
        officers: dict[int, list[User]] = defaultdict(list)
        for user in users:
            if user.role == Role.TIER1_AGENT and user.site_id is not None:
                tier1_by_site[user.site_id].append(user)
            elif user.role == Role.CASE_OFFICER:
                officers[user.organisation_id].append(user)
        return cls(
            operator=operator,
            tier1_by_site=dict(tier1_by_site),
            tier2=[user for user in users if user.role == Role.TIER2_AGENT],
            switchboard=[user for user in users if user.role == Role.SWITCHBOARD_OPERATOR],
            officers_by_organisation=dict(officers),
        )

    def handlers(self, case: Case) -> list[User]:
        if case.responsible_organisation_id == self.operator.pk:
            return self.tier2
        return self.officers_by_organisation.get(case.responsible_organisation_id, [])


class _NotYet(Exception):  # noqa: N818 - a signal, not an error
    """The next step in a case's life would lie in the future, so the case stays as it is."""


class HistoryGenerator:
    def __init__(
        self,
        *,
        rng: random.Random,
        names: NameGenerator,
        directory: Directory,
        leaves: Sequence[LeafCategory],
        cast: Cast,
        since: datetime,
    ) -> None:
        self.rng = rng
        self.names = names
        self.directory = directory
        self.leaves = list(leaves)
        self.weights = [leaf.weight for leaf in leaves]
        self.cast = cast
        # Every simulated moment lies before `cutoff`, so the history ends before the load began.
        self.cutoff = since - timedelta(hours=1)
        self.tz = ZoneInfo(timezone.get_current_timezone_name())
        self.districts = [directory.organisations[code] for code in DISTRICT_WEIGHTS]
        self.district_weights = list(DISTRICT_WEIGHTS.values())

    # --- time ----------------------------------------------------------------------------------

    def _start_times(self, day: date, contacts_per_day: float) -> list[datetime]:
        factor = WEEKDAY_FACTORS[day.weekday()] / (sum(WEEKDAY_FACTORS) / 7)
        count = max(0, round(contacts_per_day * factor * self.rng.gauss(1.0, 0.08)))
        weekend = day.weekday() >= 5
        midnight = datetime.combine(day, time(0), tzinfo=self.tz)
        times = []
        for _ in range(count):
            # Calls peak in the morning; weekends are short.
            hour = self.rng.uniform(10, 15) if weekend else self.rng.triangular(OPENS, CLOSES, 10)
            moment = midnight + timedelta(hours=hour)
            if moment < self.cutoff:
                times.append(moment)
        return sorted(times)

    def _later(self, moment: datetime, *, hours: float) -> datetime:
        """A moment `hours` later, moved into office hours."""
        local = (moment + timedelta(hours=hours)).astimezone(self.tz)
        if local.weekday() < 5 and OPENS <= local.hour < CLOSES:
            result = local
        else:
            day = local.date() + timedelta(days=1 if local.hour >= CLOSES else 0)
            while day.weekday() >= 5:
                day += timedelta(days=1)
            result = datetime.combine(day, time(OPENS), tzinfo=self.tz) + timedelta(
                minutes=self.rng.uniform(0, 120)
            )
        if result >= self.cutoff:
            raise _NotYet
        return result

    def _duration(self, channel: str) -> timedelta:
        if channel == Channel.PHONE:
            seconds = min(1500.0, max(40.0, self.rng.lognormvariate(5.5, 0.5)))
        elif channel == Channel.VISIT:
            seconds = self.rng.uniform(300, 1200)
        else:
            seconds = self.rng.uniform(120, 900)
        return timedelta(seconds=seconds)

    # --- what happened -------------------------------------------------------------------------

    def _fill(self, template: str) -> str:
        rng = self.rng
        return template.format(
            gata=rng.choice(STREETS),
            nr=rng.randint(1, 120),
            park=rng.choice(PARKS),
            anlaggning=rng.choice(FACILITIES),
            bibliotek=rng.choice(LIBRARIES),
            forskola=rng.choice(PRESCHOOLS),
            skola=rng.choice(SCHOOLS),
        )

    def _outcome(self, category: Category, channel: str) -> str:
        if category.handling == Handling.REFERRAL:
            return (
                ContactOutcome.REFERRED
                if self.rng.random() < 0.88
                else ContactOutcome.ANSWERED_DIRECTLY
            )
        answered, case, transferred = (
            (45.0, 35.0, 20.0) if category.is_confidential else (68.0, 24.0, 8.0)
        )
        if channel in WRITTEN_CHANNELS:
            # Letters and e-mails more often become cases, and cannot be put through.
            case, transferred = case * 1.5, 0.0
        elif channel != Channel.PHONE:
            transferred = 0.0
        return self.rng.choices(
            (
                ContactOutcome.ANSWERED_DIRECTLY,
                ContactOutcome.CASE_CREATED,
                ContactOutcome.TRANSFERRED,
            ),
            weights=(answered, case, transferred),
        )[0]

    def _concerned(self) -> Organisation:
        code = self.rng.choices(list(FEEDBACK_TARGETS), weights=list(FEEDBACK_TARGETS.values()))[0]
        return self.directory.organisations[code]

    def _district(self) -> Organisation:
        return self.rng.choices(self.districts, weights=self.district_weights)[0]

    def _agent(self, category: Category, outcome: str) -> User:
        rng = self.rng
        if outcome == ContactOutcome.TRANSFERRED and self.cast.switchboard and rng.random() < 0.35:
            return rng.choice(self.cast.switchboard)
        tier2_share = 0.5 if category.handling == Handling.CONTACT_CENTER else 0.15
        if self.cast.tier2 and rng.random() < tier2_share:
            return rng.choice(self.cast.tier2)
        site = self.directory.site_serving(category.responsible_organisation)
        agents = self.cast.tier1_by_site.get(site.pk) or [
            agent for agents in self.cast.tier1_by_site.values() for agent in agents
        ]
        return rng.choice(agents)

    def run(self, *, days: int, contacts_per_day: float) -> None:
        today = self.cutoff.astimezone(self.tz).date()
        for offset in range(days, -1, -1):
            for started_at in self._start_times(today - timedelta(days=offset), contacts_per_day):
                self._contact(started_at)

    def honour_an_erasure_request(self, administrator: User) -> None:
        """A resident of an old, closed case asked to be forgotten (GDPR art. 17); the system
        administrator removed their personal data, so the demo shows a scrubbed case."""
        case = (
            Case.objects.filter(
                status=CaseStatus.CLOSED, is_confidential=False, party__isnull=False
            )
            .select_related("party")
            .order_by("received_at", "id")
            .first()
        )
        if case is None or case.party is None:
            return
        with simulated(self.cutoff):
            services.party_scrub(actor=administrator, party=case.party)

    def _contact(self, started_at: datetime) -> None:
        rng = self.rng
        category = rng.choices(self.leaves, weights=self.weights)[0].category
        channel = rng.choices(list(CHANNEL_WEIGHTS), weights=list(CHANNEL_WEIGHTS.values()))[0]
        outcome = self._outcome(category, channel)
        ended_at = started_at + self._duration(channel)
        if ended_at >= self.cutoff:
            return
        phrases = PHRASES[category.code]
        subject = self._fill(rng.choice(phrases.subjects))
        agent = self._agent(category, outcome)
        # Letters and e-mails wait in the inbox a while before someone takes them.
        waited = timedelta(hours=rng.uniform(0.5, 20)) if channel in WRITTEN_CHANNELS else None
        with simulated(started_at):
            contact = services.contact_start(
                actor=agent,
                channel=channel,
                question=subject,
                received_at=started_at - waited if waited else None,
            )
        with simulated(ended_at):
            case = self._finish(
                contact=contact,
                agent=agent,
                category=category,
                channel=channel,
                subject=subject,
                outcome=outcome,
            )
        if case is not None:
            self._follow_up(case, created_at=ended_at)

    def _finish(
        self,
        *,
        contact: Contact,
        agent: User,
        category: Category,
        channel: str,
        subject: str,
        outcome: str,
    ) -> Case | None:
        rng = self.rng
        phrases = PHRASES[category.code]
        case: Case | None = None
        if outcome == ContactOutcome.ANSWERED_DIRECTLY:
            answer = self._fill(rng.choice(phrases.answers))
            services.contact_answer_directly(
                actor=agent, contact=contact, answer_note=answer, category=category
            )
        elif outcome == ContactOutcome.REFERRED:
            services.contact_refer(actor=agent, contact=contact, category=category)
        elif outcome == ContactOutcome.TRANSFERRED:
            district_matter = category.handling == Handling.RESIDENT_DISTRICT
            target = self._district() if district_matter else category.responsible_organisation
            services.contact_transfer(actor=agent, contact=contact, to=target)
        else:
            case = self._create_case(agent, contact, category, channel, subject)
        return case

    def _create_case(
        self, agent: User, contact: Contact, category: Category, channel: str, subject: str
    ) -> Case:
        rng = self.rng
        first_name, last_name = self.names.name()
        wants_email = channel in {Channel.EMAIL, Channel.WEB} or rng.random() < 0.4
        district_matter = category.handling == Handling.RESIDENT_DISTRICT
        about_someone = category.handling == Handling.CONCERNED_ORGANISATION
        return services.case_create(
            actor=agent,
            channel=channel,
            category=category,
            subject=subject,
            description=self._fill(rng.choice(PHRASES[category.code].descriptions)),
            resident_name=f"{first_name} {last_name}",
            resident_email=self.names.resident_email(first_name, last_name) if wants_email else "",
            resident_phone=self.names.resident_phone() if rng.random() < 0.6 else "",
            district=self._district() if district_matter else None,
            concerns=self._concerned() if about_someone else None,
            # Most residents who leave feedback want an answer from those it is about.
            share_contact_details=about_someone and rng.random() < 0.7,
            contact=contact,
        )

    def _follow_up(self, case: Case, *, created_at: datetime) -> None:
        """Assign, note, reply and close the way a case officer would over the coming days."""
        handlers = self.cast.handlers(case)
        if handlers:
            with contextlib.suppress(_NotYet):
                self._handle(case, self.rng.choice(handlers), created_at=created_at)

    def _handle(self, case: Case, handler: User, *, created_at: datetime) -> None:
        rng = self.rng
        in_contact_center = case.responsible_organisation_id == self.cast.operator.pk
        age_days = (self.cutoff - created_at).total_seconds() / 86400
        moment = created_at
        assigned = rng.random() < (0.9 if age_days > 2 else 0.5)
        if assigned:
            moment = self._later(moment, hours=rng.uniform(0.2, 4 if in_contact_center else 30))
            with simulated(moment):
                services.case_assign(actor=handler, case=case, assignee=handler)
                # Most officers start at once; the rest leave it assigned until later.
                if rng.random() < 0.7:
                    services.case_change_status(
                        actor=handler, case=case, status=CaseStatus.IN_PROGRESS
                    )
        if rng.random() < 0.3:
            moment = self._later(moment, hours=rng.uniform(1, 48))
            with simulated(moment):
                services.case_add_note(actor=handler, case=case, text=rng.choice(NOTES))
        close_chance = (
            0.62 if age_days > 21 else 0.5 if age_days > 7 else 0.25 if age_days > 2 else 0.08
        )
        if rng.random() < close_chance + (0.1 if in_contact_center else 0.0):
            if case.party is not None and case.party.email and rng.random() < 0.7:
                moment = self._later(moment, hours=rng.uniform(2, 96))
                reply = rng.choice((REPLIES[0], REPLIES[1], REPLIES[3]))
                with simulated(moment):
                    services.case_reply(actor=handler, case=case, text=reply)
            moment = self._later(moment, hours=rng.uniform(0.1, 24))
            resolution = rng.choice(RESOLUTIONS)
            with simulated(moment):
                # The last days' answers are resolved and wait a little before closing.
                if age_days < 3 and rng.random() < 0.5:
                    services.case_resolve(actor=handler, case=case, resolution=resolution)
                else:
                    services.case_close(actor=handler, case=case, resolution=resolution)
        elif assigned and rng.random() < 0.2:
            # Asked the resident for more information and waits for the answer.
            moment = self._later(moment, hours=rng.uniform(1, 24))
            with simulated(moment):
                services.case_reply(actor=handler, case=case, text=REPLIES[2])
                services.case_change_status(actor=handler, case=case, status=CaseStatus.WAITING)

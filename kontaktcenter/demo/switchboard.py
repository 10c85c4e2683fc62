"""The switchboard's demo: function keywords and members, local switchboard numbers for the
organisations not yet on the common switchboard, absences with substitutes, the case
officers' own directory entries, callback requests and messages, and the search index."""

from __future__ import annotations

import random
from datetime import timedelta

from kontaktcenter.accounts.models import Role, User
from kontaktcenter.core import clock
from kontaktcenter.demo.directory import Directory
from kontaktcenter.directory.indexing import reindex_all
from kontaktcenter.directory.models import (
    Absence,
    AbsenceReason,
    CallbackKind,
    CallbackRequest,
    Function,
    OrganisationKind,
    Person,
)
from kontaktcenter.directory.rules import default_callback_due

# What callers say when they mean each function; the operator types these words.
FUNCTION_KEYWORDS: dict[str, str] = {
    "Felanmälan gata och park": "felanmälan gatlampa belysning hål i gatan klotter park jour",
    "Boendeparkering och parkeringstillstånd": "parkering boendeparkering p-tillstånd p-böter",
    "Bokningen – idrottsanläggningar": "bokning idrottshall fotbollsplan ishall interbook",
    "Simhallar och motionsanläggningar, information": "simhall badhus gym öppettider",
    "Bygglovsrådgivning": "bygglov bygganmälan attefallshus altan plank rivningslov",
    "Kartor och ritningar": "karta ritning arkivritning nybyggnadskarta",
    "Miljö- och hälsoskydd, rådgivning": "buller mögel radon ohyra livsmedel tillsyn",
    "Socialjouren": "jour akut socialtjänst orosanmälan kväll helg",
    "Äldre direkt": "äldre hemtjänst trygghetslarm färdtjänst",
    "Kundservice Stockholm Vatten och Avfall": "vatten avlopp sophämtning grovsopor kärl",
    "Jobbtorg Stockholm": "arbete jobb arbetslös praktik",
    "Vuxenutbildningens studievägledning": "komvux sfi studievägledning",
    "Skolval och skolplacering": "skolval skolplacering skolbyte förskola",
    "Registraturen": "diarium allmän handling registrering",
    "Stockholms stads växel": "växel telefonist",
}

ABSENCES = (
    (AbsenceReason.MEETING, timedelta(hours=1, minutes=30), "Ledningsgruppsmöte"),
    (AbsenceReason.LUNCH, timedelta(minutes=45), ""),
    (AbsenceReason.VACATION, timedelta(days=9), ""),
    (AbsenceReason.COURSE, timedelta(days=2), "Utbildning i nya ärendesystemet"),
    (AbsenceReason.SICK, None, ""),
    (AbsenceReason.OUT_OF_OFFICE, timedelta(hours=3), "Platsbesök i Hjulsta"),
    (AbsenceReason.PARENTAL_LEAVE, timedelta(days=120), ""),
)

CALLBACKS = (
    ("Sven Ek", "070-174 06 12", "Gatlampa släckt på Fleminggatan 20 sedan en vecka", 2),
    ("Aisha Yusuf", "070-174 06 31", "Vill veta varför ansökan om boendeparkering dröjer", 5),
    ("Bo Lind", "070-174 06 47", "Fråga om beslut om schaktning utanför porten", -3),
)


def create_switchboard(directory: Directory, users: list[User], rng: random.Random) -> int:
    """Everything the switchboard shows beyond the plain directory; returns the entries
    indexed."""
    organisations = directory.organisations
    today = clock.today()
    for organisation in organisations.values():
        not_joined = (
            organisation.joined_common_switchboard_on is None
            or organisation.joined_common_switchboard_on > today
        )
        reachable = organisation.phone and organisation.kind != OrganisationKind.COMMITTEE
        if not_joined and organisation.parent_id is None and reachable:
            organisation.local_switchboard_phone = organisation.phone
            organisation.save(update_fields=["local_switchboard_phone"])

    officers = _officers_in_directory(users)
    people_by_org: dict[int, list[Person]] = {}
    for person in Person.objects.order_by("pk"):
        people_by_org.setdefault(person.organisation_id, []).append(person)

    for function in Function.objects.order_by("pk"):
        function.keywords = FUNCTION_KEYWORDS.get(function.name, "")
        function.save(update_fields=["keywords"])
        colleagues = people_by_org.get(function.organisation_id, [])
        function.members.set(rng.sample(colleagues, min(3, len(colleagues))))

    now = clock.now()
    everyone = [person for people in people_by_org.values() for person in people]
    for person in rng.sample(everyone, len(everyone) // 8):
        reason, length, note = rng.choice(ABSENCES)
        colleagues = [p for p in people_by_org[person.organisation_id] if p.pk != person.pk]
        Absence.objects.create(
            person=person,
            reason=reason,
            starts_at=now - timedelta(minutes=rng.randint(5, 600)),
            ends_at=now + length if length is not None else None,
            note=note,
            substitute=rng.choice(colleagues) if colleagues and rng.random() < 0.7 else None,
            registered_at=now,
        )

    operator_user = next(user for user in users if user.role == Role.SWITCHBOARD_OPERATOR)
    agent = next(user for user in users if user.role == Role.TIER1_AGENT)
    for officer in officers:
        for caller, phone, subject, hours in CALLBACKS:
            CallbackRequest.objects.create(
                kind=CallbackKind.CALLBACK,
                person=officer,
                caller_name=caller,
                caller_phone=phone,
                subject=subject,
                due_at=now + timedelta(hours=hours),
                taken_at=now - timedelta(hours=4 if hours < 0 else 1),
                taken_by=operator_user,
            )
        for function in Function.objects.filter(organisation_id=officer.organisation_id)[:1]:
            function.members.add(officer)
            CallbackRequest.objects.create(
                kind=CallbackKind.MESSAGE,
                function=function,
                caller_name="Karin Å.",
                caller_email="karin.a@exempel.invalid",
                subject="Tackar för snabb hjälp med ärendet förra veckan",
                due_at=default_callback_due(now),
                taken_at=now - timedelta(minutes=20),
                taken_by=agent,
            )
    return reindex_all()


def _officers_in_directory(users: list[User]) -> list[Person]:
    """The featured case officers as people in the directory, so their callback requests
    land in their own desk queue."""
    return [
        Person.objects.create(
            first_name=user.first_name,
            last_name=user.last_name,
            title="Handläggare",
            organisation_id=user.organisation_id,
            email=user.email,
            phone=f"08-508 {200 + index} 000",
            account=user,
        )
        for index, user in enumerate(
            user for user in users if user.role == Role.CASE_OFFICER and "." in user.username
        )
    ]

"""A Stockholm-sized directory for the directory benchmark, and the baseline query.

About 400 organisations (administrations, districts and companies with their units), N people
and M functions. Surnames follow a Swedish distribution: the common -sson names are one in
three, the rest are drawn from some 1 500 compound names ("Lindgren", "Sjöholm", …), and one
person in 10 000 is called Öhrvall, so a rare name is measured too. Generation uses
`bulk_create`; it is not a measure of the application.
"""

from __future__ import annotations

import random
from datetime import date

from django.db.models import Q

from kontaktcenter.demo.data.people import FIRST_NAMES, GENERAL_TITLES, LAST_NAMES
from kontaktcenter.directory.models import Function, Organisation, OrganisationKind, Person

BATCH = 2_000
_FIRST_PARTS = (
    "Lind", "Sjö", "Berg", "Holm", "Ek", "Ås", "Dahl", "Lund", "Nord", "Söder", "Ström", "Wall",
    "Hed", "Fors", "Sand", "Björk", "Gran", "Al", "Ros", "Lil", "Öst", "Väst", "Strand", "Kvarn",
    "Hag", "Mal", "Frid", "Ny", "Eng", "Rud", "Borg", "Norr", "Lång", "Sten", "Ask", "Alm",
    "Lövgren", "Hög", "Sjög", "Kull",
)  # fmt: skip
_LAST_PARTS = (
    "berg", "gren", "ström", "holm", "lund", "qvist", "kvist", "dahl", "man", "blad", "strand",
    "ling", "stedt", "bom", "borg", "mark", "by", "vall", "sten", "hag", "ros", "fors",
    "löf", "näs", "ö", "wall", "kvist", "lin", "bäck", "gård", "hed", "sjö", "kil", "ek",
)  # fmt: skip
_ADMINISTRATIONS = (
    "Trafikkontoret", "Stadsbyggnadskontoret", "Miljöförvaltningen", "Exploateringskontoret",
    "Fastighetskontoret", "Idrottsförvaltningen", "Kulturförvaltningen", "Utbildningsförvaltningen",
    "Socialförvaltningen", "Äldreförvaltningen", "Arbetsmarknadsförvaltningen",
    "Serviceförvaltningen", "Stadsledningskontoret", "Överförmyndarförvaltningen",
    "Stockholm Vatten och Avfall", "Stockholmshem", "Svenska Bostäder", "Familjebostäder",
)  # fmt: skip
_DISTRICTS = (
    "Rinkeby-Kista", "Spånga-Tensta", "Hässelby-Vällingby", "Bromma", "Kungsholmen", "Norrmalm",
    "Östermalm", "Södermalm", "Enskede-Årsta-Vantör", "Skarpnäck", "Farsta", "Älvsjö",
    "Hägersten-Älvsjö", "Skärholmen",
)  # fmt: skip
_UNITS = (
    "Kansliet", "Bygglovsenheten", "Gatuenheten", "Parkenheten", "Tillsynsenheten",
    "Ekonomienheten", "HR-enheten", "Kommunikationsenheten", "IT-enheten", "Juridiska enheten",
    "Planenheten", "Mätenheten", "Bokningsenheten", "Förskoleenheten", "Äldreomsorgen",
    "Individ- och familjeomsorgen", "Stadsmiljöenheten", "Trafiksäkerhetsenheten",
    "Fritidsenheten", "Biblioteksenheten", "Registraturen",
)  # fmt: skip
_TOPICS = (
    ("Bygglov", "bygglov ritning bygganmälan"), ("Felanmälan", "fel trasig lampa hål"),
    ("Parkering", "parkeringstillstånd boendeparkering p-böter"), ("Snöröjning", "snö halka sand"),
    ("Förskola", "förskoleplats kö barnomsorg"), ("Hemtjänst", "äldreomsorg hemtjänst"),
    ("Avfall", "sophämtning kärl grovsopor"), ("Vatten", "vattenläcka avlopp"),
    ("Bokning", "bokning idrottshall plan"),
    ("Ekonomiskt bistånd", "socialbidrag försörjningsstöd"),
    ("Tillsyn", "tillsyn klagomål störning buller"), ("Registratur", "diarium allmän handling"),
)  # fmt: skip
_KINDS = ("jour", "mottagning", "rådgivning", "handläggning", "support", "växel")


def _surnames(rng: random.Random) -> list[str]:
    compound = sorted({first + last for first in _FIRST_PARTS for last in _LAST_PARTS})
    rng.shuffle(compound)
    return compound


def build_directory(*, people: int, functions: int, seed: int = 20260101) -> dict[str, int]:
    rng = random.Random(seed)
    organisations: list[Organisation] = []
    for index, name in enumerate(
        _ADMINISTRATIONS + tuple(f"{d} stadsdelsförvaltning" for d in _DISTRICTS)
    ):
        kind = OrganisationKind.DISTRICT if "stadsdel" in name else OrganisationKind.ADMINISTRATION
        top = Organisation.objects.create(
            name=name,
            code=f"org-{index}",
            kind=kind,
            phone=f"08-508 {10 + index:02d} 000",
            joined_common_switchboard_on=None if index % 7 == 3 else _joined(index),
            local_switchboard_phone=f"08-508 {10 + index:02d} 500" if index % 7 == 3 else "",
        )
        organisations.append(top)
        units = Organisation.objects.bulk_create(
            Organisation(
                name=unit,
                code=f"org-{index}-{unit_index}",
                kind=OrganisationKind.UNIT,
                parent=top,
            )
            for unit_index, unit in enumerate(rng.sample(_UNITS, 12))
        )
        organisations.extend(units)
    surnames = _surnames(rng)
    batch: list[Person] = []
    for number in range(people):
        if number % 10_000 == 5_000:
            last_name = "Öhrvall"
        elif rng.random() < 0.35:
            last_name = rng.choice(LAST_NAMES)
        else:
            # Half of them from a long tail, half skewed to the first few hundred names.
            skewed = min(int(rng.paretovariate(1.2)) * 7, len(surnames) - 1)
            last_name = surnames[skewed if rng.random() < 0.5 else rng.randrange(len(surnames))]
        first_name = rng.choice(FIRST_NAMES)
        if rng.random() < 0.15:
            first_name = f"{first_name} {rng.choice(FIRST_NAMES)}"
        batch.append(
            Person(
                first_name=first_name,
                last_name=last_name,
                title=rng.choice(GENERAL_TITLES),
                organisation=rng.choice(organisations),
                phone=f"08-508 {rng.randint(10, 99)} {rng.randint(0, 999):03d}",
                mobile=_mobile(rng) if rng.random() < 0.5 else "",
            )
        )
        if len(batch) == BATCH:
            Person.objects.bulk_create(batch)
            batch = []
    Person.objects.bulk_create(batch)
    made: set[tuple[int, str]] = set()
    function_rows: list[Function] = []
    while len(function_rows) < functions:
        topic, keywords = rng.choice(_TOPICS)
        service = rng.choice(_KINDS)
        organisation = rng.choice(organisations)
        name = f"{topic} {service} {organisation.name}"[:160]
        if (organisation.pk, name) in made:
            name = f"{name} {len(function_rows)}"[:160]
        made.add((organisation.pk, name))
        function_rows.append(
            Function(
                organisation=organisation,
                name=name,
                keywords=f"{keywords} {service}",
                phone=f"08-508 {rng.randint(10, 99)} {rng.randint(0, 999):03d}",
                opening_hours="Vardagar 8–16",
            )
        )
    Function.objects.bulk_create(function_rows, batch_size=BATCH)
    return {"organisations": len(organisations), "people": people, "functions": functions}


def _mobile(rng: random.Random) -> str:
    return f"070-{rng.randint(100, 999)} {rng.randint(0, 99):02d} {rng.randint(0, 99):02d}"


def _joined(index: int) -> date:
    """The city's administrations joined from 2009 on (S11); every seventh has not yet."""
    return date(2009, 1, 1) if index % 2 == 0 else date(2010 + index % 5, 1, 1)


def baseline_search(query: str, limit: int = 20) -> list[Person]:
    """What a plain Django directory search does: `icontains` on each field, for each word."""
    people = Person.objects.select_related("organisation")
    for word in query.split():
        people = people.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(title__icontains=word)
            | Q(organisation__name__icontains=word)
            | Q(phone__icontains=word)
        )
    return list(people.order_by("last_name", "first_name")[:limit])

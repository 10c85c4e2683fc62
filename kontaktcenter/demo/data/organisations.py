"""Stockholm city's organisation in 2026: committees, administrations, districts and companies.

Names are the real ones. Phone numbers of organisations are invented (in the city's 08-508 series,
companies in their own), e-mail addresses follow the city's public pattern. `joined` is the day the
organisation's calls moved to the common switchboard (S11, rolled out from 1 January 2009); None
means it still keeps a local switchboard.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kontaktcenter.directory.models import OrganisationKind

COMMITTEE = OrganisationKind.COMMITTEE
ADMINISTRATION = OrganisationKind.ADMINISTRATION
DISTRICT = OrganisationKind.DISTRICT
COMPANY = OrganisationKind.COMPANY
UNIT = OrganisationKind.UNIT


@dataclass(frozen=True, slots=True)
class OrgSpec:
    code: str
    name: str
    kind: OrganisationKind
    short_name: str = ""
    parent: str | None = None
    email: str = ""
    phone: str = ""
    joined: date | None = None
    is_operator: bool = False


OPERATOR_CODE = "serviceforvaltningen"
CONTACT_CENTER_UNIT_CODE = "kontaktcenter-stockholm"


def _pair(
    committee: tuple[str, str], administration: tuple[str, str], phone: str, joined: date | None
) -> tuple[OrgSpec, OrgSpec]:
    """A committee and the administration that serves it; they share the switchboard date."""
    (committee_code, committee_name), (code, name) = committee, administration
    return (
        OrgSpec(committee_code, committee_name, COMMITTEE, joined=joined),
        OrgSpec(
            code,
            name,
            ADMINISTRATION,
            short_name=name,
            parent=committee_code,
            email=f"{code}@stockholm.se",
            phone=phone,
            joined=joined,
        ),
    )


OPERATOR: tuple[OrgSpec, ...] = (
    OrgSpec("servicenamnden", "Servicenämnden", COMMITTEE, joined=date(2009, 1, 1)),
    OrgSpec(
        OPERATOR_CODE,
        "Serviceförvaltningen",
        ADMINISTRATION,
        short_name="Serviceförvaltningen",
        parent="servicenamnden",
        email="serviceforvaltningen@stockholm.se",
        # The common switchboard's number: the operator answers it.
        phone="08-508 000 00",
        joined=date(2009, 1, 1),
        is_operator=True,
    ),
    OrgSpec(
        CONTACT_CENTER_UNIT_CODE,
        "Kontaktcenter Stockholm",
        UNIT,
        short_name="Kontaktcenter",
        parent=OPERATOR_CODE,
        email="kontaktcenter@stockholm.se",
        phone="08-508 000 00",
        joined=date(2009, 1, 1),
    ),
)

# Trafikkontoret and its neighbours in Tekniska nämndhuset kept their local switchboard until
# autumn 2010 (S11).
CENTRAL: tuple[OrgSpec, ...] = (
    *_pair(("kommunstyrelsen", "Kommunstyrelsen"),
           ("stadsledningskontoret", "Stadsledningskontoret"), "08-508 290 00", date(2009, 1, 1)),
    *_pair(("trafiknamnden", "Trafiknämnden"),
           ("trafikkontoret", "Trafikkontoret"), "08-508 260 00", date(2010, 9, 1)),
    *_pair(("miljo-och-halsoskyddsnamnden", "Miljö- och hälsoskyddsnämnden"),
           ("miljoforvaltningen", "Miljöförvaltningen"), "08-508 280 00", date(2010, 9, 1)),
    *_pair(("stadsbyggnadsnamnden", "Stadsbyggnadsnämnden"),
           ("stadsbyggnadskontoret", "Stadsbyggnadskontoret"), "08-508 270 00", date(2010, 9, 1)),
    *_pair(("exploateringsnamnden", "Exploateringsnämnden"),
           ("exploateringskontoret", "Exploateringskontoret"), "08-508 265 00", date(2010, 9, 1)),
    *_pair(("fastighetsnamnden", "Fastighetsnämnden"),
           ("fastighetskontoret", "Fastighetskontoret"), "08-508 275 00", date(2010, 9, 1)),
    *_pair(("idrottsnamnden", "Idrottsnämnden"),
           ("idrottsforvaltningen", "Idrottsförvaltningen"), "08-508 270 50", date(2009, 9, 1)),
    *_pair(("kulturnamnden", "Kulturnämnden"),
           ("kulturforvaltningen", "Kulturförvaltningen"), "08-508 319 00", date(2009, 9, 1)),
    *_pair(("utbildningsnamnden", "Utbildningsnämnden"),
           ("utbildningsforvaltningen", "Utbildningsförvaltningen"), "08-508 330 00",
           date(2009, 5, 1)),
    *_pair(("socialnamnden", "Socialnämnden"),
           ("socialforvaltningen", "Socialförvaltningen"), "08-508 250 00", date(2009, 5, 1)),
    *_pair(("aldrenamnden", "Äldrenämnden"),
           ("aldreforvaltningen", "Äldreförvaltningen"), "08-508 360 00", date(2009, 5, 1)),
    *_pair(("arbetsmarknadsnamnden", "Arbetsmarknadsnämnden"),
           ("arbetsmarknadsforvaltningen", "Arbetsmarknadsförvaltningen"), "08-508 356 00",
           date(2009, 5, 1)),
    *_pair(("overformyndarnamnden", "Överförmyndarnämnden"),
           ("overformyndarforvaltningen", "Överförmyndarförvaltningen"), "08-508 294 00",
           date(2011, 3, 1)),
    *_pair(("kyrkogardsnamnden", "Kyrkogårdsnämnden"),
           ("kyrkogardsforvaltningen", "Kyrkogårdsförvaltningen"), "08-508 301 00",
           date(2011, 3, 1)),
    *_pair(("revisorskollegiet", "Revisorskollegiet"),
           ("stadsrevisionen", "Stadsrevisionen"), "08-508 298 00", date(2009, 1, 1)),
    # The election committee has no administration of its own; its office sits at the
    # city executive office (see the unit Valkansliet below).
    OrgSpec("valnamnden", "Valnämnden", COMMITTEE, joined=date(2009, 1, 1)),
)  # fmt: skip

UNITS: tuple[OrgSpec, ...] = (
    OrgSpec(
        "bokningsenheten",
        "Bokningsenheten",
        UNIT,
        short_name="Bokningen",
        parent="idrottsforvaltningen",
        email="bokningen.idf@stockholm.se",
        phone="08-508 272 00",
        joined=date(2009, 9, 1),
    ),
    OrgSpec(
        "stadsbiblioteket",
        "Stadsbiblioteket",
        UNIT,
        short_name="Stadsbiblioteket",
        parent="kulturforvaltningen",
        email="stadsbiblioteket@stockholm.se",
        phone="08-508 311 00",
        joined=date(2009, 9, 1),
    ),
    OrgSpec(
        "stadsarkivet",
        "Stadsarkivet",
        UNIT,
        short_name="Stadsarkivet",
        parent="kulturforvaltningen",
        email="stadsarkivet@stockholm.se",
        phone="08-508 283 00",
        joined=date(2009, 9, 1),
    ),
    OrgSpec(
        "valkansliet",
        "Valkansliet",
        UNIT,
        short_name="Valkansliet",
        parent="stadsledningskontoret",
        email="valkansliet@stockholm.se",
        phone="08-508 290 50",
        joined=date(2009, 1, 1),
    ),
)


def _district(code: str, short_name: str, phone: str, joined: date) -> OrgSpec:
    return OrgSpec(
        code,
        f"{short_name} stadsdelsförvaltning",
        DISTRICT,
        short_name=short_name,
        email=f"{code}.sdf@stockholm.se",
        phone=phone,
        joined=joined,
    )


# The eleven district administrations since 1 July 2023. Järva (former Rinkeby-Kista and
# Spånga-Tensta) and Norra innerstaden (former Norrmalm and Östermalm) joined the switchboard
# on the day they were formed; their predecessors had been on it since 2009.
DISTRICTS: tuple[OrgSpec, ...] = (
    _district("jarva", "Järva", "08-508 010 00", date(2023, 7, 1)),
    _district("hasselby-vallingby", "Hässelby-Vällingby", "08-508 050 00", date(2009, 9, 1)),
    _district("bromma", "Bromma", "08-508 060 00", date(2009, 9, 1)),
    _district("kungsholmen", "Kungsholmen", "08-508 080 00", date(2009, 5, 1)),
    _district("norra-innerstaden", "Norra innerstaden", "08-508 090 00", date(2023, 7, 1)),
    _district("sodermalm", "Södermalm", "08-508 120 00", date(2009, 5, 1)),
    _district("enskede-arsta-vantor", "Enskede-Årsta-Vantör", "08-508 140 00", date(2010, 1, 1)),
    _district("skarpnack", "Skarpnäck", "08-508 150 00", date(2010, 1, 1)),
    _district("farsta", "Farsta", "08-508 180 00", date(2010, 1, 1)),
    _district("hagersten-alvsjo", "Hägersten-Älvsjö", "08-508 200 00", date(2020, 1, 1)),
    _district("skarholmen", "Skärholmen", "08-508 240 00", date(2010, 1, 1)),
)

# Rough population shares, so generated cases for the districts look plausible.
DISTRICT_WEIGHTS: dict[str, int] = {
    "jarva": 11,
    "hasselby-vallingby": 8,
    "bromma": 8,
    "kungsholmen": 7,
    "norra-innerstaden": 15,
    "sodermalm": 11,
    "enskede-arsta-vantor": 11,
    "skarpnack": 5,
    "farsta": 6,
    "hagersten-alvsjo": 11,
    "skarholmen": 4,
}

STADSHUS_CODE = "stockholms-stadshus"


def _company(
    code: str, names: tuple[str, str], email: str, phone: str, joined: date | None
) -> OrgSpec:
    name, short_name = names
    return OrgSpec(
        code,
        name,
        COMPANY,
        short_name=short_name,
        parent=STADSHUS_CODE,
        email=email,
        phone=phone,
        joined=joined,
    )


# Companies wholly owned through Stockholms Stadshus AB. Stockholm Exergi is left out on
# purpose: the city owns only half of it. Several companies keep their own customer service
# and switchboard (joined is None).
COMPANIES: tuple[OrgSpec, ...] = (
    OrgSpec(STADSHUS_CODE, "Stockholms Stadshus AB", COMPANY, short_name="Stadshus AB",
            email="stadshusab@stockholm.se", phone="08-508 295 00", joined=date(2009, 1, 1)),
    _company("stockholm-vatten-och-avfall",
             ("Stockholm Vatten och Avfall AB", "Stockholm Vatten och Avfall"),
             "kundservice@svoa.se", "08-522 120 00", None),
    _company("familjebostader", ("AB Familjebostäder", "Familjebostäder"),
             "kundservice@familjebostader.com", "08-737 20 00", date(2011, 1, 1)),
    _company("stockholmshem", ("AB Stockholmshem", "Stockholmshem"),
             "kundservice@stockholmshem.se", "08-508 390 00", date(2011, 1, 1)),
    _company("svenska-bostader", ("AB Svenska Bostäder", "Svenska Bostäder"),
             "kundservice@svenskabostader.se", "08-508 370 00", date(2011, 1, 1)),
    _company("micasa", ("Micasa Fastigheter i Stockholm AB", "Micasa"),
             "kundservice@micasa.se", "08-508 360 50", date(2011, 1, 1)),
    _company("bostadsformedlingen", ("Bostadsförmedlingen i Stockholm AB", "Bostadsförmedlingen"),
             "kundtjanst@bostad.stockholm.se", "08-508 383 00", date(2010, 5, 1)),
    _company("sisab", ("Skolfastigheter i Stockholm AB", "SISAB"),
             "info@sisab.se", "08-508 460 00", date(2011, 1, 1)),
    _company("stockholm-parkering", ("Stockholm Parkering AB", "Stockholm Parkering"),
             "kundservice@stockholmparkering.se", "08-512 650 00", date(2010, 5, 1)),
    _company("stockholms-hamnar", ("Stockholms Hamn AB", "Stockholms Hamnar"),
             "info@stockholmshamnar.se", "08-670 26 00", None),
    _company("stockholm-business-region",
             ("Stockholm Business Region AB", "Stockholm Business Region"),
             "info@stockholmbusinessregion.com", "08-508 280 50", date(2011, 1, 1)),
    _company("stokab", ("AB Stokab", "Stokab"), "info@stokab.se", "08-508 500 00", None),
    _company("st-erik-markutveckling", ("S:t Erik Markutveckling AB", "S:t Erik Markutveckling"),
             "info@sterikmark.se", "08-508 276 50", date(2011, 1, 1)),
    _company("stadsteatern", ("AB Stockholms Stadsteater", "Kulturhuset Stadsteatern"),
             "info@kulturhusetstadsteatern.se", "08-506 202 00", None),
    _company("stockholm-globe-arena-fastigheter",
             ("Stockholm Globe Arena Fastigheter AB", "SGA Fastigheter"),
             "info@sgafastigheter.se", "08-508 353 00", date(2011, 1, 1)),
)  # fmt: skip

ALL_ORGANISATIONS: tuple[OrgSpec, ...] = (*OPERATOR, *CENTRAL, *UNITS, *DISTRICTS, *COMPANIES)

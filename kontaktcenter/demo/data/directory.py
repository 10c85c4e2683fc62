"""Contact-center sites (S2) and the switchboard's functions (S11) for the Stockholm demo."""

from __future__ import annotations

from dataclasses import dataclass

from kontaktcenter.demo.data.organisations import DISTRICTS


@dataclass(frozen=True, slots=True)
class SiteSpec:
    key: str
    name: str
    address: str
    # Organisation codes whose questions the site answers; None means "everyone the other
    # sites do not serve".
    serves: tuple[str, ...] | None


TEKNISKA_NAMNDHUSET = "tekniska-namndhuset"
GENERAL_SITE = "johanneshov"

SITES: tuple[SiteSpec, ...] = (
    SiteSpec(
        TEKNISKA_NAMNDHUSET,
        "Kontaktcenter Tekniska nämndhuset",
        "Fleminggatan 4, 112 26 Stockholm",
        # The committees housed in Tekniska nämndhuset or connected to its switchboard.
        (
            "trafikkontoret",
            "miljoforvaltningen",
            "stadsbyggnadskontoret",
            "exploateringskontoret",
            "fastighetskontoret",
            "stockholm-vatten-och-avfall",
        ),
    ),
    # Illustrative location: the demo needs a second, general site, not a real address.
    SiteSpec(GENERAL_SITE, "Kontaktcenter Stockholm, Johanneshov", "Arenavägen, Johanneshov", None),
)


@dataclass(frozen=True, slots=True)
class FunctionSpec:
    organisation: str
    name: str
    phone: str
    email: str
    opening_hours: str


WEEKDAYS_8_16 = "Vardagar 8–16"

FUNCTIONS: tuple[FunctionSpec, ...] = (
    FunctionSpec(
        "trafikkontoret",
        "Felanmälan gata och park",
        "08-508 261 00",
        "felanmalan.tk@stockholm.se",
        "Dygnet runt",
    ),
    FunctionSpec(
        "trafikkontoret",
        "Boendeparkering och parkeringstillstånd",
        "08-508 262 00",
        "parkering.tk@stockholm.se",
        WEEKDAYS_8_16,
    ),
    FunctionSpec(
        "bokningsenheten",
        "Bokningen – idrottsanläggningar",
        "08-508 272 10",
        "bokningen.idf@stockholm.se",
        "Vardagar 9–15",
    ),
    FunctionSpec(
        "idrottsforvaltningen",
        "Simhallar och motionsanläggningar, information",
        "08-508 271 10",
        "idrott@stockholm.se",
        WEEKDAYS_8_16,
    ),
    FunctionSpec(
        "stadsbyggnadskontoret",
        "Bygglovsrådgivning",
        "08-508 271 50",
        "bygglov.sbk@stockholm.se",
        "Måndag–torsdag 10–12",
    ),
    FunctionSpec(
        "stadsbyggnadskontoret",
        "Kartor och ritningar",
        "08-508 271 60",
        "kartor.sbk@stockholm.se",
        "Vardagar 9–15",
    ),
    FunctionSpec(
        "miljoforvaltningen",
        "Miljö- och hälsoskydd, rådgivning",
        "08-508 281 00",
        "miljoforvaltningen@stockholm.se",
        "Vardagar 9–12",
    ),
    FunctionSpec(
        "socialforvaltningen",
        "Socialjouren",
        "08-508 251 00",
        "socialjouren@stockholm.se",
        "Vardagar 16–08, helger dygnet runt",
    ),
    FunctionSpec(
        "aldreforvaltningen",
        "Äldre direkt",
        "08-508 361 00",
        "aldredirekt@stockholm.se",
        WEEKDAYS_8_16,
    ),
    FunctionSpec(
        "stockholm-vatten-och-avfall",
        "Kundservice Stockholm Vatten och Avfall",
        "08-522 120 00",
        "kundservice@svoa.se",
        "Vardagar 8–16, vattenläckor dygnet runt",
    ),
    FunctionSpec(
        "arbetsmarknadsforvaltningen",
        "Jobbtorg Stockholm",
        "08-508 357 00",
        "jobbtorg@stockholm.se",
        WEEKDAYS_8_16,
    ),
    FunctionSpec(
        "arbetsmarknadsforvaltningen",
        "Vuxenutbildningens studievägledning",
        "08-508 358 00",
        "vuxenutbildning@stockholm.se",
        "Vardagar 9–15",
    ),
    FunctionSpec(
        "overformyndarforvaltningen",
        "Överförmyndarförvaltningens telefontid",
        "08-508 294 10",
        "overformyndarforvaltningen@stockholm.se",
        "Måndag, onsdag, fredag 9–11",
    ),
    FunctionSpec(
        "stadsarkivet",
        "Stadsarkivets forskarexpedition",
        "08-508 283 10",
        "stadsarkivet@stockholm.se",
        "Tisdag–torsdag 10–16",
    ),
    FunctionSpec(
        "stadsbiblioteket",
        "Bibliotekens kundtjänst",
        "08-508 311 10",
        "biblioteket@stockholm.se",
        "Vardagar 10–16",
    ),
    FunctionSpec(
        "bostadsformedlingen",
        "Bostadsförmedlingens kundtjänst",
        "08-508 383 10",
        "kundtjanst@bostad.stockholm.se",
        "Vardagar 9–15",
    ),
    FunctionSpec(
        "stadsledningskontoret",
        "Registraturen",
        "08-508 291 00",
        "registrator.slk@stockholm.se",
        WEEKDAYS_8_16,
    ),
    FunctionSpec(
        "utbildningsforvaltningen",
        "Skolval och skolplacering",
        "08-508 331 00",
        "skolval@stockholm.se",
        WEEKDAYS_8_16,
    ),
    FunctionSpec(
        "serviceforvaltningen",
        "Stockholms stads växel",
        "08-508 000 00",
        "kontaktcenter@stockholm.se",
        "Vardagar 7–20, helger 9–16",
    ),
    # Every district's reception for social services and its elderly-care intake.
    *(
        function
        for district in DISTRICTS
        for function in (
            FunctionSpec(
                district.code,
                f"Socialtjänstens mottagning {district.short_name}",
                district.phone.replace(" 00", " 10", 1),
                f"mottagning.{district.code}@stockholm.se",
                "Vardagar 8.30–16",
            ),
            FunctionSpec(
                district.code,
                f"Beställarenheten äldreomsorg {district.short_name}",
                district.phone.replace(" 00", " 20", 1),
                f"aldreomsorg.{district.code}@stockholm.se",
                "Vardagar 8–12",
            ),
        )
    ),
)

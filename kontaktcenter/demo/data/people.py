"""Names and titles for generated (not real) people: staff in the directory, demo users and
residents in demo cases. Combinations are drawn at random, so any likeness to a real person is
chance; e-mail addresses use the reserved `.invalid` top-level domain and residents' phone numbers
the range the Swedish regulator (PTS) keeps for fiction.
"""

from __future__ import annotations

from kontaktcenter.directory.models import OrganisationKind

STAFF_EMAIL_DOMAIN = "demo.kontaktcenter.invalid"
RESIDENT_EMAIL_DOMAIN = "exempel.invalid"

FIRST_NAMES: tuple[str, ...] = (
    "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Kerstin", "Emma", "Ingrid", "Malin",
    "Sofia", "Elin", "Ida", "Johanna", "Linnea", "Hanna", "Fatima", "Amina", "Leyla", "Nora",
    "Elsa", "Maja", "Astrid", "Helena", "Camilla", "Therese", "Jenny", "Annika", "Susanne", "Ebba",
    "Lars", "Mikael", "Anders", "Johan", "Erik", "Per", "Karl", "Peter", "Thomas", "Daniel",
    "Fredrik", "Mats", "Magnus", "Jonas", "Oskar", "Mohammed", "Ali", "Ahmed", "Omar", "Yusuf",
    "Hassan", "Nils", "Gustav", "Viktor", "Henrik", "Andreas", "Stefan", "Emil", "Olof", "Björn",
)  # fmt: skip

LAST_NAMES: tuple[str, ...] = (
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
    "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson",
    "Jönsson", "Lindberg", "Jakobsson", "Magnusson", "Lindström", "Lindqvist", "Berglund",
    "Axelsson", "Lundberg", "Lundgren", "Mattsson", "Berg", "Holm", "Sandberg", "Nyström",
    "Forsberg", "Sjöberg", "Wallin", "Engström", "Eklund", "Danielsson", "Lundin", "Håkansson",
    "Mohamed", "Ali", "Hassan", "Ahmed", "Yilmaz", "Nguyen", "Kovačević", "Nowak", "Öberg",
    "Åberg", "Ström", "Hedlund", "Falk", "Söderberg", "Blom", "Ekström", "Isaksson", "Strand",
)  # fmt: skip

GENERAL_TITLES: tuple[str, ...] = (
    "handläggare",
    "handläggare",
    "utredare",
    "administratör",
    "registrator",
    "enhetschef",
    "kommunikatör",
    "controller",
)

# Titles that fit the organisation's work, drawn more often than the general ones.
TITLES_BY_ORGANISATION: dict[str, tuple[str, ...]] = {
    "trafikkontoret": ("trafikplanerare", "gatuingenjör", "parkingenjör", "trafikhandläggare"),
    "miljoforvaltningen": ("miljöinspektör", "livsmedelsinspektör", "miljöutredare"),
    "stadsbyggnadskontoret": ("bygglovshandläggare", "bygglovsarkitekt", "planarkitekt"),
    "exploateringskontoret": ("exploateringsingenjör", "projektledare"),
    "fastighetskontoret": ("fastighetsförvaltare", "förvaltningsingenjör"),
    "idrottsforvaltningen": ("anläggningschef", "badmästare", "idrottskonsulent"),
    "bokningsenheten": ("bokningshandläggare", "bokningshandläggare"),
    "kulturforvaltningen": ("kultursekreterare", "projektledare"),
    "stadsbiblioteket": ("bibliotekarie", "biblioteksassistent"),
    "stadsarkivet": ("arkivarie", "arkivassistent"),
    "utbildningsforvaltningen": ("skolhandläggare", "utredare", "antagningshandläggare"),
    "socialforvaltningen": ("socialsekreterare", "utvecklingsledare"),
    "aldreforvaltningen": ("utvecklingsledare", "biståndshandläggare"),
    "arbetsmarknadsforvaltningen": ("arbetskonsulent", "studie- och yrkesvägledare"),
    "overformyndarforvaltningen": ("granskare", "handläggare"),
    "serviceforvaltningen": ("verksamhetsutvecklare", "systemförvaltare"),
    "kontaktcenter-stockholm": ("kundtjänstmedarbetare", "telefonist", "gruppledare"),
}

TITLES_BY_KIND: dict[str, tuple[str, ...]] = {
    OrganisationKind.DISTRICT: (
        "socialsekreterare",
        "biståndshandläggare",
        "förskolechef",
        "enhetschef",
        "LSS-handläggare",
        "parkingenjör",
    ),
    OrganisationKind.COMPANY: (
        "kundtjänstmedarbetare",
        "förvaltare",
        "uthyrare",
        "projektledare",
        "fastighetstekniker",
    ),
}

# Places used in generated subjects: real, well-known streets, parks and facilities.
STREETS: tuple[str, ...] = (
    "Fleminggatan", "Hornsgatan", "Götgatan", "Sveavägen", "Drottninggatan", "Ringvägen",
    "Valhallavägen", "Rinkebystråket", "Kistagången", "Vällingbyplan", "Sankt Eriksgatan",
    "Folkungagatan", "Odengatan", "Birger Jarlsgatan", "Årstavägen", "Bagarmossvägen",
    "Farstavägen", "Skärholmsvägen", "Drottningholmsvägen", "Hägerstensvägen", "Tensta allé",
    "Brommaplan", "Hammarby allé", "Karlavägen", "Hantverkargatan", "Västerbroplan",
    "Huvudstagatan", "Björkhagsvägen", "Bandhagsvägen", "Älvsjövägen",
)  # fmt: skip

PARKS: tuple[str, ...] = (
    "Vasaparken", "Tantolunden", "Rålambshovsparken", "Observatorielunden", "Humlegården",
    "Kronobergsparken", "Ivar Los park", "Järvafältet", "Vitabergsparken", "Mariatorget",
    "Enskedeparken", "Farsta strandpark", "Vårbergstoppen", "Brommaparken",
    "Kristinebergs slottspark",
)  # fmt: skip

FACILITIES: tuple[str, ...] = (
    "Eriksdalsbadet", "Forsgrénska badet", "Vällingbybadet", "Husbybadet",
    "Åkeshovs sim- och idrottshall", "Zinkensdamms IP", "Östermalms IP", "Hammarbyhallen",
    "Bredängs sporthall", "Farsta sim- och sporthall", "Tensta sim- och sporthall",
    "Skärholmens sim- och idrottshall", "Kristinebergs IP",
)  # fmt: skip

LIBRARIES: tuple[str, ...] = (
    "Stadsbiblioteket", "Kista bibliotek", "Hornstulls bibliotek", "Medborgarplatsens bibliotek",
    "Hässelby slottsbibliotek", "Bromma bibliotek", "Farsta bibliotek", "Skärholmens bibliotek",
)  # fmt: skip

PRESCHOOLS: tuple[str, ...] = (
    "förskolan Solrosen", "förskolan Ekorren", "förskolan Lönnen", "förskolan Regnbågen",
    "förskolan Humlan", "förskolan Tallkotten", "förskolan Blåklockan", "förskolan Myran",
)  # fmt: skip

SCHOOLS: tuple[str, ...] = (
    "Kungsholmens grundskola", "Hjulstaskolan", "Enskedeskolan", "Farstaskolan",
    "Bagarmossens skola", "Västbergaskolan", "Oxhagsskolan", "Brommaplansskolan",
)  # fmt: skip

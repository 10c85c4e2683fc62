"""The category tree (S6) for Stockholm: two levels, each with its owner and its handling.

A child inherits its parent's organisation, handling and confidentiality unless it says
otherwise. `weight` is the child's relative share of contacts in the generated history.
"""

from __future__ import annotations

from dataclasses import dataclass

from kontaktcenter.routing.models import FeedbackKind, Handling

CONCERNED_ORGANISATION = Handling.CONCERNED_ORGANISATION
CONTACT_CENTER = Handling.CONTACT_CENTER
ORGANISATION = Handling.ORGANISATION
RESIDENT_DISTRICT = Handling.RESIDENT_DISTRICT
REFERRAL = Handling.REFERRAL


@dataclass(frozen=True, slots=True)
class Leaf:
    code: str
    name: str
    weight: float
    organisation: str | None = None
    handling: Handling | None = None
    confidential: bool | None = None
    feedback: FeedbackKind = FeedbackKind.NONE


@dataclass(frozen=True, slots=True)
class Top:
    code: str
    name: str
    organisation: str
    children: tuple[Leaf, ...]
    handling: Handling = ORGANISATION
    confidential: bool = False


CATEGORY_TREE: tuple[Top, ...] = (
    Top("gata-trafik", "Gata och trafik", "trafikkontoret", (
        Leaf("gata-trafik-felanmalan", "Felanmälan gata och trottoar", 6),
        Leaf("gata-trafik-snorojning", "Snöröjning och halkbekämpning", 4),
        Leaf("gata-trafik-gatubelysning", "Gatubelysning", 4),
        Leaf("gata-trafik-trafiksignaler", "Trafiksignaler och vägmärken", 2),
        Leaf("gata-trafik-cykel", "Cykelvägar och cykelparkering", 2),
        Leaf("gata-trafik-markupplatelse", "Tillstånd att använda gatumark", 1.5),
        Leaf("gata-trafik-klotter", "Klotter och nedskräpning", 2.5),
    )),
    # The district committees keep the local parks, playgrounds and their trees; the traffic
    # office keeps streets and squares (see docs/routing.md for the sources).
    Top("parker", "Parker och grönområden", "trafikkontoret", (
        Leaf("parker-skotsel", "Skötsel av parker och grönytor", 2.5),
        Leaf("parker-lekplatser", "Lekplatser", 1.5),
        Leaf("parker-trad", "Träd och beskärning", 1.5),
    ), handling=RESIDENT_DISTRICT),
    Top("avfall", "Avfall och återvinning", "stockholm-vatten-och-avfall", (
        Leaf("avfall-sophamtning", "Sophämtning", 5),
        Leaf("avfall-matavfall", "Matavfall", 1.5),
        Leaf("avfall-grovavfall", "Grovavfall och återvinningscentraler", 3),
        Leaf("avfall-farligt", "Farligt avfall", 1),
    )),
    Top("vatten", "Vatten och avlopp", "stockholm-vatten-och-avfall", (
        Leaf("vatten-avbrott", "Vattenavbrott och vattenläckor", 2),
        Leaf("vatten-avlopp", "Stopp i avlopp", 1.5),
        Leaf("vatten-kvalitet", "Dricksvattnets kvalitet", 0.7),
        Leaf("vatten-fakturor", "Taxor och fakturor för vatten och avfall", 2),
    )),
    Top("parkering", "Parkering", "trafikkontoret", (
        # Simple and frequent, no exercise of authority: handled by tier 2 (S4).
        Leaf("parkering-boende", "Boendeparkering", 6, handling=CONTACT_CENTER),
        Leaf("parkering-felparkering", "Felparkering och flyttade fordon", 3),
        Leaf(
            "parkering-garage",
            "Parkeringsgarage och parkeringsautomater",
            1.5,
            organisation="stockholm-parkering",
        ),
        Leaf("parkering-rorelsehindrade", "Parkeringstillstånd för rörelsehindrade", 1.5),
    )),
    Top("bygglov", "Bygglov och byggande", "stadsbyggnadskontoret", (
        Leaf("bygglov-fragor", "Allmänna frågor om bygglov", 4, handling=CONTACT_CENTER),
        Leaf("bygglov-arende", "Ansökan och pågående bygglovsärende", 3),
        Leaf("bygglov-kartor", "Kartor och detaljplaner", 1.5),
        Leaf("bygglov-olovligt", "Olovligt byggande", 0.8),
    )),
    Top("miljo", "Miljö och hälsa", "miljoforvaltningen", (
        Leaf("miljo-buller", "Buller", 2),
        Leaf("miljo-inomhus", "Mögel och inomhusmiljö", 1.5),
        Leaf("miljo-livsmedel", "Livsmedelskontroll och restauranger", 1),
        Leaf("miljo-skadedjur", "Skadedjur och råttor", 1),
        Leaf("miljo-eldning", "Eldning och luftkvalitet", 0.5),
    )),
    # The districts run the preschools in Stockholm.
    Top("forskola", "Förskola", "utbildningsforvaltningen", (
        Leaf("forskola-ko", "Förskoleplats och kö", 4),
        Leaf("forskola-avgift", "Avgift för förskola", 1.5),
    ), handling=RESIDENT_DISTRICT),
    Top("skola", "Skola", "utbildningsforvaltningen", (
        Leaf("skola-skolval", "Skolval och skolplacering", 3),
        Leaf("skola-skolskjuts", "Skolskjuts", 1),
        Leaf("skola-fritidshem", "Fritidshem", 1.2),
        Leaf("skola-gymnasium", "Gymnasieantagning", 1),
    )),
    # Elderly care decisions are social services under SoL, so secrecy applies (S10);
    # general questions go to the central information service.
    Top("aldre", "Äldreomsorg", "aldreforvaltningen", (
        Leaf("aldre-allmant", "Allmänna frågor om äldreomsorg", 2, handling=ORGANISATION),
        Leaf("aldre-hemtjanst", "Hemtjänst", 2, confidential=True),
        Leaf("aldre-boende", "Vård- och omsorgsboende", 1, confidential=True),
    ), handling=RESIDENT_DISTRICT),
    # Social services and LSS stay with the resident's district, under secrecy (S10).
    Top("socialtjanst", "Socialtjänst och LSS", "socialforvaltningen", (
        Leaf("socialtjanst-ekonomiskt-bistand", "Ekonomiskt bistånd", 3),
        Leaf("socialtjanst-orosanmalan", "Orosanmälan om barn", 1),
        Leaf("socialtjanst-lss", "LSS-insatser", 1.2),
        Leaf("socialtjanst-missbruk", "Missbruk och beroende", 0.6),
        Leaf("socialtjanst-vald", "Våld i nära relationer", 0.4),
    ), handling=RESIDENT_DISTRICT, confidential=True),
    Top("bostad", "Bostad", "bostadsformedlingen", (
        Leaf("bostad-bostadskon", "Bostadskön", 3),
        Leaf("bostad-seniorbostader", "Seniorbostäder", 0.8, organisation="micasa"),
    )),
    Top("arbete", "Arbete och vuxenutbildning", "arbetsmarknadsforvaltningen", (
        Leaf("arbete-jobbtorg", "Jobbtorg Stockholm", 1),
        Leaf("arbete-vuxenutbildning", "Vuxenutbildning och sfi", 1.5),
    )),
    # Bookings stay with the sports administration's booking unit (S14).
    Top("idrott", "Idrott och bokning", "idrottsforvaltningen", (
        Leaf(
            "idrott-bokning",
            "Bokning av idrottsanläggning",
            7,
            organisation="bokningsenheten",
            handling=REFERRAL,
        ),
        Leaf(
            "idrott-simskola",
            "Bokning av simskola och aktiviteter",
            3,
            organisation="bokningsenheten",
            handling=REFERRAL,
        ),
        Leaf("idrott-simhallar", "Simhallar och motionsspår", 2.5),
        Leaf("idrott-foreningsbidrag", "Föreningsbidrag", 0.6),
    )),
    Top("kultur", "Kultur och bibliotek", "kulturforvaltningen", (
        Leaf("kultur-bibliotek", "Bibliotek och lånekort", 2, organisation="stadsbiblioteket"),
        Leaf("kultur-kulturskola", "Kulturskolan", 1),
        Leaf("kultur-kulturstod", "Kulturstöd och bidrag", 0.4),
    )),
    # Sent to the organisation the feedback is about, and from there to its own feedback system
    # through its delivery endpoints, where its committee follows it up (S13).
    Top("synpunkter", "Synpunkter och klagomål", "serviceforvaltningen", (
        Leaf("synpunkter-synpunkt", "Synpunkt", 2, feedback=FeedbackKind.FEEDBACK),
        Leaf("synpunkter-klagomal", "Klagomål", 2, feedback=FeedbackKind.COMPLAINT),
        Leaf("synpunkter-berom", "Beröm", 0.6, feedback=FeedbackKind.PRAISE),
    ), handling=CONCERNED_ORGANISATION),
    Top("handlingar", "Allmänna handlingar och arkiv", "stadsledningskontoret", (
        Leaf("handlingar-begaran", "Begäran om allmän handling", 1.5),
        Leaf("handlingar-arkiv", "Arkiv och släktforskning", 0.8, organisation="stadsarkivet"),
    )),
    Top("overformyndare", "Överförmyndare", "overformyndarforvaltningen", (
        Leaf("overformyndare-god-man", "God man och förvaltare", 0.8),
        Leaf("overformyndare-arsrakning", "Årsräkning och redovisning", 0.8),
    )),
    Top("val", "Val", "valkansliet", (
        Leaf("val-rostning", "Röstning och förtidsröstning", 0.5),
    )),
    Top("begravning", "Begravning och kyrkogårdar", "kyrkogardsforvaltningen", (
        Leaf("begravning-gravplats", "Gravplatser och gravskötsel", 0.5),
    )),
)  # fmt: skip

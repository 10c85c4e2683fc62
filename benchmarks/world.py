"""A realistic organisation to benchmark against: the "given" state every benchmark starts from.

An operator (Serviceförvaltningen) with one contact-center site, a handful of administrations
and city-owned companies, 11 district administrations, a two-level category tree with ~40 leaf
categories, tier-1 and tier-2 agents, case officers in every organisation and an analyst.

Trafikkontoret (with its unit Stadsmiljöavdelningen) owns the most frequent categories, so it
receives about 40 % of all cases: that is the "large organisation" whose queue is measured.

Built with plain ORM calls; users get an unusable password except the few that log in over HTTP.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kontaktcenter.accounts.models import Role, User
from kontaktcenter.directory.models import Organisation, OrganisationKind, Site
from kontaktcenter.routing.models import Category, Handling

PASSWORD = "benchmark-password-2026"  # noqa: S105 - a throw-away database

ADMINISTRATION = OrganisationKind.ADMINISTRATION
COMPANY = OrganisationKind.COMPANY
DISTRICT = OrganisationKind.DISTRICT
UNIT = OrganisationKind.UNIT

LARGE_ORGANISATION = "trafikkontoret"

# code, name, kind, parent code, number of case officers
ORGANISATIONS: tuple[tuple[str, str, OrganisationKind, str | None, int], ...] = (
    ("serviceforvaltningen", "Serviceförvaltningen", ADMINISTRATION, None, 0),
    ("trafikkontoret", "Trafikkontoret", ADMINISTRATION, None, 20),
    ("tk-stadsmiljo", "Trafikkontoret, Stadsmiljöavdelningen", UNIT, "trafikkontoret", 6),
    ("svoa", "Stockholm Vatten och Avfall", COMPANY, None, 8),
    ("miljoforvaltningen", "Miljöförvaltningen", ADMINISTRATION, None, 5),
    ("stadsbyggnadskontoret", "Stadsbyggnadskontoret", ADMINISTRATION, None, 4),
    ("idrottsforvaltningen", "Idrottsförvaltningen", ADMINISTRATION, None, 4),
    ("bokningsenheten", "Idrottsförvaltningen, Bokningsenheten", UNIT, "idrottsforvaltningen", 2),
    ("kulturforvaltningen", "Kulturförvaltningen", ADMINISTRATION, None, 3),
    ("utbildningsforvaltningen", "Utbildningsförvaltningen", ADMINISTRATION, None, 5),
    ("socialforvaltningen", "Socialförvaltningen", ADMINISTRATION, None, 2),
)

# code, name, relative number of residents
DISTRICTS: tuple[tuple[str, str, float], ...] = (
    ("rinkeby-kista", "Rinkeby-Kista stadsdelsförvaltning", 5),
    ("spanga-tensta", "Spånga-Tensta stadsdelsförvaltning", 4),
    ("hasselby-vallingby", "Hässelby-Vällingby stadsdelsförvaltning", 7.5),
    ("bromma", "Bromma stadsdelsförvaltning", 8),
    ("kungsholmen", "Kungsholmens stadsdelsförvaltning", 7),
    ("norrmalm", "Norrmalms stadsdelsförvaltning", 7),
    ("ostermalm", "Östermalms stadsdelsförvaltning", 7.5),
    ("sodermalm", "Södermalms stadsdelsförvaltning", 13),
    ("enskede-arsta-vantor", "Enskede-Årsta-Vantörs stadsdelsförvaltning", 10.5),
    ("farsta", "Farsta stadsdelsförvaltning", 6),
    ("skarholmen", "Skärholmens stadsdelsförvaltning", 4),
)
DISTRICT_OFFICERS = 3

CC = Handling.CONTACT_CENTER
ORG = Handling.ORGANISATION
DIST = Handling.RESIDENT_DISTRICT
REF = Handling.REFERRAL

# A leaf: name, relative weight, owner and handling when they differ from its parent's.
LeafSpec = tuple[str, float, str | None, Handling | None]

# top code, top name, owner, handling, confidential, leaves
CATEGORY_TREE: tuple[tuple[str, str, str, Handling, bool, tuple[LeafSpec, ...]], ...] = (
    ("gata-trafik", "Gata och trafik", "trafikkontoret", ORG, False, (
        ("Felanmälan gata och trottoar", 8, None, None),
        ("Snöröjning och halkbekämpning", 6, None, None),
        ("Gatubelysning", 5, None, None),
        ("Trafiksignaler och vägmärken", 2, None, None),
        ("Cykelvägar och cykelparkering", 2, None, None),
        ("Klotter och nedskräpning", 3, None, None),
        ("Tillstånd att använda gatumark", 1, None, None),
    )),
    ("parker", "Parker och grönområden", "tk-stadsmiljo", ORG, False, (
        ("Skötsel av parker och grönytor", 3, None, None),
        ("Lekplatser", 2, None, None),
        ("Träd och beskärning", 2, None, None),
    )),
    ("parkering", "Parkering", "trafikkontoret", CC, False, (
        ("Boendeparkering", 5, None, None),
        ("Parkeringstillstånd för rörelsehindrade", 1.5, None, None),
        ("Felparkerade fordon", 2, None, ORG),
    )),
    ("avfall", "Avfall och återvinning", "svoa", ORG, False, (
        ("Sophämtning", 5, None, None),
        ("Matavfall", 1.5, None, None),
        ("Grovavfall och återvinningscentraler", 3, None, None),
    )),
    ("vatten", "Vatten och avlopp", "svoa", ORG, False, (
        ("Vattenläcka", 2, None, None),
        ("Stopp i avlopp", 1.5, None, None),
        ("Dricksvattnets kvalitet", 1, None, None),
    )),
    ("miljo", "Miljö och hälsa", "miljoforvaltningen", ORG, False, (
        ("Buller", 2, None, None),
        ("Inomhusmiljö och fukt", 1.5, None, None),
        ("Livsmedelskontroll", 1, None, None),
        ("Skadedjur", 1.5, None, None),
    )),
    ("bygg", "Bygga och bo", "stadsbyggnadskontoret", ORG, False, (
        ("Frågor om bygglov", 3, None, CC),
        ("Detaljplaner", 1, None, None),
        ("Ovårdade tomter och byggnader", 1, None, None),
    )),
    ("idrott", "Idrott och fritid", "idrottsforvaltningen", ORG, False, (
        ("Badhus och friluftsbad", 1.5, None, None),
        ("Idrottsplatser och motionsspår", 1.5, None, None),
        ("Bokning av idrottshallar", 3, "bokningsenheten", REF),
    )),
    ("kultur", "Kultur och bibliotek", "kulturforvaltningen", ORG, False, (
        ("Bibliotek", 2, None, None),
        ("Kulturskolan", 1, None, None),
    )),
    ("skola", "Förskola och skola", "utbildningsforvaltningen", ORG, False, (
        ("Förskoleplats", 3, None, CC),
        ("Skolplacering", 2, None, None),
        ("Skolskjuts", 1, None, None),
    )),
    ("social", "Socialtjänst och omsorg", "socialforvaltningen", DIST, True, (
        ("Ekonomiskt bistånd", 2, None, None),
        ("Stöd enligt LSS", 1, None, None),
        ("Äldreomsorg och hemtjänst", 2, None, None),
        ("Orosanmälan", 1, None, None),
    )),
    ("synpunkter", "Synpunkter och klagomål", "serviceforvaltningen", CC, False, (
        ("Bemötande", 1, None, None),
        ("Allmänna synpunkter", 1.5, None, None),
    )),
)  # fmt: skip

AGENTS_TIER1 = 30
AGENTS_TIER2 = 8


@dataclass(frozen=True)
class LeafCategory:
    """What the generator needs to know about a leaf category, without touching the database."""

    id: int
    name: str
    weight: float
    handling: str
    is_confidential: bool
    owner_id: int


@dataclass
class World:
    operator: Organisation
    site: Site
    organisations: dict[str, Organisation]
    districts: list[Organisation]
    district_weights: list[float]
    leaves: list[LeafCategory]
    tier1_agents: list[User]
    tier2_agents: list[User]
    officers: dict[int, list[User]] = field(default_factory=dict)
    analyst: User | None = None
    supervisor: User | None = None

    @property
    def large_organisation(self) -> Organisation:
        return self.organisations[LARGE_ORGANISATION]

    def officer_of(self, organisation: Organisation) -> User:
        return self.officers[organisation.pk][0]


def _user(username: str, role: Role, organisation: Organisation, site: Site | None = None) -> User:
    first, _, last = username.partition(".")
    return User(
        username=username,
        first_name=first.capitalize(),
        last_name=last.capitalize(),
        email=f"{username}@example.se",
        password="!unusable",  # noqa: S106 - set_password only for the few who log in
        role=role,
        organisation=organisation,
        site=site,
    )


def build_world() -> World:
    """Create the organisation, categories and users in an empty database."""
    organisations: dict[str, Organisation] = {}
    for code, name, kind, parent, _officers in ORGANISATIONS:
        organisations[code] = Organisation.objects.create(
            code=code,
            name=name,
            kind=kind,
            parent=organisations[parent] if parent else None,
            is_operator=code == "serviceforvaltningen",
            email=f"{code}@stockholm.se",
        )
    operator = organisations["serviceforvaltningen"]
    site = Site.objects.create(name="Kontaktcenter Stockholm", operator=operator)
    site.served_organisations.set(o for o in organisations.values() if o != operator)

    districts = []
    for code, name, _weight in DISTRICTS:
        district = Organisation.objects.create(
            code=code, name=name, kind=DISTRICT, email=f"{code}@stockholm.se"
        )
        organisations[code] = district
        districts.append(district)

    leaves: list[LeafCategory] = []
    for position, (top_code, top_name, owner, handling, confidential, children) in enumerate(
        CATEGORY_TREE, start=1
    ):
        top = Category.objects.create(
            code=top_code,
            name=top_name,
            responsible_organisation=organisations[owner],
            handling=handling,
            is_confidential=confidential,
            position=position,
        )
        for number, (name, weight, leaf_owner, leaf_handling) in enumerate(children, start=1):
            leaf = Category.objects.create(
                code=f"{top_code}-{number}",
                name=name,
                parent=top,
                responsible_organisation=organisations[leaf_owner or owner],
                handling=leaf_handling or handling,
                is_confidential=confidential,
                position=number,
            )
            leaves.append(
                LeafCategory(
                    id=leaf.pk,
                    name=leaf.name,
                    weight=weight,
                    handling=leaf.handling,
                    is_confidential=leaf.is_confidential,
                    owner_id=leaf.responsible_organisation_id,
                )
            )

    users: list[User] = [
        _user(f"agent{n}.tier1", Role.TIER1_AGENT, operator, site)
        for n in range(1, AGENTS_TIER1 + 1)
    ]
    users += [
        _user(f"agent{n}.tier2", Role.TIER2_AGENT, operator, site)
        for n in range(1, AGENTS_TIER2 + 1)
    ]
    for code, _name, _kind, _parent, officer_count in ORGANISATIONS:
        users += [
            _user(f"officer{n}.{code}", Role.CASE_OFFICER, organisations[code])
            for n in range(1, officer_count + 1)
        ]
    for district in districts:
        users += [
            _user(f"officer{n}.{district.code}", Role.CASE_OFFICER, district)
            for n in range(1, DISTRICT_OFFICERS + 1)
        ]
    users.append(_user("analys.analytiker", Role.ANALYST, operator))
    users.append(_user("eva.supervisor", Role.SUPERVISOR, operator, site))
    User.objects.bulk_create(users)
    saved = list(User.objects.order_by("id"))

    officers: dict[int, list[User]] = {}
    for user in saved:
        if user.role == Role.CASE_OFFICER:
            officers.setdefault(user.organisation_id, []).append(user)
    # The tier-2 agents handle the operator's own cases (S4).
    tier2 = [u for u in saved if u.role == Role.TIER2_AGENT]
    officers[operator.pk] = tier2
    return World(
        operator=operator,
        site=site,
        organisations=organisations,
        districts=districts,
        district_weights=[weight for _code, _name, weight in DISTRICTS],
        leaves=leaves,
        tier1_agents=[u for u in saved if u.role == Role.TIER1_AGENT],
        tier2_agents=tier2,
        officers=officers,
        analyst=next(u for u in saved if u.role == Role.ANALYST),
        supervisor=next(u for u in saved if u.role == Role.SUPERVISOR),
    )


def allow_login(*users: User) -> None:
    """Give the users who log in over HTTP a real password (hashing is slow, so only these)."""
    for user in users:
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])

"""The city and the people in it, as fixtures, so tests read like sentences.

The operator (Serviceförvaltningen) runs the contact center. Trafikkontoret owns street
lighting; Järva and Bromma are districts that handle social services for their residents;
Idrottsförvaltningen has a booking unit that takes facility bookings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from pytest_django.fixtures import Settings

from kontaktcenter.accounts.actors import ApiClientActor, SystemActor
from kontaktcenter.accounts.models import User
from kontaktcenter.accounts.services import integration_key_authenticate, integration_key_create
from kontaktcenter.cases import services
from kontaktcenter.cases.models import Case, Channel
from kontaktcenter.core import clock as project_clock
from kontaktcenter.directory.models import Organisation, OrganisationKind, Site
from kontaktcenter.forwarding import services as forwarding_services
from kontaktcenter.forwarding.models import Endpoint, EndpointKind, Sends
from kontaktcenter.knowledge import search as knowledge_search
from kontaktcenter.routing.models import Category, FeedbackKind, Handling
from tests.factories import (
    CategoryFactory,
    DistrictFactory,
    OperatorFactory,
    OrganisationFactory,
    SiteFactory,
    UnitFactory,
    UserFactory,
)
from tests.receivers import WebhookReceiver, running_receiver, send_due

STOCKHOLM = ZoneInfo("Europe/Stockholm")
# Who sets up what a test takes as given, where no person of the cast would.
SETUP = SystemActor("test-setup")


@pytest.fixture(autouse=True)
def _fresh_knowledge_index() -> Iterator[None]:
    """The knowledge base's in-memory index must not outlive the test database it was read from."""
    knowledge_search.forget_index()
    yield
    knowledge_search.forget_index()


@pytest.fixture(autouse=True)
def _english_messages() -> Iterator[None]:
    """Error messages are matched in English, whatever Swedish translations exist."""
    with translation.override("en"):
        yield


# --- time -------------------------------------------------------------------------------------


class Clock:
    """Stands in for the current time; it only moves when a test moves it."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        # In UTC, as the real clock answers: code that takes `.date()` of "now" instead of the
        # Stockholm date then fails here just after midnight, as it would in production.
        return self.at.astimezone(UTC)

    def set(self, at: datetime) -> None:
        self.at = at

    def advance(self, **delta: float) -> datetime:
        self.at += timedelta(**delta)
        return self.at


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """Freeze the project's own clock (kontaktcenter.core.clock.now) on a Tuesday morning."""
    frozen = Clock(datetime(2026, 3, 10, 9, 0, tzinfo=STOCKHOLM))
    monkeypatch.setattr(project_clock, "_source", frozen)
    return frozen


@pytest.fixture(autouse=True)
def attachment_folder(settings: Settings, tmp_path: Path) -> Path:
    """Attachments a test stores go to its own folder, never into var/."""
    folder = tmp_path / "attachments"
    settings.ATTACHMENTS_DIR = folder
    return folder


# --- organisations ----------------------------------------------------------------------------


@pytest.fixture
def operator(db: None) -> Organisation:
    return OperatorFactory.create()


@pytest.fixture
def site(operator: Organisation) -> Site:
    return SiteFactory.create(name="Kontaktcenter Tekniska nämndhuset", operator=operator)


@pytest.fixture
def traffic_office(db: None) -> Organisation:
    return OrganisationFactory.create(name="Trafikkontoret", code="trafikkontoret")


@pytest.fixture
def jarva(db: None) -> Organisation:
    return DistrictFactory.create(name="Järva stadsdelsförvaltning", code="jarva")


@pytest.fixture
def bromma(db: None) -> Organisation:
    return DistrictFactory.create(name="Bromma stadsdelsförvaltning", code="bromma")


@pytest.fixture
def sports_administration(db: None) -> Organisation:
    return OrganisationFactory.create(name="Idrottsförvaltningen", code="idrottsforvaltningen")


@pytest.fixture
def booking_unit(sports_administration: Organisation) -> Organisation:
    return UnitFactory.create(
        name="Bokningsenheten",
        code="bokningsenheten",
        kind=OrganisationKind.UNIT,
        parent=sports_administration,
    )


@pytest.fixture
def social_administration(db: None) -> Organisation:
    return OrganisationFactory.create(name="Socialförvaltningen", code="socialforvaltningen")


# --- categories -------------------------------------------------------------------------------


@pytest.fixture
def street_lighting(traffic_office: Organisation) -> Category:
    """Handled by its owner, Trafikkontoret."""
    return CategoryFactory.create(
        name="Gatubelysning", code="gatubelysning", responsible_organisation=traffic_office
    )


@pytest.fixture
def financial_support(social_administration: Organisation) -> Category:
    """Confidential (OSL): goes straight to the resident's district (S10)."""
    return CategoryFactory.create(
        name="Ekonomiskt bistånd",
        code="ekonomiskt-bistand",
        responsible_organisation=social_administration,
        handling=Handling.RESIDENT_DISTRICT,
        is_confidential=True,
    )


@pytest.fixture
def facility_booking(booking_unit: Organisation) -> Category:
    """Referred to the booking unit; never a case (S14)."""
    return CategoryFactory.create(
        name="Bokning av idrottshall",
        code="bokning-idrottshall",
        responsible_organisation=booking_unit,
        handling=Handling.REFERRAL,
    )


@pytest.fixture
def resident_parking(traffic_office: Organisation, operator: Organisation) -> Category:
    """A frequent, simple matter that tier 2 handles in the contact center (S4)."""
    return CategoryFactory.create(
        name="Boendeparkering",
        code="boendeparkering",
        responsible_organisation=traffic_office,
        handling=Handling.CONTACT_CENTER,
    )


# --- the cast ---------------------------------------------------------------------------------

# Everybody below, by fixture name: for tests that ask the same question of each of them.
CAST = [
    "tier1_agent",
    "tier2_agent",
    "switchboard_operator",
    "supervisor",
    "traffic_officer",
    "district_officer",
    "other_district_officer",
    "sports_officer",
    "traffic_admin",
    "analyst",
    "sysadmin",
    "district_admin",
    "auditor",
]


@pytest.fixture
def tier1_agent(site: Site) -> User:
    return UserFactory.create(
        tier1=True, username="maja", first_name="Maja", last_name="Lind", site=site
    )


@pytest.fixture
def tier2_agent(site: Site) -> User:
    return UserFactory.create(
        tier2=True, username="omar", first_name="Omar", last_name="Haddad", site=site
    )


@pytest.fixture
def switchboard_operator(operator: Organisation) -> User:
    return UserFactory.create(
        switchboard=True,
        username="sven",
        first_name="Sven",
        last_name="Berg",
        organisation=operator,
    )


@pytest.fixture
def supervisor(site: Site) -> User:
    return UserFactory.create(
        supervisor=True, username="eva", first_name="Eva", last_name="Ek", site=site
    )


@pytest.fixture
def traffic_officer(traffic_office: Organisation) -> User:
    return UserFactory.create(
        case_officer=True,
        username="karin",
        first_name="Karin",
        last_name="Holm",
        organisation=traffic_office,
    )


@pytest.fixture
def second_traffic_officer(traffic_office: Organisation) -> User:
    return UserFactory.create(
        case_officer=True,
        username="johan",
        first_name="Johan",
        last_name="Sjö",
        organisation=traffic_office,
    )


@pytest.fixture
def district_officer(jarva: Organisation) -> User:
    return UserFactory.create(
        case_officer=True,
        username="amina",
        first_name="Amina",
        last_name="Yusuf",
        organisation=jarva,
    )


@pytest.fixture
def other_district_officer(bromma: Organisation) -> User:
    return UserFactory.create(
        case_officer=True,
        username="lars",
        first_name="Lars",
        last_name="Åberg",
        organisation=bromma,
    )


@pytest.fixture
def sports_officer(sports_administration: Organisation) -> User:
    return UserFactory.create(
        case_officer=True,
        username="nora",
        first_name="Nora",
        last_name="Strand",
        organisation=sports_administration,
    )


@pytest.fixture
def traffic_admin(traffic_office: Organisation) -> User:
    return UserFactory.create(
        organisation_admin=True,
        username="pia",
        first_name="Pia",
        last_name="Nord",
        organisation=traffic_office,
    )


@pytest.fixture
def analyst(operator: Organisation) -> User:
    return UserFactory.create(
        analyst=True, username="ali", first_name="Ali", last_name="Rahimi", organisation=operator
    )


@pytest.fixture
def sysadmin(operator: Organisation) -> User:
    return UserFactory.create(
        system_admin=True,
        username="root",
        first_name="Sara",
        last_name="Drift",
        organisation=operator,
    )


@pytest.fixture
def district_admin(jarva: Organisation) -> User:
    """Järva's organisation administrator: manages its categories and queues, and reads no
    confidential case (S10)."""
    return UserFactory.create(
        organisation_admin=True,
        username="bo",
        first_name="Bo",
        last_name="Järn",
        organisation=jarva,
    )


@pytest.fixture
def auditor(jarva: Organisation) -> User:
    """Järva's registrar, who reviews who read the district's confidential cases."""
    return UserFactory.create(
        auditor=True,
        username="greta",
        first_name="Greta",
        last_name="Granskare",
        organisation=jarva,
    )


@pytest.fixture
def integration(traffic_admin: User, traffic_office: Organisation) -> ApiClientActor:
    """Felanmälan Trafik, Trafikkontoret's fault-report system, signed in with its key."""
    _key, secret = integration_key_create(
        actor=traffic_admin, organisation=traffic_office, name="Felanmälan Trafik"
    )
    actor = integration_key_authenticate(secret)
    assert actor is not None
    return actor


# --- cases, through the real service ----------------------------------------------------------

MakeCase = Callable[..., Case]


@pytest.fixture
def make_case(tier1_agent: User, street_lighting: Category, clock: Clock) -> MakeCase:
    """Create a case the way the desk does. Defaults: Maja registers a broken street light.

    Cases are made on the frozen clock, so a test that moves the clock moves forward from the
    moment its cases were created.
    """

    def make(**overrides: Any) -> Case:
        arguments: dict[str, Any] = {
            "actor": tier1_agent,
            "channel": Channel.PHONE,
            "category": street_lighting,
            "subject": "Trasig gatlampa på Rinkebysvängen",
            "resident_name": "Anna Svensson",
            "resident_email": "anna.svensson@example.se",
            "resident_phone": "+46701234567",
        }
        arguments.update(overrides)
        return services.case_create(**arguments)

    return make


@pytest.fixture
def street_light_case(make_case: MakeCase) -> Case:
    """A new, unassigned case at Trafikkontoret."""
    return make_case()


@pytest.fixture
def confidential_case(
    make_case: MakeCase, financial_support: Category, jarva: Organisation
) -> Case:
    """A confidential case about financial support for a resident of Järva."""
    return make_case(
        category=financial_support,
        subject="Fråga om ekonomiskt bistånd",
        district=jarva,
    )


# --- a receiving system -----------------------------------------------------------------------


@pytest.fixture
def webhook_receiver(settings: Settings) -> Iterator[WebhookReceiver]:
    """Trafikkontoret's feedback system, a real webhook server on 127.0.0.1."""
    with running_receiver(settings) as receiver:
        yield receiver


@pytest.fixture
def traffic_feedback_system(
    traffic_office: Organisation, webhook_receiver: WebhookReceiver, clock: Clock
) -> Endpoint:
    """Trafikkontoret's webhook endpoint: every new case goes to its feedback system."""
    return forwarding_services.endpoint_create(
        actor=SETUP,
        organisation=traffic_office,
        name="Synpunktssystemet",
        kind=EndpointKind.WEBHOOK,
        url=webhook_receiver.url,
        secret="trafikkontoret-delar-denna-hemlighet",
        sends=Sends.ALL,
    )


# --- feedback for the quality report ----------------------------------------------------------


@pytest.fixture
def complaints(operator: Organisation) -> Category:
    """Complaints go to the organisation they are about (the agent says which)."""
    return CategoryFactory.create(
        name="Klagomål",
        code="klagomal",
        responsible_organisation=operator,
        handling=Handling.CONCERNED_ORGANISATION,
        feedback_kind=FeedbackKind.COMPLAINT,
    )


@pytest.fixture
def praise(operator: Organisation) -> Category:
    return CategoryFactory.create(
        name="Beröm",
        code="berom",
        responsible_organisation=operator,
        handling=Handling.CONCERNED_ORGANISATION,
        feedback_kind=FeedbackKind.PRAISE,
    )


@pytest.fixture
def parking_unit(traffic_office: Organisation) -> Organisation:
    return UnitFactory.create(name="Parkeringsenheten", code="parkering", parent=traffic_office)


@dataclass(frozen=True)
class TrafficFeedback:
    """A month of feedback about Trafikkontoret, and what must stay out of its report."""

    delivered: Case  # complaint by phone, delivered to Synpunktssystemet as SYN-2
    refused: Case  # complaint by e-mail, refused by the receiver, closed by Karin
    waiting: Case  # praise of the parking unit by the web, not yet sent
    about_jarva: Case  # another organisation's complaint
    street_light: Case  # not feedback
    last_year: Case  # before the period


@pytest.fixture
def traffic_feedback(
    make_case: MakeCase,
    complaints: Category,
    praise: Category,
    traffic_office: Organisation,
    parking_unit: Organisation,
    jarva: Organisation,
    traffic_officer: User,
    traffic_feedback_system: Endpoint,
    webhook_receiver: WebhookReceiver,
    clock: Clock,
) -> TrafficFeedback:
    """Made on 10 March 2026; the report's period is 9 February – 10 March."""
    last_year = make_case(
        category=complaints,
        concerns=traffic_office,
        subject="Gammalt klagomål",
        received_at=datetime(2025, 12, 1, 10, 0, tzinfo=STOCKHOLM),
    )
    delivered = make_case(
        category=complaints,
        concerns=traffic_office,
        subject="Otrevligt bemötande i telefon",
        received_at=clock() - timedelta(days=3),
    )
    # The receiver takes these two (SYN-1, SYN-2), then refuses.
    send_due()
    webhook_receiver.status = 400
    refused = make_case(
        category=complaints,
        concerns=traffic_office,
        channel=Channel.EMAIL,
        subject="Klagomål på skyltning",
        received_at=clock() - timedelta(days=2),
    )
    send_due()
    services.case_close(actor=traffic_officer, case=refused, resolution="Skylten är flyttad.")
    waiting = make_case(
        category=praise,
        concerns=parking_unit,
        channel=Channel.WEB,
        subject="Tack för hjälpen",
        received_at=clock() - timedelta(days=1),
    )
    about_jarva = make_case(category=complaints, concerns=jarva, subject="Klagomål på Järva")
    street_light = make_case()
    return TrafficFeedback(delivered, refused, waiting, about_jarva, street_light, last_year)

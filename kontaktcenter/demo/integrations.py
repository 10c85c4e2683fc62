"""The demo's integrations: Trafikkontoret's fault-report app, with reports it sent through
Open311 (S1, S16), so the API and `/open311/v2/requests.json` have something to show.

The key's secret is not kept (it is shown once, when made): make your own to try the API with
`kontaktcenter apikey create "Min app" --organisation Trafikkontoret --scope cases:read …`.
"""

from __future__ import annotations

from decimal import Decimal

from kontaktcenter.accounts import intake
from kontaktcenter.accounts.actors import SystemActor
from kontaktcenter.accounts.scopes import Scope
from kontaktcenter.accounts.services import integration_key_authenticate, integration_key_create
from kontaktcenter.cases.choices import Channel
from kontaktcenter.directory.models import Organisation
from kontaktcenter.routing.selectors import categories_by_code

DEMO_SETUP = SystemActor("demo")

# Real streets and places in Stockholm; the positions are the streets', the reports invented.
REPORTS = (
    (
        "gata-trafik-gatubelysning",
        "Gatlampa släckt vid busshållplatsen",
        "Lampan vid hållplatsen Tensta centrum har varit släckt i tre kvällar.",
        "Tensta allé, Stockholm",
        (Decimal("59.394620"), Decimal("17.901180")),
    ),
    (
        "gata-trafik-felanmalan",
        "Djupt hål i cykelbanan",
        "Hål i asfalten på cykelbanan, ungefär 20 cm brett, svårt att se i mörker.",
        "Hornsgatan 45, Stockholm",
        (Decimal("59.317900"), Decimal("18.057300")),
    ),
    (
        "gata-trafik-klotter",
        "Klotter på elskåp",
        "Stort klotter på elskåpet vid korsningen.",
        "Sveavägen 88, Stockholm",
        (Decimal("59.343300"), Decimal("18.056600")),
    ),
    (
        "parker-lekplatser",
        "Trasig gunga på lekplatsen",
        "Kedjan till ena gungan har gått av.",
        "Vasaparken, Stockholm",
        (Decimal("59.340500"), Decimal("18.044000")),
    ),
)


def create_integrations(organisations: dict[str, Organisation]) -> int:
    """Make the fault-report app's key and send its reports; returns how many were sent."""
    _key, secret = integration_key_create(
        actor=DEMO_SETUP,
        organisation=organisations["trafikkontoret"],
        name="Felanmälan Stockholm (app)",
        scopes=[Scope.CASES_READ, Scope.CASES_WRITE, Scope.OPEN311],
    )
    app = integration_key_authenticate(secret)
    assert app is not None
    categories = {c.code: c for c in categories_by_code([report[0] for report in REPORTS])}
    for code, subject, description, address, (latitude, longitude) in REPORTS:
        intake.integration_case_create(
            actor=app,
            category=categories[code],
            subject=subject,
            channel=Channel.WEB,
            description=description,
            place=intake.Place(latitude=latitude, longitude=longitude, address=address),
            extras=intake.Extras(attributes={"kalla": ["app"]}),
        )
    return len(REPORTS)

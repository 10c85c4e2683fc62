"""The demo's delivery endpoints: where Stockholm's organisations want their cases (S13).

- Trafikkontoret's feedback system is a webhook received by the example receiver that
  `kontaktcenter demo` starts on 127.0.0.1:8025 (`kontaktcenter forwarding receiver`).
- Stockholm Vatten och Avfall's customer service reads a functional mailbox; the demo's mail
  lands as files in var/mail/.
- Utbildningsförvaltningen's new system is not answering yet (nothing listens on port 8026), so
  the desk shows retries, an open circuit and the warning to administrators.
"""

from __future__ import annotations

from kontaktcenter.accounts.actors import SystemActor
from kontaktcenter.directory.models import Organisation
from kontaktcenter.forwarding import services
from kontaktcenter.forwarding.choices import EndpointKind, Sends
from kontaktcenter.forwarding.models import Endpoint

RECEIVER_PORT = 8025
UNREACHABLE_PORT = 8026
# The example receiver checks signatures with this; it is a demo value, shown in the README.
DEMO_WEBHOOK_SECRET = "demo-webhook-secret-stockholm-2026"  # noqa: S105

DEMO_SETUP = SystemActor("demo")


def create_endpoints(organisations: dict[str, Organisation]) -> list[Endpoint]:
    return [
        services.endpoint_create(
            actor=DEMO_SETUP,
            organisation=organisations["trafikkontoret"],
            name="Trafikkontorets synpunktssystem",
            kind=EndpointKind.WEBHOOK,
            url=f"http://127.0.0.1:{RECEIVER_PORT}/kontaktcenter",
            secret=DEMO_WEBHOOK_SECRET,
            sends=Sends.COMPLAINTS,
            sends_status_changes=True,
            sends_closing=True,
        ),
        services.endpoint_create(
            actor=DEMO_SETUP,
            organisation=organisations["stockholm-vatten-och-avfall"],
            name="Kundservice (funktionsbrevlåda)",
            kind=EndpointKind.EMAIL,
            email="kundservice@svoa.example.se",
            sends=Sends.COMPLAINTS,
            sends_closing=True,
        ),
        services.endpoint_create(
            actor=DEMO_SETUP,
            organisation=organisations["utbildningsforvaltningen"],
            name="Synpunktshantering skola (driftsätts)",
            kind=EndpointKind.WEBHOOK,
            url=f"http://127.0.0.1:{UNREACHABLE_PORT}/synpunkter",
            secret=DEMO_WEBHOOK_SECRET,
            sends=Sends.COMPLAINTS,
        ),
    ]

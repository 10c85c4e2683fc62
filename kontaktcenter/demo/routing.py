"""The demo's routing rules and the classifier trained on the shipped messages."""

from __future__ import annotations

from datetime import time

from kontaktcenter.accounts.actors import SystemActor
from kontaktcenter.accounts.models import User
from kontaktcenter.directory.models import Organisation
from kontaktcenter.routing.classifier import runtime
from kontaktcenter.routing.models import Category, ClassifierModel
from kontaktcenter.routing.services import RuleValues, routing_rule_save

DEMO = SystemActor("demo")


def create_routing_rules(organisations: dict[str, Organisation]) -> None:
    categories = {category.code: category for category in Category.objects.all()}
    traffic = organisations["trafikkontoret"]
    rules = [
        # The state's roads through the city are Trafikverket's, not the traffic office's.
        RuleValues(
            name="Statliga vägar till Trafikverket",
            organisation=traffic,
            priority=10,
            tier="refer",
            target="external",
            categories=[categories["gata-trafik"]],
            keywords="Essingeleden, E4, E18, E20, Södra länken, Norra länken, Förbifart",
            external_name="Trafikverket",
            external_contact="Trafikverkets kundtjänst, 0771-921 921.",
        ),
        RuleValues(
            name="Försäkringskassans förmåner",
            organisation=organisations["serviceforvaltningen"],
            priority=20,
            tier="refer",
            target="external",
            keywords="bostadsbidrag, föräldrapenning, sjukpenning, barnbidrag, "
            "aktivitetsersättning, försäkringskassan",
            external_name="Försäkringskassan",
            external_contact="Försäkringskassan, 0771-524 524.",
        ),
        RuleValues(
            name="Färdtjänst och SL till Region Stockholm",
            organisation=organisations["serviceforvaltningen"],
            priority=20,
            tier="refer",
            target="external",
            keywords="färdtjänst, SL-kort, busslinje, pendeltåget",
            external_name="Region Stockholm",
            external_contact="Färdtjänsten, 08-720 80 00; SL Kundtjänst, 08-600 10 00.",
        ),
        # Outside office hours acute social matters go to the city's social emergency service.
        RuleValues(
            name="Socialjouren utanför kontorstid",
            organisation=organisations["socialforvaltningen"],
            priority=30,
            tier="forward",
            target="organisation",
            categories=[
                categories["socialtjanst-orosanmalan"],
                categories["socialtjanst-vald"],
            ],
            time_from=time(17, 0),
            time_until=time(8, 0),
            target_organisation=organisations["socialforvaltningen"],
        ),
        RuleValues(
            name="Markupplåtelse via webben till handläggaren",
            organisation=traffic,
            priority=40,
            tier="forward",
            target="officer",
            categories=[categories["gata-trafik-markupplatelse"]],
            channels=["web", "email"],
            officer=User.objects.get(username="handlaggare.trafik"),
        ),
    ]
    for values in rules:
        routing_rule_save(actor=DEMO, values=values)


def train_classifier() -> None:
    """Train before the first agent types, so the first suggestion is as quick as the rest."""
    if not ClassifierModel.objects.exists():
        runtime.train_and_store()

"""Administrators keep routing rules; contradictions are refused, unreachable rules reported,
and a registered case follows the rule and keeps its reason."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest

from kontaktcenter.accounts.models import User
from kontaktcenter.cases import services
from kontaktcenter.cases.models import Case
from kontaktcenter.core.errors import PermissionDenied, ValidationError
from kontaktcenter.directory.models import Organisation
from kontaktcenter.routing.models import (
    Category,
    CategoryCorrection,
    RoutingDecision,
    RoutingRule,
)
from kontaktcenter.routing.services import RuleValues, routing_rule_save
from tests.conftest import SETUP, MakeCase
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def night_queue(traffic_office: Organisation) -> Organisation:
    return UnitFactory.create(name="Trafikkontorets jour", code="tk-jour", parent=traffic_office)


def values(organisation: Organisation, **changes: Any) -> RuleValues:
    base: dict[str, Any] = {
        "name": "Gatubelysning på natten till jouren",
        "organisation": organisation,
        "priority": 10,
        "tier": "forward",
        "target": "organisation",
    }
    return RuleValues(**{**base, **changes})


def test_an_organisation_administrator_routes_their_own_categories(
    traffic_admin: User, street_lighting: Category, night_queue: Organisation
) -> None:
    rule, warnings = routing_rule_save(
        actor=traffic_admin,
        values=values(
            traffic_admin.organisation,
            categories=[street_lighting],
            target_organisation=night_queue,
            time_from=time(22),
            time_until=time(6),
        ),
    )

    assert rule.target_organisation == night_queue
    assert list(rule.categories.all()) == [street_lighting]
    assert warnings == []


def test_an_organisation_administrator_cannot_route_another_organisations_matters(
    traffic_admin: User, financial_support: Category, night_queue: Organisation
) -> None:
    with pytest.raises(PermissionDenied) as refused:
        routing_rule_save(
            actor=traffic_admin,
            values=values(
                traffic_admin.organisation,
                categories=[financial_support],
                target_organisation=night_queue,
            ),
        )

    assert refused.value.code == "rule.other_categories"


def test_an_agent_cannot_change_rules(
    tier1_agent: User, street_lighting: Category, traffic_office: Organisation
) -> None:
    with pytest.raises(PermissionDenied) as refused:
        routing_rule_save(
            actor=tier1_agent,
            values=values(
                traffic_office, categories=[street_lighting], target_organisation=traffic_office
            ),
        )

    assert refused.value.code == "rule.not_allowed"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"target_organisation": None}, "rule.target_missing"),
        ({"target": "external", "external_name": " "}, "rule.target_missing"),
        ({"tier": "maybe"}, "rule.unknown_tier"),
        ({"channels": ["fax"]}, "rule.unknown_channel"),
        ({"time_from": time(22)}, "rule.half_time"),
        ({"valid_from": date(2026, 12, 1), "valid_until": date(2026, 11, 1)}, "rule.never_valid"),
        ({"name": "  "}, "required"),
    ],
)
def test_a_rule_that_cannot_work_is_refused(
    street_lighting: Category, traffic_office: Organisation, changes: dict[str, Any], code: str
) -> None:
    base = {"categories": [street_lighting], "target_organisation": traffic_office}

    with pytest.raises(ValidationError) as refused:
        routing_rule_save(actor=SETUP, values=values(traffic_office, **{**base, **changes}))

    assert refused.value.code == code
    assert not RoutingRule.objects.exists()


def test_a_contradicting_rule_is_refused_and_an_unreachable_one_is_reported(
    street_lighting: Category, traffic_office: Organisation, night_queue: Organisation
) -> None:
    routing_rule_save(
        actor=SETUP,
        values=values(
            traffic_office, name="All lighting", categories=[street_lighting],
            target_organisation=traffic_office,
        ),
    )  # fmt: skip

    with pytest.raises(ValidationError) as refused:
        routing_rule_save(
            actor=SETUP,
            values=values(
                traffic_office, name="Lighting to the queue", categories=[street_lighting],
                target_organisation=night_queue,
            ),
        )  # fmt: skip
    _rule, warnings = routing_rule_save(
        actor=SETUP,
        values=values(
            traffic_office, name="Lighting by e-mail", priority=20, channels=["email"],
            categories=[street_lighting], target_organisation=night_queue,
        ),
    )  # fmt: skip

    assert refused.value.code == "rule.conflict"
    assert len(warnings) == 1
    assert "All lighting" in warnings[0]


def test_a_case_follows_the_rule_to_a_named_officer_and_keeps_the_reason(
    make_case: MakeCase, street_lighting: Category, traffic_officer: User
) -> None:
    rule, _warnings = routing_rule_save(
        actor=SETUP,
        values=values(
            traffic_officer.organisation,
            name="Gatubelysning via webben till Kalle",
            categories=[street_lighting],
            channels=["web"],
            target="officer",
            officer=traffic_officer,
        ),
    )

    by_web: Case = make_case(channel="web")
    by_phone: Case = make_case(channel="phone")

    assert by_web.assignee == traffic_officer
    assert by_web.routing_reason == "rule"
    decision = RoutingDecision.objects.get(case=by_web)
    assert decision.rule == rule
    assert "Gatubelysning via webben till Kalle" in decision.reason
    assert by_phone.assignee is None
    plain = RoutingDecision.objects.get(case=by_phone)
    assert plain.rule is None
    assert "Trafikkontoret" in plain.reason


def test_a_matter_a_rule_refers_outside_the_city_cannot_become_a_case(
    make_case: MakeCase, street_lighting: Category, traffic_office: Organisation
) -> None:
    routing_rule_save(
        actor=SETUP,
        values=values(
            traffic_office,
            name="Statliga vägar till Trafikverket",
            categories=[street_lighting],
            keywords="Essingeleden, E4",
            tier="refer",
            target="external",
            external_name="Trafikverket",
        ),
    )

    with pytest.raises(ValidationError) as refused:
        make_case(subject="Belysningen på Essingeleden är släckt")
    case = make_case(subject="Belysningen på Rinkebysvängen är släckt")

    assert refused.value.code == "routing.referral_only"
    assert case.responsible_organisation == traffic_office


def test_a_corrected_category_routes_again_keeps_the_new_reason_and_teaches_the_classifier(
    make_case: MakeCase, resident_parking: Category, traffic_officer: User
) -> None:
    case = make_case(subject="Gatlampan blinkar", description="Lampan vid porten blinkar")
    assert case.responsible_organisation.code == "trafikkontoret"

    services.case_recategorise(actor=traffic_officer, case=case, category=resident_parking)

    decision = RoutingDecision.objects.get(case=case)
    assert decision.tier == "handle"
    assert "Boendeparkering" in decision.reason
    correction = CategoryCorrection.objects.get()
    assert (correction.chosen, correction.source) == (resident_parking, "case")
    assert "Lampan vid porten blinkar" in correction.text

"""Routing rules: the first matching rule by priority wins; conflicts and unreachable rules
are found when a rule is saved. Plain values, no database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

from kontaktcenter.routing.rules import (
    Matter,
    Problem,
    RuleSpec,
    Switchboard,
    Target,
    Tier,
    evaluate_rules,
    rule_problems,
)

STREETS, LIGHTING, WATER_LEAK = 10, 11, 20
SKARPNACK, JARVA = 100, 101
TRAFFIC_OFFICE, WATER_COMPANY, ON_CALL_QUEUE = 1, 2, 3


def rule(rule_id: int, **values: object) -> RuleSpec:
    defaults: dict[str, object] = {
        "name": f"rule {rule_id}",
        "priority": 100,
        "tier": Tier.FORWARD,
        "target": Target.ORGANISATION,
        "target_organisation_id": TRAFFIC_OFFICE,
    }
    return RuleSpec(id=rule_id, **{**defaults, **values})  # type: ignore[arg-type]


LIGHTING_MATTER = Matter(
    category_path=(LIGHTING, STREETS),
    district_id=SKARPNACK,
    channel="phone",
    terms=frozenset({"gatlamp", "trasig"}),
    on=date(2026, 11, 26),
    at=time(14, 0),
)


def test_the_lower_priority_number_wins_and_ties_go_to_the_older_rule() -> None:
    first, second, third = rule(3, priority=10), rule(1, priority=20), rule(2, priority=10)

    assert evaluate_rules([second, first, third], LIGHTING_MATTER) == third


def test_a_rule_on_a_parent_category_matches_its_children() -> None:
    streets = rule(1, categories=frozenset({STREETS}))
    water = rule(2, categories=frozenset({WATER_LEAK}), priority=1)

    assert evaluate_rules([water, streets], LIGHTING_MATTER) == streets


def test_every_condition_must_hold() -> None:
    matching = rule(
        1,
        categories=frozenset({LIGHTING}),
        districts=frozenset({SKARPNACK}),
        channels=frozenset({"phone", "web"}),
        keywords=frozenset({"gatlamp"}),
    )

    assert evaluate_rules([matching], LIGHTING_MATTER) == matching
    for other in (
        replace(LIGHTING_MATTER, district_id=JARVA),
        replace(LIGHTING_MATTER, district_id=None),
        replace(LIGHTING_MATTER, channel="email"),
        replace(LIGHTING_MATTER, terms=frozenset({"sopor"})),
        replace(LIGHTING_MATTER, category_path=(WATER_LEAK,)),
    ):
        assert evaluate_rules([matching], other) is None


def test_a_rule_applies_only_in_its_validity_period_both_days_included() -> None:
    winter = rule(1, valid_from=date(2026, 11, 1), valid_until=date(2026, 11, 26))

    assert evaluate_rules([winter], LIGHTING_MATTER) == winter
    assert evaluate_rules([winter], replace(LIGHTING_MATTER, on=date(2026, 11, 27))) is None
    assert evaluate_rules([winter], replace(LIGHTING_MATTER, on=date(2026, 10, 31))) is None


def test_a_night_rule_wraps_midnight() -> None:
    night = rule(1, time_from=time(22, 0), time_until=time(6, 0), tier=Tier.FORWARD)

    assert evaluate_rules([night], replace(LIGHTING_MATTER, at=time(23, 30))) == night
    assert evaluate_rules([night], replace(LIGHTING_MATTER, at=time(5, 59))) == night
    assert evaluate_rules([night], replace(LIGHTING_MATTER, at=time(6, 0))) is None
    assert evaluate_rules([night], LIGHTING_MATTER) is None


def test_the_switchboard_condition_follows_the_responsible_organisation() -> None:
    not_joined = rule(1, switchboard=Switchboard.NOT_JOINED)

    assert evaluate_rules([not_joined], LIGHTING_MATTER) == not_joined
    joined = replace(LIGHTING_MATTER, organisation_joined_switchboard=True)
    assert evaluate_rules([not_joined], joined) is None


def test_an_inactive_rule_never_matches() -> None:
    assert evaluate_rules([rule(1, is_active=False)], LIGHTING_MATTER) is None


def test_a_rule_behind_a_wider_earlier_rule_is_unreachable() -> None:
    wide = rule(1, priority=10, categories=frozenset({STREETS}))
    narrow = rule(2, priority=20, categories=frozenset({LIGHTING}), districts=frozenset({JARVA}))

    problems = rule_problems(narrow, [wide], ancestors={LIGHTING: {STREETS}})

    assert [(p.problem, p.other) for p in problems] == [(Problem.UNREACHABLE, wide)]


def test_a_narrower_earlier_rule_leaves_the_later_one_reachable() -> None:
    narrow = rule(1, priority=10, categories=frozenset({LIGHTING}), districts=frozenset({JARVA}))
    wide = rule(2, priority=20, categories=frozenset({STREETS}))

    assert rule_problems(wide, [narrow], ancestors={LIGHTING: {STREETS}}) == []


def test_an_earlier_rule_valid_only_part_of_the_time_does_not_hide_a_later_one() -> None:
    december = rule(1, priority=10, valid_from=date(2026, 12, 1), valid_until=date(2026, 12, 31))
    always = rule(2, priority=20)

    assert rule_problems(always, [december]) == []


def test_same_priority_overlapping_conditions_and_different_destinations_conflict() -> None:
    to_traffic = rule(1, categories=frozenset({LIGHTING}))
    to_queue = rule(2, categories=frozenset({STREETS}), target_organisation_id=ON_CALL_QUEUE)

    problems = rule_problems(to_queue, [to_traffic], ancestors={LIGHTING: {STREETS}})

    assert [(p.problem, p.other) for p in problems] == [(Problem.CONFLICT, to_traffic)]


def test_same_priority_in_different_districts_is_no_conflict() -> None:
    skarpnack = rule(1, districts=frozenset({SKARPNACK}))
    jarva = rule(2, districts=frozenset({JARVA}), target_organisation_id=ON_CALL_QUEUE)

    assert rule_problems(jarva, [skarpnack]) == []


def test_a_rule_that_ends_before_it_starts_is_reported() -> None:
    backwards = rule(1, valid_from=date(2026, 12, 1), valid_until=date(2026, 11, 1))

    assert [p.problem for p in rule_problems(backwards, [])] == [Problem.NEVER_VALID]


def test_an_external_referral_rule_names_the_body() -> None:
    state_road = rule(
        1,
        tier=Tier.REFER,
        target=Target.EXTERNAL,
        target_organisation_id=None,
        external_name="Trafikverket",
        keywords=frozenset({"essingeled"}),
    )
    matter = replace(LIGHTING_MATTER, terms=frozenset({"essingeleden", "lampor"}))

    found = evaluate_rules([state_road], matter)

    assert found is not None
    assert (found.tier, found.external_name) == (Tier.REFER, "Trafikverket")

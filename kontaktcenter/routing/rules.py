"""Where a case goes, decided from plain values so the rule is easy to test and benchmark."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from enum import Enum
from typing import Any

from kontaktcenter.routing.models import Handling


class RouteReason(Enum):
    CATEGORY_OWNER = "category_owner"
    CONTACT_CENTER = "contact_center"
    RESIDENT_DISTRICT = "resident_district"
    CONCERNED_ORGANISATION = "concerned_organisation"
    RULE = "rule"


class RouteRefusal(Enum):
    REFERRAL_ONLY = "referral_only"
    DISTRICT_MISSING = "district_missing"
    CATEGORY_INACTIVE = "category_inactive"
    CONCERNED_MISSING = "concerned_missing"


@dataclass(frozen=True, slots=True)
class CategoryRule:
    handling: str
    responsible_organisation_id: int
    is_active: bool = True


@dataclass(frozen=True, slots=True)
class Route:
    organisation_id: int
    reason: RouteReason


@dataclass(frozen=True, slots=True)
class Refusal:
    reason: RouteRefusal


def decide_route(
    rule: CategoryRule,
    *,
    district_id: int | None,
    operator_id: int,
    concerned_organisation_id: int | None = None,
) -> Route | Refusal:
    """Pick the organisation that owns a new case of this category.

    Social services and LSS follow the resident's district (S10); bookings are referred to the
    booking unit instead of becoming a case (S14); tier-2 categories stay in the contact center
    (S4); feedback and complaints go to the organisation they are about, whose own feedback
    system and committee follow them up (S13).
    """
    if not rule.is_active:
        return Refusal(RouteRefusal.CATEGORY_INACTIVE)
    if rule.handling == Handling.REFERRAL:
        return Refusal(RouteRefusal.REFERRAL_ONLY)
    # Handlings whose organisation is given with the case, refused when it is missing.
    given = {
        Handling.RESIDENT_DISTRICT: (
            district_id,
            RouteReason.RESIDENT_DISTRICT,
            RouteRefusal.DISTRICT_MISSING,
        ),
        Handling.CONCERNED_ORGANISATION: (
            concerned_organisation_id,
            RouteReason.CONCERNED_ORGANISATION,
            RouteRefusal.CONCERNED_MISSING,
        ),
    }
    if rule.handling in given:
        organisation_id, reason, missing = given[Handling(rule.handling)]
        return Refusal(missing) if organisation_id is None else Route(organisation_id, reason)
    if rule.handling == Handling.CONTACT_CENTER:
        return Route(operator_id, RouteReason.CONTACT_CENTER)
    return Route(rule.responsible_organisation_id, RouteReason.CATEGORY_OWNER)


# --- Routing rules (S7) --------------------------------------------------------------------
#
# Organisation administrators write rules that take precedence over a category's own handling:
# "water leaks at night → Stockholm Vatten och Avfall's on-call queue", "questions about
# Essingeleden → refer to Trafikverket". `evaluate_rules` picks the first rule, by priority, whose
# every condition holds; `rule_problems` finds the rules a new or changed rule can never beat
# or contradicts, so the administrator sees it when saving.


class Tier(Enum):
    """What happens to the matter once routed."""

    ANSWER = "answer"  # tier 1 answers it directly, no case
    HANDLE = "handle"  # tier 2 handles it in the contact center
    FORWARD = "forward"  # sent to an organisation, queue or named officer
    REFER = "refer"  # referred outside the city (a state agency, a region), no case


class Target(Enum):
    ORGANISATION = "organisation"  # a fixed organisation or one of its units (a queue)
    RESIDENT_DISTRICT = "resident_district"  # the district of the resident's address
    OFFICER = "officer"  # a named case officer, in their organisation
    CATEGORY = "category"  # wherever the category's own handling sends it
    EXTERNAL = "external"  # a body outside the city, named in the rule


class Switchboard(Enum):
    """A condition on whether the category's responsible organisation has joined the common
    switchboard (S11): before it has, the contact center forwards fewer calls there directly."""

    ANY = "any"
    JOINED = "joined"
    NOT_JOINED = "not_joined"


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """A routing rule as plain values. Empty sets and None mean "any"."""

    id: int
    name: str
    priority: int
    tier: Tier
    target: Target
    categories: frozenset[int] = frozenset()
    districts: frozenset[int] = frozenset()
    channels: frozenset[str] = frozenset()
    switchboard: Switchboard = Switchboard.ANY
    # Each keyword's analysed terms (core.text.query_terms) joined by spaces; any keyword matches.
    keywords: frozenset[str] = frozenset()
    valid_from: date | None = None
    valid_until: date | None = None  # the last day the rule applies
    time_from: time | None = None  # local time of day; may wrap midnight (22:00–06:00)
    time_until: time | None = None
    target_organisation_id: int | None = None
    officer_id: int | None = None
    external_name: str = ""
    is_active: bool = True


@dataclass(frozen=True, slots=True)
class Matter:
    """What is known about a matter when it is routed."""

    category_path: tuple[int, ...] = ()  # the category first, then its parents
    district_id: int | None = None
    channel: str = ""
    organisation_joined_switchboard: bool = False
    terms: frozenset[str] = frozenset()
    on: date | None = None
    at: time | None = None


def _in_time_window(rule: RuleSpec, at: time | None) -> bool:
    if rule.time_from is None or rule.time_until is None:
        return True
    if at is None:
        return False
    if rule.time_from <= rule.time_until:
        return rule.time_from <= at < rule.time_until
    return at >= rule.time_from or at < rule.time_until


def _in_period(rule: RuleSpec, on: date | None) -> bool:
    return on is None or (
        (rule.valid_from is None or rule.valid_from <= on)
        and (rule.valid_until is None or on <= rule.valid_until)
    )


# Shorter keyword terms must match a word exactly: "sl" must not find "släckt".
MIN_PREFIX = 4


def _term_found(keyword: str, terms: frozenset[str]) -> bool:
    if keyword in terms:
        return True
    return len(keyword) >= MIN_PREFIX and any(term.startswith(keyword) for term in terms)


def _keywords_match(rule: RuleSpec, terms: frozenset[str]) -> bool:
    """Any keyword matches when all its words are in the text (each a stem, so "lampa" finds
    "lamporna"; a keyword of several words is a phrase of terms separated by spaces)."""
    return not rule.keywords or any(
        all(_term_found(part, terms) for part in keyword.split()) for keyword in rule.keywords
    )


def rule_matches(rule: RuleSpec, matter: Matter) -> bool:
    switchboard = rule.switchboard is Switchboard.ANY or (
        (rule.switchboard is Switchboard.JOINED) == matter.organisation_joined_switchboard
    )
    return (
        rule.is_active
        and switchboard
        and _in_period(rule, matter.on)
        and (not rule.categories or not rule.categories.isdisjoint(matter.category_path))
        and (not rule.districts or matter.district_id in rule.districts)
        and (not rule.channels or matter.channel in rule.channels)
        and _keywords_match(rule, matter.terms)
        and _in_time_window(rule, matter.at)
    )


def ordered(rules: list[RuleSpec]) -> list[RuleSpec]:
    """Evaluation order: lower priority number first, then the older rule."""
    return sorted(rules, key=lambda rule: (rule.priority, rule.id))


def evaluate_rules(rules: list[RuleSpec], matter: Matter) -> RuleSpec | None:
    """The first rule, in evaluation order, whose every condition holds for the matter."""
    for rule in ordered(rules):
        if rule_matches(rule, matter):
            return rule
    return None


class Problem(Enum):
    UNREACHABLE = "unreachable"  # an earlier rule catches every matter this one would
    CONFLICT = "conflict"  # same priority, overlapping conditions, different destination
    NEVER_VALID = "never_valid"  # its validity ends before it starts


@dataclass(frozen=True, slots=True)
class RuleProblem:
    problem: Problem
    other: RuleSpec | None = None


def _covers(wide: frozenset[Any], narrow: frozenset[Any]) -> bool:
    return not wide or (bool(narrow) and narrow <= wide)


def _overlap(first: frozenset[Any], second: frozenset[Any]) -> bool:
    return not first or not second or not first.isdisjoint(second)


def _period_covers(wide: RuleSpec, narrow: RuleSpec) -> bool:
    starts = wide.valid_from is None or (
        narrow.valid_from is not None and wide.valid_from <= narrow.valid_from
    )
    ends = wide.valid_until is None or (
        narrow.valid_until is not None and narrow.valid_until <= wide.valid_until
    )
    return starts and ends


def _periods_overlap(first: RuleSpec, second: RuleSpec) -> bool:
    return not (
        (first.valid_until is not None and second.valid_from is not None
         and first.valid_until < second.valid_from)
        or (second.valid_until is not None and first.valid_from is not None
            and second.valid_until < first.valid_from)
    )  # fmt: skip


def _same_destination(first: RuleSpec, second: RuleSpec) -> bool:
    return (
        first.tier == second.tier
        and first.target == second.target
        and first.target_organisation_id == second.target_organisation_id
        and first.officer_id == second.officer_id
        and first.external_name.casefold() == second.external_name.casefold()
    )


def _conditions_cover(wide: RuleSpec, narrow: RuleSpec, ancestors: dict[int, set[int]]) -> bool:
    """Every matter `narrow` matches, `wide` matches too (on the conditions both can state)."""
    if wide.categories and not (
        narrow.categories
        and all(
            ({category} | ancestors.get(category, set())) & wide.categories
            for category in narrow.categories
        )
    ):
        return False
    return (
        _covers(wide.districts, narrow.districts)
        and _covers(wide.channels, narrow.channels)
        and _covers(wide.keywords, narrow.keywords)
        and (wide.switchboard is Switchboard.ANY or wide.switchboard == narrow.switchboard)
        and (wide.time_from is None or (wide.time_from, wide.time_until)
             == (narrow.time_from, narrow.time_until))
        and _period_covers(wide, narrow)
    )  # fmt: skip


def _conditions_overlap(first: RuleSpec, second: RuleSpec, ancestors: dict[int, set[int]]) -> bool:
    def family(categories: frozenset[int]) -> set[int]:
        return set(categories).union(*(ancestors.get(c, set()) for c in categories))

    categories = (
        not first.categories
        or not second.categories
        or bool(family(first.categories) & set(second.categories))
        or bool(family(second.categories) & set(first.categories))
    )
    switchboards = Switchboard.ANY in (first.switchboard, second.switchboard) or (
        first.switchboard == second.switchboard
    )
    return (
        categories
        and switchboards
        and _overlap(first.districts, second.districts)
        and _overlap(first.channels, second.channels)
        and _periods_overlap(first, second)
    )


def rule_problems(
    rule: RuleSpec, others: list[RuleSpec], ancestors: dict[int, set[int]] | None = None
) -> list[RuleProblem]:
    """What is wrong with `rule` among the other active rules.

    `ancestors` maps a category to all categories above it, so a rule on "Gata och trafik"
    covers one on "Gatubelysning". Keyword and time-of-day overlaps are not reported as
    conflicts: two rules on different words may well both be meant.
    """
    ancestors = ancestors or {}
    problems: list[RuleProblem] = []
    if rule.valid_from and rule.valid_until and rule.valid_until < rule.valid_from:
        problems.append(RuleProblem(Problem.NEVER_VALID))
    for other in ordered([o for o in others if o.is_active and o.id != rule.id]):
        earlier = (other.priority, other.id) < (rule.priority, rule.id)
        if (
            other.priority == rule.priority
            and not rule.keywords
            and not other.keywords
            and rule.time_from is None
            and other.time_from is None
            and not _same_destination(rule, other)
            and _conditions_overlap(rule, other, ancestors)
        ):
            problems.append(RuleProblem(Problem.CONFLICT, other))
        elif earlier and _conditions_cover(other, rule, ancestors):
            problems.append(RuleProblem(Problem.UNREACHABLE, other))
    return problems

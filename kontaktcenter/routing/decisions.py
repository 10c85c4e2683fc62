"""Where a matter goes and why: the classifier's suggestion, the district of the address, the
administrators' rules and the category's own handling, put together (S6, S7, S10, S14).

`route_matter` answers the dry-run page, the desk's suggestion and `kontaktcenter route`;
`route_for_case` is what case registration uses. Both read the database and decide with the
pure functions in `rules.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from kontaktcenter.accounts.models import User
from kontaktcenter.core.clock import now
from kontaktcenter.core.text import analyse, query_terms
from kontaktcenter.directory.models import Organisation
from kontaktcenter.directory.selectors import operator_organisation
from kontaktcenter.routing import selectors
from kontaktcenter.routing.choices import TierChoice
from kontaktcenter.routing.classifier import runtime
from kontaktcenter.routing.models import Category, Handling, RoutingRule
from kontaktcenter.routing.rules import (
    Matter,
    RuleSpec,
    Switchboard,
    Target,
    Tier,
    evaluate_rules,
)

UNDECIDED = "undecided"

_HANDLING_TIER = {
    Handling.CONTACT_CENTER: Tier.HANDLE,
    Handling.REFERRAL: Tier.REFER,
}


@dataclass(frozen=True)
class CategorySuggestion:
    category: Category
    confidence: float


@dataclass
class Routed:
    """Where a matter would go. `organisation` is None when the agent must choose something
    first (the category, the district) or when it leaves the city (`external`)."""

    suggestions: list[CategorySuggestion] = field(default_factory=list)
    category: Category | None = None
    organisation: Organisation | None = None
    tier: str = UNDECIDED
    district: Organisation | None = None
    district_candidates: list[Organisation] = field(default_factory=list)
    officer: User | None = None
    external: str = ""
    rule: RoutingRule | None = None
    reason: str = ""

    @property
    def tier_label(self) -> str:
        if self.tier == UNDECIDED:
            return _("Not decided")
        return str(TierChoice(self.tier).label)

    @property
    def top_code(self) -> str:
        return self.suggestions[0].category.code if self.suggestions else ""

    def as_json(self) -> dict[str, object]:
        """The shape `kontaktcenter route --json` prints (and others script against)."""

        def ref(code_or_id: object, name: str) -> dict[str, object]:
            return {"code": code_or_id, "name": name}

        return {
            "suggestions": [
                {
                    "category": ref(item.category.code, item.category.name),
                    "confidence": item.confidence,
                }
                for item in self.suggestions
            ],
            "category": ref(self.category.code, self.category.name) if self.category else None,
            "organisation": (
                {"id": self.organisation.pk, "name": self.organisation.name}
                if self.organisation
                else None
            ),
            "tier": self.tier,
            "district": (
                {"id": self.district.pk, "name": self.district.name} if self.district else None
            ),
            "reason": self.reason,
        }


def rule_spec(rule: RoutingRule) -> RuleSpec:
    return RuleSpec(
        id=rule.pk,
        name=rule.name,
        priority=rule.priority,
        tier=Tier(rule.tier),
        target=Target(rule.target),
        categories=frozenset(category.pk for category in rule.categories.all()),
        districts=frozenset(district.pk for district in rule.districts.all()),
        channels=frozenset(rule.channels or ()),
        switchboard=Switchboard(rule.switchboard),
        keywords=frozenset(keyword_terms(rule.keywords)),
        valid_from=rule.valid_from,
        valid_until=rule.valid_until,
        time_from=rule.time_from,
        time_until=rule.time_until,
        target_organisation_id=rule.target_organisation_id,
        officer_id=rule.officer_id,
        external_name=rule.external_name,
        is_active=rule.is_active,
    )


def keyword_terms(keywords: str) -> list[str]:
    """A rule's keywords as query terms, so "Essingeleden" matches "essingeleden" and
    "Försäkringskassan" matches "försäkringskassans"; "SL-kort" is the phrase "sl kort"."""
    phrases: list[str] = []
    for line in keywords.replace(",", "\n").splitlines():
        terms = query_terms(line)
        if terms:
            phrases.append(" ".join(terms))
    return phrases


def active_rules() -> list[RoutingRule]:
    return list(
        RoutingRule.objects.filter(is_active=True)
        .select_related("target_organisation", "officer__organisation")
        .prefetch_related("categories", "districts")
    )


def category_path(category: Category) -> tuple[int, ...]:
    path = [category.pk]
    parent_id = category.parent_id
    while parent_id is not None and parent_id not in path:
        path.append(parent_id)
        parent_id = Category.objects.values_list("parent_id", flat=True).get(pk=parent_id)
    return tuple(path)


def route_matter(
    *,
    text: str = "",
    address: str = "",
    channel: str = "",
    category: Category | None = None,
    district: Organisation | None = None,
    at: datetime | None = None,
    rules: list[RoutingRule] | None = None,
    classify: bool = True,
) -> Routed:
    """Where a matter would go and why; nothing is written."""
    routed = Routed()
    if classify and text.strip():
        suggestions, decided = runtime.suggest(text)
        by_code = {
            c.code: c
            for c in Category.objects.filter(
                code__in=[s.category for s in suggestions], is_active=True
            ).select_related("responsible_organisation", "parent")
        }
        routed.suggestions = [
            CategorySuggestion(by_code[s.category], s.confidence)
            for s in suggestions
            if s.category in by_code
        ]
        if category is None and decided in by_code:
            category = by_code[decided]
    routed.category = category
    if district is None and address.strip():
        lookup = selectors.district_for_address(address)
        district = lookup.organisation
        routed.district_candidates = lookup.candidates
    routed.district = district
    if category is None:
        routed.reason = _("Not sure which category this is: choose one.")
        return routed
    _decide(routed, category, channel=channel, text=text, at=at, rules=rules)
    return routed


def _decide(
    routed: Routed,
    category: Category,
    *,
    channel: str,
    text: str,
    at: datetime | None,
    rules: list[RoutingRule] | None,
) -> None:
    candidates = rules if rules is not None else active_rules()
    spec = _matching_rule(routed, category, candidates, channel=channel, text=text, at=at)
    if spec is not None:
        rule = next(rule for rule in candidates if rule.pk == spec.id)
        routed.rule = rule
        _apply_rule(routed, rule, category)
        if spec.target is not Target.CATEGORY:
            return
    _apply_category(routed, category)
    if routed.rule is not None:
        routed.tier = routed.rule.tier
        routed.reason = _("Rule “%(rule)s”: %(reason)s") % {
            "rule": routed.rule.name,
            "reason": routed.reason,
        }


def _matching_rule(
    routed: Routed,
    category: Category,
    candidates: list[RoutingRule],
    *,
    channel: str,
    text: str,
    at: datetime | None,
) -> RuleSpec | None:
    if not candidates:
        return None
    moment = timezone.localtime(at or now())
    owner = category.responsible_organisation
    matter = Matter(
        category_path=category_path(category),
        district_id=routed.district.pk if routed.district else None,
        channel=channel,
        organisation_joined_switchboard=(
            owner.joined_common_switchboard_on is not None
            and owner.joined_common_switchboard_on <= moment.date()
        ),
        terms=frozenset(analyse(text)),
        on=moment.date(),
        at=moment.time(),
    )
    return evaluate_rules([rule_spec(rule) for rule in candidates], matter)


def _apply_rule(routed: Routed, rule: RoutingRule, category: Category) -> None:
    routed.tier = rule.tier
    values = {"rule": rule.name, "category": category.name}
    target = Target(rule.target)
    if target is Target.ORGANISATION and rule.target_organisation is not None:
        routed.organisation = rule.target_organisation
        routed.reason = _("Rule “%(rule)s”: %(category)s → %(organisation)s.") % {
            **values,
            "organisation": rule.target_organisation.name,
        }
    elif target is Target.OFFICER and rule.officer is not None:
        routed.officer = rule.officer
        routed.organisation = rule.officer.organisation
        routed.reason = _("Rule “%(rule)s”: %(category)s → %(officer)s, %(organisation)s.") % {
            **values,
            "officer": str(rule.officer),
            "organisation": rule.officer.organisation.name,
        }
    elif target is Target.EXTERNAL:
        routed.external = rule.external_name
        routed.reason = _(
            "Rule “%(rule)s”: %(category)s is not the city's matter; refer to %(external)s."
        ) % {**values, "external": rule.external_name}
        if rule.external_contact:
            routed.reason += " " + rule.external_contact
    elif target is Target.RESIDENT_DISTRICT:
        _to_district(routed, category)
        routed.reason = _("Rule “%(rule)s”: %(reason)s") % {**values, "reason": routed.reason}


def _to_district(routed: Routed, category: Category) -> None:
    values = {"category": category.name}
    if routed.district is not None:
        routed.organisation = routed.district
        routed.reason = _("%(category)s → the district of the address: %(district)s.") % {
            **values,
            "district": routed.district.short_name or routed.district.name,
        }
    elif routed.district_candidates:
        routed.reason = _(
            "%(category)s → the district of the address, which may be %(candidates)s: "
            "choose the district."
        ) % {
            **values,
            "candidates": ", ".join(d.short_name or d.name for d in routed.district_candidates),
        }
    else:
        routed.reason = (
            _(
                "%(category)s → the district of the address, which is not known: "
                "choose the district."
            )
            % values
        )


def _apply_category(routed: Routed, category: Category) -> None:
    handling = Handling(category.handling)
    routed.tier = _HANDLING_TIER.get(handling, Tier.FORWARD).value
    values = {"category": category.name, "organisation": category.responsible_organisation.name}
    if not category.is_active:
        routed.tier = UNDECIDED
        routed.reason = _("%(category)s is no longer in use: choose another category.") % values
    elif handling == Handling.RESIDENT_DISTRICT:
        _to_district(routed, category)
    elif handling == Handling.CONTACT_CENTER:
        routed.organisation = operator_organisation()
        routed.reason = _("%(category)s → handled in the contact center (tier 2).") % values
    elif handling == Handling.REFERRAL:
        routed.organisation = category.responsible_organisation
        routed.reason = _("%(category)s → referred to %(organisation)s; no case is created.") % (
            values
        )
    elif handling == Handling.CONCERNED_ORGANISATION:
        routed.reason = (
            _("%(category)s → the organisation it is about: choose the organisation.") % values
        )
    else:
        routed.organisation = category.responsible_organisation
        routed.reason = _("%(category)s → %(organisation)s, which is responsible for it.") % (
            values
        )


@dataclass(frozen=True)
class RuleRoute:
    """A rule's answer for a case being registered: where it goes, or that it leaves the city."""

    rule: RoutingRule
    organisation: Organisation | None
    officer: User | None
    tier: str
    reason: str


def rule_route_for_case(
    *,
    category: Category,
    district: Organisation | None,
    channel: str,
    text: str,
    at: datetime | None = None,
) -> RuleRoute | None:
    """The administrators' rule for a new case, if one applies and decides the destination;
    None leaves the case to its category's handling."""
    routed = Routed(category=category, district=district)
    _decide(routed, category, channel=channel, text=text, at=at, rules=None)
    rule = routed.rule
    if rule is None or Target(rule.target) is Target.CATEGORY:
        return None
    return RuleRoute(rule, routed.organisation, routed.officer, routed.tier, routed.reason)

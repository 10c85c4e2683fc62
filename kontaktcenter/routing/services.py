"""Changes to the category tree (S6). Organisation administrators keep their own organisation's
categories; system administrators keep all of them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from kontaktcenter.accounts.actors import Actor, organisation_scope
from kontaktcenter.accounts.models import User
from kontaktcenter.accounts.roles import Role
from kontaktcenter.core.clock import now
from kontaktcenter.core.errors import (
    REQUIRED,
    TOO_LONG,
    PermissionDenied,
    ValidationError,
    error_code,
)
from kontaktcenter.directory.models import Organisation, OrganisationKind
from kontaktcenter.routing import policies
from kontaktcenter.routing.classifier import runtime
from kontaktcenter.routing.decisions import active_rules, rule_spec
from kontaktcenter.routing.models import (
    Category,
    FeedbackKind,
    Handling,
    RoutingDecision,
    RoutingRule,
)
from kontaktcenter.routing.rules import Problem, Switchboard, Target, Tier, rule_problems

if TYPE_CHECKING:
    from kontaktcenter.cases.models import Case

NOT_A_MANAGER = error_code("category.not_allowed", _("Your role cannot change categories."))
NOT_YOUR_ORGANISATION = error_code(
    "category.other_organisation",
    _("You can only manage categories that %(organisation)s is responsible for."),
)
UNDER_ITSELF = error_code("category.under_itself", _("A category cannot be placed under itself."))
NAME_TAKEN = error_code(
    "category.name_taken",
    _("There is already a category called %(name)s at this place in the tree."),
)
UNKNOWN_HANDLING = error_code("category.unknown_handling", _("Unknown handling."))
CONFIDENTIAL_NOT_DISTRICT = error_code(
    "category.confidential_not_district",
    _("A confidential category must be handled by the resident's district."),
)
CHILDREN_ACTIVE = error_code(
    "category.children_active", _("Take its subcategories out of use first.")
)
PARENT_INACTIVE = error_code(
    "category.parent_inactive", _("A category cannot be in use under one that is not.")
)
UNKNOWN_FEEDBACK_KIND = error_code("category.unknown_feedback_kind", _("Unknown kind of feedback."))
NAME_MAX_LENGTH = 120


def _require_manager_of(actor: Actor, organisation: Organisation) -> None:
    if not policies.may_manage_categories(actor):
        raise PermissionDenied(NOT_A_MANAGER)
    if not policies.may_manage_categories_of(actor, organisation.pk):
        raise PermissionDenied(
            NOT_YOUR_ORGANISATION,
            field="responsible_organisation",
            organisation=str(getattr(actor, "organisation", "")),
        )


def _clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ValidationError(REQUIRED, field="name", label=_("Name"))
    if len(cleaned) > NAME_MAX_LENGTH:
        raise ValidationError(TOO_LONG, field="name", label=_("Name"), max=NAME_MAX_LENGTH)
    return cleaned


def _check_place(category: Category | None, *, name: str, parent: Category | None) -> None:
    """Siblings need different names, and a category cannot be placed under itself."""
    ancestor = parent
    while ancestor is not None:
        if category is not None and ancestor.pk == category.pk:
            raise ValidationError(UNDER_ITSELF, field="parent")
        ancestor = ancestor.parent
    siblings = Category.objects.filter(parent=parent, name__iexact=name)
    if category is not None:
        siblings = siblings.exclude(pk=category.pk)
    if siblings.exists():
        raise ValidationError(NAME_TAKEN, field="name", name=name)


def _check_handling(handling: str, *, is_confidential: bool) -> None:
    if handling not in Handling.values:
        raise ValidationError(UNKNOWN_HANDLING, field="handling")
    if is_confidential and handling != Handling.RESIDENT_DISTRICT:
        # Secrecy (S10): confidential matters never stay in the contact center or go elsewhere.
        raise ValidationError(CONFIDENTIAL_NOT_DISTRICT, field="handling")


def _clean_feedback_kind(value: str) -> str:
    if value not in FeedbackKind.values:
        raise ValidationError(UNKNOWN_FEEDBACK_KIND, field="feedback_kind")
    return value


def _unique_code(name: str, parent: Category | None) -> str:
    base = slugify(f"{parent.code}-{name}" if parent else name)[:70] or "kategori"
    code, number = base, 2
    while Category.objects.filter(code=code).exists():
        code, number = f"{base}-{number}", number + 1
    return code


@transaction.atomic
def category_create(
    *,
    actor: Actor,
    name: str,
    responsible_organisation: Organisation,
    handling: str = Handling.ORGANISATION,
    parent: Category | None = None,
    is_confidential: bool = False,
    feedback_kind: str = "",
    position: int = 0,
) -> Category:
    _require_manager_of(actor, responsible_organisation)
    cleaned = _clean_name(name)
    _check_place(None, name=cleaned, parent=parent)
    _check_handling(handling, is_confidential=is_confidential)
    return Category.objects.create(
        name=cleaned,
        code=_unique_code(cleaned, parent),
        parent=parent,
        responsible_organisation=responsible_organisation,
        handling=handling,
        is_confidential=is_confidential,
        feedback_kind=_clean_feedback_kind(feedback_kind),
        position=max(position, 0),
    )


@transaction.atomic
def category_update(
    *,
    actor: Actor,
    category: Category,
    name: str,
    responsible_organisation: Organisation,
    handling: str,
    parent: Category | None = None,
    is_confidential: bool = False,
    is_active: bool = True,
    feedback_kind: str = "",
    position: int = 0,
) -> Category:
    """Change a category. Existing cases keep where they were routed; new ones follow the change."""
    category = Category.objects.select_for_update().get(pk=category.pk)
    _require_manager_of(actor, category.responsible_organisation)
    _require_manager_of(actor, responsible_organisation)
    cleaned = _clean_name(name)
    _check_place(category, name=cleaned, parent=parent)
    _check_handling(handling, is_confidential=is_confidential)
    if not is_active and category.children.filter(is_active=True).exists():
        raise ValidationError(CHILDREN_ACTIVE, field="is_active")
    if is_active and parent is not None and not parent.is_active:
        raise ValidationError(PARENT_INACTIVE, field="is_active")
    category.name = cleaned
    category.parent = parent
    category.responsible_organisation = responsible_organisation
    category.handling = handling
    category.is_confidential = is_confidential
    category.is_active = is_active
    category.feedback_kind = _clean_feedback_kind(feedback_kind)
    category.position = max(position, 0)
    category.save()
    return category


# --- routing decisions and categorisation feedback ----------------------------------------


def routing_decision_record(
    *,
    case: Case,
    reason: str,
    tier: str,
    rule: RoutingRule | None = None,
    suggested: Category | None = None,
    confidence: float | None = None,
) -> RoutingDecision:
    """Keep where a case was sent and why (one per case, replaced when it is routed again)."""
    decision, _created = RoutingDecision.objects.update_or_create(
        case=case,
        defaults={
            "rule": rule,
            "rule_name": rule.name if rule else "",
            "tier": tier,
            "district": case.district,
            "reason": reason[:400],
            "suggested_category": suggested,
            "suggestion_confidence": confidence,
            "decided_at": now(),
        },
    )
    return decision


SOURCES = ("contact", "case", "dry_run")


def category_choice_record(
    *,
    actor: Actor,
    text: str,
    chosen: Category,
    suggested_code: str = "",
    source: str = "contact",
) -> None:
    """An agent chose `chosen` for a text, after the classifier suggested `suggested_code` (or
    nothing): the classifier remembers it at once and learns from it at its next training.
    Texts of confidential categories are never kept (S10)."""
    if chosen.is_confidential or source not in SOURCES:
        return
    suggested = Category.objects.filter(code=suggested_code).first() if suggested_code else None
    runtime.record_correction(
        text=text,
        chosen=chosen,
        suggested=suggested,
        source=source,
        recorded_by_id=actor.pk if isinstance(actor, User) else None,
    )


# --- routing rules (S7) -------------------------------------------------------------------

RULE_NOT_ALLOWED = error_code("rule.not_allowed", _("Your role cannot change routing rules."))
RULE_OTHER_CATEGORIES = error_code(
    "rule.other_categories",
    _("You can only write rules for categories %(organisation)s is responsible for."),
)
RULE_UNKNOWN_TIER = error_code("rule.unknown_tier", _("Unknown tier."))
RULE_UNKNOWN_TARGET = error_code("rule.unknown_target", _("Unknown target."))
RULE_UNKNOWN_CHANNEL = error_code("rule.unknown_channel", _("Unknown channel: %(channel)s."))
RULE_TARGET_MISSING = error_code(
    "rule.target_missing", _("Choose the organisation, officer or outside body to send to.")
)
RULE_NOT_A_DISTRICT = error_code("rule.not_a_district", _("%(name)s is not a district."))
RULE_NEVER_VALID = error_code(
    "rule.never_valid", _("The rule would end before it starts: check the dates.")
)
RULE_HALF_TIME = error_code(
    "rule.half_time", _("Give both the start and the end of the time of day, or neither.")
)
RULE_CONFLICT = error_code(
    "rule.conflict",
    _(
        "The rule “%(other)s” has the same priority, matches the same matters and sends them "
        "elsewhere: give one of them another priority or narrower conditions."
    ),
)
RULE_NAME_MAX_LENGTH = 120
CHANNELS = ("phone", "email", "web", "visit", "letter")


@dataclass(frozen=True)
class RuleValues:
    """What an administrator sets on a rule (the form's cleaned data)."""

    name: str
    organisation: Organisation
    priority: int
    tier: str
    target: str
    categories: list[Category] = field(default_factory=list)
    districts: list[Organisation] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    switchboard: str = Switchboard.ANY.value
    keywords: str = ""
    valid_from: date | None = None
    valid_until: date | None = None
    time_from: time | None = None
    time_until: time | None = None
    target_organisation: Organisation | None = None
    officer: User | None = None
    external_name: str = ""
    external_contact: str = ""
    is_active: bool = True


def _require_rule_manager(actor: Actor, values: RuleValues) -> None:
    if not policies.may_manage_categories(actor):
        raise PermissionDenied(RULE_NOT_ALLOWED)
    if not policies.may_manage_categories_of(actor, values.organisation.pk):
        raise PermissionDenied(
            NOT_YOUR_ORGANISATION,
            field="organisation",
            organisation=str(getattr(actor, "organisation", "")),
        )
    if isinstance(actor, User) and actor.role == Role.ORGANISATION_ADMIN:
        # An administration routes its own matters, not another's.
        scope = organisation_scope(actor)
        if not values.categories or any(
            category.responsible_organisation_id not in scope for category in values.categories
        ):
            raise PermissionDenied(
                RULE_OTHER_CATEGORIES, field="categories", organisation=str(actor.organisation)
            )


def _check_rule(values: RuleValues) -> None:
    if values.tier not in {tier.value for tier in Tier}:
        raise ValidationError(RULE_UNKNOWN_TIER, field="tier")
    if values.target not in {target.value for target in Target}:
        raise ValidationError(RULE_UNKNOWN_TARGET, field="target")
    for channel in values.channels:
        if channel not in CHANNELS:
            raise ValidationError(RULE_UNKNOWN_CHANNEL, field="channels", channel=channel)
    for district in values.districts:
        if district.kind != OrganisationKind.DISTRICT:
            raise ValidationError(RULE_NOT_A_DISTRICT, field="districts", name=district.name)
    target = Target(values.target)
    missing = (
        (target is Target.ORGANISATION and values.target_organisation is None)
        or (target is Target.OFFICER and values.officer is None)
        or (target is Target.EXTERNAL and not values.external_name.strip())
    )
    if missing:
        raise ValidationError(RULE_TARGET_MISSING, field="target")
    if (values.time_from is None) != (values.time_until is None):
        raise ValidationError(RULE_HALF_TIME, field="time_until")


def _ancestors() -> dict[int, set[int]]:
    parents = dict(Category.objects.values_list("id", "parent_id"))
    ancestors: dict[int, set[int]] = {}
    for category_id in parents:
        found: set[int] = set()
        parent = parents.get(category_id)
        while parent is not None and parent not in found:
            found.add(parent)
            parent = parents.get(parent)
        ancestors[category_id] = found
    return ancestors


def rule_warnings(rule: RoutingRule) -> list[str]:
    """What the administrator should know about a saved rule: earlier rules that catch
    everything it would."""
    others = [rule_spec(other) for other in active_rules() if other.pk != rule.pk]
    spec = rule_spec(rule)
    names = {other.id: other.name for other in others}
    return [
        _("It can never apply: the earlier rule “%(other)s” catches every matter it would.")
        % {"other": names[problem.other.id]}
        for problem in rule_problems(spec, others, _ancestors())
        if problem.problem is Problem.UNREACHABLE and problem.other is not None
    ]


@transaction.atomic
def routing_rule_save(
    *, actor: Actor, values: RuleValues, rule: RoutingRule | None = None
) -> tuple[RoutingRule, list[str]]:
    """Create or change a routing rule. A rule that contradicts another or can never be valid
    is refused; one that an earlier rule makes unreachable is saved with a warning."""
    if rule is not None:
        rule = RoutingRule.objects.select_for_update().get(pk=rule.pk)
        _require_rule_manager(
            actor, RuleValues(**{**values.__dict__, "organisation": rule.organisation})
        )
    _require_rule_manager(actor, values)
    name = " ".join(values.name.split())
    if not name:
        raise ValidationError(REQUIRED, field="name", label=_("Name"))
    if len(name) > RULE_NAME_MAX_LENGTH:
        raise ValidationError(TOO_LONG, field="name", label=_("Name"), max=RULE_NAME_MAX_LENGTH)
    _check_rule(values)
    at = now()
    if rule is None:
        rule = RoutingRule(created_at=at)
    rule.name = name
    for attribute in (
        "organisation", "priority", "tier", "target", "switchboard", "keywords", "valid_from",
        "valid_until", "time_from", "time_until", "target_organisation", "officer",
        "external_name", "external_contact", "is_active",
    ):  # fmt: skip
        setattr(rule, attribute, getattr(values, attribute))
    rule.channels = sorted(set(values.channels))
    rule.updated_at = at
    if rule.valid_from and rule.valid_until and rule.valid_until < rule.valid_from:
        raise ValidationError(RULE_NEVER_VALID, field="valid_until")
    rule.save()
    rule.categories.set(values.categories)
    rule.districts.set(values.districts)
    if rule.is_active:
        others = [rule_spec(other) for other in active_rules() if other.pk != rule.pk]
        names = {other.id: other.name for other in others}
        for problem in rule_problems(rule_spec(rule), others, _ancestors()):
            if problem.problem is Problem.CONFLICT and problem.other is not None:
                raise ValidationError(
                    RULE_CONFLICT, field="priority", other=names[problem.other.id]
                )
    return rule, rule_warnings(rule) if rule.is_active else []

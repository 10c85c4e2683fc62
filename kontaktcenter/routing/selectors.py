"""Reads of the category tree."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kontaktcenter.accounts.models import User
from kontaktcenter.accounts.roles import Role
from kontaktcenter.core.errors import NotFound, error_code
from kontaktcenter.directory.models import Organisation, OrganisationKind
from kontaktcenter.routing import districts
from kontaktcenter.routing.models import Category, Handling, RoutingRule

CATEGORY_NOT_FOUND = error_code("category.not_found", _("Category not found."))


def active_categories() -> QuerySet[Category]:
    return Category.objects.filter(is_active=True).select_related(
        "parent", "responsible_organisation"
    )


@dataclass(frozen=True)
class CategoryChoice:
    id: int
    label: str
    handling: str


def category_choices() -> list[CategoryChoice]:
    """Active categories in tree order, labelled "Parent › Child" for pick lists."""
    categories = list(active_categories())
    by_parent: dict[int | None, list[Category]] = {}
    for category in categories:
        by_parent.setdefault(category.parent_id, []).append(category)
    ordered: list[CategoryChoice] = []

    def walk(parent_id: int | None, prefix: str) -> None:
        for category in sorted(by_parent.get(parent_id, []), key=lambda c: (c.position, c.name)):
            label = f"{prefix}{category.name}"
            ordered.append(CategoryChoice(category.id, label, category.handling))
            walk(category.id, f"{label} › ")

    walk(None, "")
    return ordered


def categories_by_name() -> QuerySet[Category]:
    return Category.objects.order_by("name")


def categories_by_code(codes: list[str]) -> list[Category]:
    return list(Category.objects.filter(code__in=codes))


def categories_by_ids(ids: Iterable[int]) -> list[Category]:
    return list(Category.objects.filter(pk__in=list(ids)).order_by("name"))


def category_get(category_id: int) -> Category:
    try:
        return Category.objects.select_related("responsible_organisation").get(pk=category_id)
    except Category.DoesNotExist:
        raise NotFound(CATEGORY_NOT_FOUND) from None


@dataclass(frozen=True)
class CategoryRow:
    category: Category
    depth: int


def category_tree() -> list[CategoryRow]:
    """Every category, in use or not, in tree order: the administrators' overview."""
    categories = Category.objects.select_related("responsible_organisation")
    by_parent: dict[int | None, list[Category]] = {}
    for category in categories:
        by_parent.setdefault(category.parent_id, []).append(category)
    rows: list[CategoryRow] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for category in sorted(by_parent.get(parent_id, []), key=lambda c: (c.position, c.name)):
            rows.append(CategoryRow(category, depth))
            walk(category.id, depth + 1)

    walk(None, 0)
    return rows


@dataclass(frozen=True)
class DistrictLookup:
    """The district committee of an address or position: `organisation` when it is certain,
    else the `candidates` the agent chooses from (none when nothing was recognised)."""

    organisation: Organisation | None
    candidates: list[Organisation]
    stadsdel: str
    evidence: tuple[str, ...]

    @property
    def is_ambiguous(self) -> bool:
        return self.organisation is None and len(self.candidates) > 1


def _lookup(placement: districts.Placement) -> DistrictLookup:
    codes = list(placement.candidates)
    found = {
        organisation.code: organisation
        for organisation in Organisation.objects.filter(
            code__in=codes, kind=OrganisationKind.DISTRICT, is_active=True
        )
    }
    candidates = [found[code] for code in codes if code in found]
    return DistrictLookup(
        organisation=candidates[0] if len(candidates) == 1 else None,
        candidates=candidates,
        stadsdel=placement.stadsdel,
        evidence=tuple(evidence.value for evidence in placement.evidence),
    )


def district_for_address(text: str) -> DistrictLookup:
    """The district committee of an address, postcode or postal town ("Götgatan 12",
    "124 33 Bandhagen", "Bagarmossen"); ambiguous or unknown addresses give no organisation."""
    return _lookup(districts.locate_address(text))


def district_for_position(lat: float, lon: float) -> DistrictLookup:
    """The district committee of a WGS 84 position (a map pin, an Open311 request)."""
    return _lookup(districts.locate_position(lat, lon))


def districts_all() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=OrganisationKind.DISTRICT, is_active=True).order_by(
        "name"
    )


def category_destinations() -> dict[str, str]:
    """Each category's code and where its matters go: the organisation's code, or the kind of
    handling when the organisation depends on the matter (the resident's district, the
    organisation the feedback is about)."""
    destinations = {}
    for code, handling, organisation in Category.objects.values_list(
        "code", "handling", "responsible_organisation__code"
    ):
        if handling in (Handling.RESIDENT_DISTRICT, Handling.CONCERNED_ORGANISATION):
            destinations[code] = str(handling)
        elif handling == Handling.CONTACT_CENTER:
            destinations[code] = "contact-center"
        else:
            destinations[code] = organisation
    return destinations


def routing_rules_for(organisation_ids: frozenset[int] | None) -> QuerySet[RoutingRule]:
    """Rules in evaluation order; only those of `organisation_ids` when given."""
    rules = RoutingRule.objects.select_related(
        "organisation", "target_organisation", "officer"
    ).prefetch_related("categories", "districts")
    if organisation_ids is not None:
        rules = rules.filter(organisation_id__in=organisation_ids)
    return rules.order_by("priority", "id")


RULE_NOT_FOUND = error_code("rule.not_found", _("Routing rule not found."))


def routing_rule_get(rule_id: int, organisation_ids: frozenset[int] | None) -> RoutingRule:
    rule = routing_rules_for(organisation_ids).filter(pk=rule_id).first()
    if rule is None:
        raise NotFound(RULE_NOT_FOUND)
    return rule


def category_by_code(code: str) -> Category | None:
    return Category.objects.filter(code=code, is_active=True).first()


def case_officers() -> QuerySet[User]:
    """Staff a rule may name as the officer who gets the matter."""
    return User.objects.filter(is_active=True, role=Role.CASE_OFFICER).select_related(
        "organisation"
    )

"""Reads of the category tree."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kontaktcenter.core.errors import NotFound, error_code
from kontaktcenter.routing.models import Category

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

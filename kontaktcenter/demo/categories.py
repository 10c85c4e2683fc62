"""Create the category tree from the demo data."""

from __future__ import annotations

from dataclasses import dataclass

from kontaktcenter.demo.data.categories import CATEGORY_TREE
from kontaktcenter.directory.models import Organisation
from kontaktcenter.routing.models import Category


@dataclass(frozen=True, slots=True)
class LeafCategory:
    """A category residents' matters are filed under, with its share of the generated contacts."""

    category: Category
    weight: float


def create_categories(organisations: dict[str, Organisation]) -> list[LeafCategory]:
    leaves: list[LeafCategory] = []
    for top_position, top in enumerate(CATEGORY_TREE, start=1):
        parent = Category.objects.create(
            code=top.code,
            name=top.name,
            responsible_organisation=organisations[top.organisation],
            handling=top.handling,
            is_confidential=top.confidential,
            position=top_position * 10,
        )
        for position, leaf in enumerate(top.children, start=1):
            category = Category.objects.create(
                code=leaf.code,
                name=leaf.name,
                parent=parent,
                responsible_organisation=organisations[leaf.organisation or top.organisation],
                handling=leaf.handling or top.handling,
                is_confidential=(
                    top.confidential if leaf.confidential is None else leaf.confidential
                ),
                feedback_kind=leaf.feedback,
                position=position * 10,
            )
            leaves.append(LeafCategory(category, leaf.weight))
    return leaves

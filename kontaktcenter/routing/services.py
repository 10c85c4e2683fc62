"""Changes to the category tree (S6). Organisation administrators keep their own organisation's
categories; system administrators keep all of them."""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from kontaktcenter.accounts.actors import Actor
from kontaktcenter.core.errors import (
    REQUIRED,
    TOO_LONG,
    PermissionDenied,
    ValidationError,
    error_code,
)
from kontaktcenter.directory.models import Organisation
from kontaktcenter.routing import policies
from kontaktcenter.routing.models import Category, FeedbackKind, Handling

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

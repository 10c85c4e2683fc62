"""Changes to the category tree (S6). Organisation administrators keep their own organisation's
categories; system administrators keep all of them."""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kontaktcenter.accounts import permissions
from kontaktcenter.accounts.models import Role, User
from kontaktcenter.core.errors import PermissionDenied, ValidationError
from kontaktcenter.directory.models import Organisation
from kontaktcenter.routing.models import Category, Handling


def _require_manager_of(actor: User, organisation: Organisation) -> None:
    if not permissions.can_manage_categories(actor):
        raise PermissionDenied(_("Your role cannot change categories."))
    if actor.role == Role.ORGANISATION_ADMIN and (
        organisation.pk not in permissions.organisation_scope(actor)
    ):
        raise PermissionDenied(
            _("You can only manage categories that %(organisation)s is responsible for.")
            % {"organisation": actor.organisation}
        )


def _clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ValidationError(_("Give the category a name."))
    if len(cleaned) > 120:
        raise ValidationError(_("A category name may be at most 120 characters."))
    return cleaned


def _check_place(category: Category | None, *, name: str, parent: Category | None) -> None:
    """Siblings need different names, and a category cannot be placed under itself."""
    ancestor = parent
    while ancestor is not None:
        if category is not None and ancestor.pk == category.pk:
            raise ValidationError(_("A category cannot be placed under itself."))
        ancestor = ancestor.parent
    siblings = Category.objects.filter(parent=parent, name__iexact=name)
    if category is not None:
        siblings = siblings.exclude(pk=category.pk)
    if siblings.exists():
        raise ValidationError(
            _("There is already a category called %(name)s at this place in the tree.")
            % {"name": name}
        )


def _check_handling(handling: str, *, is_confidential: bool) -> None:
    if handling not in Handling.values:
        raise ValidationError(_("Unknown handling."))
    if is_confidential and handling != Handling.RESIDENT_DISTRICT:
        # Secrecy (S10): confidential matters never stay in the contact center or go elsewhere.
        raise ValidationError(
            _("A confidential category must be handled by the resident's district.")
        )


def _unique_code(name: str, parent: Category | None) -> str:
    base = slugify(f"{parent.code}-{name}" if parent else name)[:70] or "kategori"
    code, number = base, 2
    while Category.objects.filter(code=code).exists():
        code, number = f"{base}-{number}", number + 1
    return code


@transaction.atomic
def category_create(
    *,
    actor: User,
    name: str,
    responsible_organisation: Organisation,
    handling: str = Handling.ORGANISATION,
    parent: Category | None = None,
    is_confidential: bool = False,
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
        position=max(position, 0),
    )


@transaction.atomic
def category_update(
    *,
    actor: User,
    category: Category,
    name: str,
    responsible_organisation: Organisation,
    handling: str,
    parent: Category | None = None,
    is_confidential: bool = False,
    is_active: bool = True,
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
        raise ValidationError(_("Take its subcategories out of use first."))
    if is_active and parent is not None and not parent.is_active:
        raise ValidationError(_("A category cannot be in use under one that is not."))
    category.name = cleaned
    category.parent = parent
    category.responsible_organisation = responsible_organisation
    category.handling = handling
    category.is_confidential = is_confidential
    category.is_active = is_active
    category.position = max(position, 0)
    category.save()
    return category

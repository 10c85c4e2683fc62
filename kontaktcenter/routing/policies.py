"""Who may change the category tree (S6, S12): organisation administrators their own
organisation's categories, system administrators all of them."""

from __future__ import annotations

from kontaktcenter.accounts.actors import Actor, SystemActor, organisation_scope
from kontaktcenter.accounts.models import User
from kontaktcenter.accounts.roles import Role


def may_manage_categories(actor: Actor) -> bool:
    if isinstance(actor, SystemActor):
        return True
    return isinstance(actor, User) and actor.role in {Role.ORGANISATION_ADMIN, Role.SYSTEM_ADMIN}


def may_manage_categories_of(actor: Actor, organisation_id: int) -> bool:
    if not may_manage_categories(actor):
        return False
    if isinstance(actor, User) and actor.role == Role.ORGANISATION_ADMIN:
        return organisation_id in organisation_scope(actor)
    return True

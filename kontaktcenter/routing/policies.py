"""Who may change the category tree (S6, S12): organisation administrators their own
organisation's categories, system administrators all of them."""

from __future__ import annotations

from kontaktcenter.accounts.actors import Actor, SystemActor, organisation_scope
from kontaktcenter.accounts.models import User
from kontaktcenter.accounts.roles import CONTACT_CENTER_ROLES, Role


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


def may_try_routing(actor: Actor) -> bool:
    """Who sees category suggestions and may try where a matter would go: the contact center,
    and those who keep categories and rules."""
    if may_manage_categories(actor):
        return True
    return isinstance(actor, User) and actor.role in CONTACT_CENTER_ROLES | {Role.CASE_OFFICER}


def rules_visible_to(actor: Actor) -> frozenset[int] | None:
    """The organisations whose rules the actor manages; None for all of them."""
    if isinstance(actor, User) and actor.role == Role.ORGANISATION_ADMIN:
        return organisation_scope(actor)
    return None

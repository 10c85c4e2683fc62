"""Who manages delivery endpoints and sees their deliveries (S12, S13): an organisation's
administrators for that organisation and the units below it, system administrators for all."""

from __future__ import annotations

from django.db.models import Q

from kontaktcenter.accounts.actors import Actor, SystemActor, organisation_scope
from kontaktcenter.accounts.models import User
from kontaktcenter.accounts.roles import Role


def may_manage_endpoints(actor: Actor) -> bool:
    if isinstance(actor, SystemActor):
        return True
    return isinstance(actor, User) and actor.role in {Role.ORGANISATION_ADMIN, Role.SYSTEM_ADMIN}


def endpoints_for(actor: Actor) -> Q:
    """The endpoints the actor may manage, as a filter."""
    if isinstance(actor, SystemActor) or (
        isinstance(actor, User) and actor.role == Role.SYSTEM_ADMIN
    ):
        return Q()
    if isinstance(actor, User) and actor.role == Role.ORGANISATION_ADMIN:
        return Q(organisation_id__in=organisation_scope(actor))
    return Q(pk__in=[])


def organisations_for(actor: Actor) -> Q:
    """The organisations whose endpoints the actor may manage, as a filter on organisations."""
    if isinstance(actor, SystemActor) or (
        isinstance(actor, User) and actor.role == Role.SYSTEM_ADMIN
    ):
        return Q()
    if isinstance(actor, User) and actor.role == Role.ORGANISATION_ADMIN:
        return Q(pk__in=organisation_scope(actor))
    return Q(pk__in=[])


def may_manage_endpoints_of(actor: Actor, organisation_id: int) -> bool:
    if not may_manage_endpoints(actor):
        return False
    if isinstance(actor, User) and actor.role == Role.ORGANISATION_ADMIN:
        return organisation_id in organisation_scope(actor)
    return True

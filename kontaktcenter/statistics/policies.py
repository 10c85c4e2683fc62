"""Who may see the follow-up figures (S8, S9). They hold no personal data."""

from __future__ import annotations

from kontaktcenter.accounts.actors import Actor, SystemActor
from kontaktcenter.accounts.models import User
from kontaktcenter.accounts.roles import Role

STATISTICS_ROLES = frozenset(
    {Role.SUPERVISOR, Role.ANALYST, Role.ORGANISATION_ADMIN, Role.SYSTEM_ADMIN}
)


def may_view_statistics(actor: Actor) -> bool:
    if isinstance(actor, SystemActor):
        return True
    return isinstance(actor, User) and actor.role in STATISTICS_ROLES

"""Who may use the switchboard console, the wallboard and the night service."""

from __future__ import annotations

from kontaktcenter.accounts.actors import Actor, SystemActor
from kontaktcenter.accounts.models import User
from kontaktcenter.accounts.roles import Role

CONSOLE_ROLES = frozenset(
    {Role.SWITCHBOARD_OPERATOR, Role.SUPERVISOR, Role.TIER1_AGENT, Role.TIER2_AGENT}
)
WALLBOARD_ROLES = CONSOLE_ROLES | {Role.ANALYST, Role.SYSTEM_ADMIN}
NIGHT_SERVICE_ROLES = frozenset({Role.SWITCHBOARD_OPERATOR, Role.SUPERVISOR})


def may_use_console(actor: Actor) -> bool:
    """Take calls, transfer them and ring back missed callers."""
    return isinstance(actor, User) and actor.role in CONSOLE_ROLES


def may_view_wallboard(actor: Actor) -> bool:
    if isinstance(actor, SystemActor):
        return True
    return isinstance(actor, User) and actor.role in WALLBOARD_ROLES


def may_switch_night_service(actor: Actor) -> bool:
    return isinstance(actor, User) and actor.role in NIGHT_SERVICE_ROLES

"""Who may see the follow-up figures (S8, S9). They hold no personal data."""

from __future__ import annotations

from kontaktcenter.accounts.actors import Actor, SystemActor, organisation_scope
from kontaktcenter.accounts.models import User
from kontaktcenter.accounts.roles import Role

STATISTICS_ROLES = frozenset(
    {Role.SUPERVISOR, Role.ANALYST, Role.ORGANISATION_ADMIN, Role.SYSTEM_ADMIN}
)


def may_view_statistics(actor: Actor) -> bool:
    if isinstance(actor, SystemActor):
        return True
    return isinstance(actor, User) and actor.role in STATISTICS_ROLES


def may_see_small_confidential_counts(actor: Actor) -> bool:
    """Issue 16, item 5: only those who may read confidential cases see counts below five of
    a confidential category. None of the statistics roles reads them (cases/policies.py: only
    the responsible case officers do), so in the desk every small count is suppressed; the
    system (commands run by operators for the archive) sees them."""
    return isinstance(actor, SystemActor)


DRILL_DOWN_ROLES = frozenset({Role.SUPERVISOR, Role.ORGANISATION_ADMIN, Role.SYSTEM_ADMIN})


def may_drill_down(actor: Actor) -> bool:
    """Whether a count on the statistics page links to the cases behind it. Analysts see
    aggregates only, never personal data (S9); the others see the cases they may read anyway
    (cases/policies.py decides which)."""
    return isinstance(actor, User) and actor.role in DRILL_DOWN_ROLES


# --- the committees' quality report (S13) -----------------------------------------------------
# Complaints and feedback per organisation, with where each case was delivered; no personal data.

QUALITY_ALL_ORGANISATIONS = frozenset({Role.ANALYST, Role.SYSTEM_ADMIN, Role.SUPERVISOR})
QUALITY_OWN_ORGANISATION = frozenset({Role.ORGANISATION_ADMIN, Role.CASE_OFFICER})


def may_view_quality_report(actor: Actor) -> bool:
    if isinstance(actor, SystemActor):
        return True
    return isinstance(actor, User) and (
        actor.role in QUALITY_ALL_ORGANISATIONS or actor.role in QUALITY_OWN_ORGANISATION
    )


def quality_report_scope(actor: Actor) -> frozenset[int] | None:
    """The organisations whose report the actor may see: None for every organisation, else
    the actor's own organisation and the units below it (empty for everyone else)."""
    if isinstance(actor, SystemActor):
        return None
    if isinstance(actor, User) and actor.role in QUALITY_ALL_ORGANISATIONS:
        return None
    if isinstance(actor, User) and actor.role in QUALITY_OWN_ORGANISATION:
        return organisation_scope(actor)
    return frozenset()


def may_view_quality_report_of(actor: Actor, organisation_id: int) -> bool:
    if not may_view_quality_report(actor):
        return False
    scope = quality_report_scope(actor)
    return scope is None or organisation_id in scope

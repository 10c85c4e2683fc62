"""Who may do what. Services call these before they change or return anything.

Kept in one module so the desk, the API and the command line cannot disagree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from kontaktcenter.accounts.models import Role, User
from kontaktcenter.directory.selectors import organisation_with_descendants

if TYPE_CHECKING:
    from kontaktcenter.directory.models import Organisation

CONTACT_CENTER_ROLES = frozenset({Role.TIER1_AGENT, Role.TIER2_AGENT, Role.SUPERVISOR})
ORGANISATION_ROLES = frozenset({Role.CASE_OFFICER, Role.ORGANISATION_ADMIN})
STATISTICS_ROLES = frozenset(
    {Role.SUPERVISOR, Role.ANALYST, Role.ORGANISATION_ADMIN, Role.SYSTEM_ADMIN}
)


class CaseLike(Protocol):
    responsible_organisation_id: int
    is_confidential: bool

    @property
    def responsible_organisation(self) -> Organisation: ...


def organisation_scope(user: User) -> frozenset[int]:
    """The organisations a user acts for: their own and every unit below it."""
    cached: frozenset[int] | None = getattr(user, "_organisation_scope", None)
    if cached is None:
        cached = organisation_with_descendants(user.organisation_id)
        user._organisation_scope = cached  # type: ignore[attr-defined]
    return cached


def can_register_contacts(user: User) -> bool:
    return user.role in CONTACT_CENTER_ROLES or user.role == Role.SWITCHBOARD_OPERATOR


def can_create_cases(user: User) -> bool:
    return user.role in CONTACT_CENTER_ROLES


def can_view_case(user: User, case: CaseLike) -> bool:
    if case.is_confidential:
        # Secrecy (S10): only the responsible organisation's own staff read these.
        return user.role in ORGANISATION_ROLES and (
            case.responsible_organisation_id in organisation_scope(user)
        )
    if user.role in CONTACT_CENTER_ROLES or user.role == Role.SYSTEM_ADMIN:
        return True
    if user.role in ORGANISATION_ROLES:
        return case.responsible_organisation_id in organisation_scope(user)
    return False


def can_handle_case(user: User, case: CaseLike) -> bool:
    """Change status, assign, reply to the resident and close."""
    if user.role in ORGANISATION_ROLES:
        return case.responsible_organisation_id in organisation_scope(user)
    if user.role in {Role.TIER2_AGENT, Role.SUPERVISOR} and not case.is_confidential:
        return case.responsible_organisation.is_operator
    return False


def can_add_note(user: User, case: CaseLike) -> bool:
    """Agents add what a resident says on a follow-up call; handlers add their own notes."""
    if can_handle_case(user, case):
        return True
    return user.role in CONTACT_CENTER_ROLES and not case.is_confidential


def can_view_queue(user: User, organisation_id: int) -> bool:
    if user.role in ORGANISATION_ROLES:
        return organisation_id in organisation_scope(user)
    return user.role in {Role.TIER2_AGENT, Role.SUPERVISOR, Role.SYSTEM_ADMIN}


def can_view_statistics(user: User) -> bool:
    return user.role in STATISTICS_ROLES


def can_manage_categories(user: User) -> bool:
    return user.role in {Role.ORGANISATION_ADMIN, Role.SYSTEM_ADMIN}

"""Who may take, see and complete callback requests and messages (S17)."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from kontaktcenter.accounts.roles import Role

if TYPE_CHECKING:
    from kontaktcenter.accounts.models import User
    from kontaktcenter.directory.models import CallbackRequest

# The people who answer calls and so take requests for those they could not reach.
CALLBACK_TAKERS = frozenset(
    {Role.SWITCHBOARD_OPERATOR, Role.TIER1_AGENT, Role.TIER2_AGENT, Role.SUPERVISOR}
)
# Who follows up every request, so none is left lying when its recipient is away.
CALLBACK_OVERSEERS = frozenset({Role.SUPERVISOR, Role.SWITCHBOARD_OPERATOR})


def may_take_callbacks(user: User) -> bool:
    return user.is_active and user.role in CALLBACK_TAKERS


def sees_all_callbacks(user: User) -> bool:
    return user.is_active and user.role in CALLBACK_OVERSEERS


def may_complete_callback(
    user: User, callback: CallbackRequest, own_person_ids: Collection[int]
) -> bool:
    """The person it is for, a member of its function, or an overseer."""
    if sees_all_callbacks(user):
        return True
    if callback.person_id is not None:
        return callback.person_id in own_person_ids
    if callback.function is None:
        return False
    return callback.function.members.filter(pk__in=own_person_ids).exists()

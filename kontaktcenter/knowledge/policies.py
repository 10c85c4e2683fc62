"""Who may read and change the knowledge base (S3, S12, S16).

Residents and everyone else read published public articles; staff read every published
article. Organisation administrators write and approve their own organisation's articles
(and those of the units below it), system administrators all of them; an article's owner may
write new versions of it. A version is approved by someone other than its author. The command
line (a system actor) may do everything, as an operator with shell access can.
"""

from __future__ import annotations

from collections.abc import Iterable

from kontaktcenter.accounts.actors import Actor, SystemActor, organisation_scope
from kontaktcenter.accounts.models import User
from kontaktcenter.accounts.roles import Role
from kontaktcenter.knowledge.choices import AUDIENCES_FOR_AGENTS, AUDIENCES_FOR_RESIDENTS

_EDITORS = frozenset({Role.ORGANISATION_ADMIN, Role.SYSTEM_ADMIN})
_REPORT_READERS = frozenset({Role.ORGANISATION_ADMIN, Role.SYSTEM_ADMIN, Role.SUPERVISOR})


def readable_audiences(actor: Actor) -> tuple[str, ...]:
    """The audiences whose published articles the actor may read and find."""
    if isinstance(actor, User | SystemActor):
        return AUDIENCES_FOR_AGENTS
    return AUDIENCES_FOR_RESIDENTS


def may_edit(actor: Actor, *, organisation_id: int, owner_id: int | None = None) -> bool:
    if isinstance(actor, SystemActor):
        return True
    if not isinstance(actor, User):
        return False
    if actor.role == Role.SYSTEM_ADMIN:
        return True
    if owner_id is not None and owner_id == actor.pk:
        return True
    return actor.role in _EDITORS and organisation_id in organisation_scope(actor)


def may_approve(actor: Actor, *, organisation_id: int) -> bool:
    if isinstance(actor, SystemActor):
        return True
    if not isinstance(actor, User) or actor.role not in _EDITORS:
        return False
    return actor.role == Role.SYSTEM_ADMIN or organisation_id in organisation_scope(actor)


def may_write_any(actor: Actor) -> bool:
    """Whether the actor may write articles for some organisation (shows the desk's button)."""
    return isinstance(actor, SystemActor) or (isinstance(actor, User) and actor.role in _EDITORS)


def may_manage_synonyms(actor: Actor) -> bool:
    return may_write_any(actor)


def report_organisations(actor: Actor) -> Iterable[int] | None:
    """The organisations whose use report the actor may read: None means all, () none."""
    if isinstance(actor, SystemActor):
        return None
    if not isinstance(actor, User) or actor.role not in _REPORT_READERS:
        return ()
    if actor.role in {Role.SYSTEM_ADMIN, Role.SUPERVISOR}:
        return None
    return organisation_scope(actor)

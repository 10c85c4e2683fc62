"""Who may see and do what with contacts and cases: the one place that decides it.

Each rule is written once and answers two questions the same way:
- "which cases may this actor see (or act on)?" as a query filter, for lists, search and queues;
- "may this actor do X to this case?", for single reads, services and the desk's buttons.
`may()` evaluates the very filter that `cases_for()` returns, on the case in hand, so the two
cannot drift apart (tests/cases/test_policies.py checks them against each other for the cast).

What an actor may not see is *not found*, never *forbidden*: references are sequential, and a
"forbidden" would tell the caller that a confidential case with that number exists.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol, cast

from django.db.models import Q

from kontaktcenter.accounts.actors import (
    Actor,
    ApiClientActor,
    ResidentActor,
    SystemActor,
    organisation_scope,
)
from kontaktcenter.accounts.models import User
from kontaktcenter.accounts.roles import CONTACT_CENTER_ROLES, ORGANISATION_ROLES, Role

if TYPE_CHECKING:
    from kontaktcenter.directory.models import Organisation


class CaseAction(StrEnum):
    VIEW = "view"
    # Change status, assign, reply to the resident, close, reopen, recategorise.
    HANDLE = "handle"
    ADD_NOTE = "add_note"
    # Files from the resident or for the case; whoever may add notes, and the resident on
    # their own case through the e-service.
    ADD_ATTACHMENT = "add_attachment"
    # Link, mark as duplicate, merge, split and parent/child: handling on both sides.
    RELATE = "relate"


class CaseFacts(Protocol):
    """What the rules look at; a Case satisfies it."""

    pk: int
    responsible_organisation_id: int
    is_confidential: bool

    @property
    def responsible_organisation(self) -> Organisation: ...


_NOTHING = Q(pk__in=[])
_EVERYTHING = Q()


def _view(actor: Actor) -> Q:
    if isinstance(actor, SystemActor):
        return _EVERYTHING
    if isinstance(actor, ResidentActor):
        # A tracking code opens one case, the resident's own, confidential or not.
        return _NOTHING if actor.case_id is None else Q(pk=actor.case_id)
    if isinstance(actor, ApiClientActor):
        return Q(responsible_organisation_id__in=organisation_scope(actor), is_confidential=False)
    if actor.role in ORGANISATION_ROLES:
        return _organisation_cases(actor)
    if actor.role in CONTACT_CENTER_ROLES or actor.role == Role.SYSTEM_ADMIN:
        return Q(is_confidential=False)
    return _NOTHING


def _organisation_cases(actor: User) -> Q:
    """Secrecy (S10): confidential cases are read only by the case officers of the responsible
    organisation (a district and its units); its administrators manage categories, queues and
    endpoints and see its other cases, not the confidential ones."""
    own = Q(responsible_organisation_id__in=organisation_scope(actor))
    if actor.role == Role.CASE_OFFICER:
        return own
    return own & Q(is_confidential=False)


def _handle(actor: Actor) -> Q:
    if isinstance(actor, SystemActor):
        return _EVERYTHING
    if isinstance(actor, ResidentActor):
        return _NOTHING
    if isinstance(actor, ApiClientActor):
        return _view(actor)
    if actor.role in ORGANISATION_ROLES:
        return _organisation_cases(actor)
    if actor.role in {Role.TIER2_AGENT, Role.SUPERVISOR}:
        # Tier 2 works the contact center's own cases (S4), never confidential ones.
        return Q(responsible_organisation__is_operator=True, is_confidential=False)
    return _NOTHING


def _add_note(actor: Actor) -> Q:
    # Agents add what a resident says on a follow-up call; handlers add their own notes.
    if isinstance(actor, User) and actor.role in CONTACT_CENTER_ROLES:
        return _handle(actor) | Q(is_confidential=False)
    return _handle(actor)


def _add_attachment(actor: Actor) -> Q:
    if isinstance(actor, ResidentActor):
        return _view(actor)
    return _add_note(actor)


_RULES = {
    CaseAction.VIEW: _view,
    CaseAction.HANDLE: _handle,
    CaseAction.ADD_NOTE: _add_note,
    CaseAction.ADD_ATTACHMENT: _add_attachment,
    # Relating cases changes how they are handled, so it takes the right to handle them.
    CaseAction.RELATE: _handle,
}


def cases_for(actor: Actor, action: CaseAction = CaseAction.VIEW) -> Q:
    """The filter selecting every case the actor may `action`."""
    return _RULES[action](actor)


def may(actor: Actor, action: CaseAction, case: CaseFacts) -> bool:
    return _matches(cases_for(actor, action), case)


def _matches(rule: Q, case: CaseFacts) -> bool:
    """Evaluate a rule built by this module on one case in memory, without a query."""
    if not rule.children:
        return not rule.negated
    results = []
    children = cast("list[Q | tuple[str, Any]]", rule.children)
    for child in children:
        if isinstance(child, Q):
            results.append(_matches(child, case))
            continue
        lookup, value = child
        path = lookup.split("__")
        is_in = path[-1] == "in"
        actual: object = case
        for name in path[:-1] if is_in else path:
            actual = getattr(actual, name)
        results.append(actual in value if is_in else actual == value)
    outcome = all(results) if rule.connector == Q.AND else any(results)
    return outcome != rule.negated


# --- what is not about one case ---------------------------------------------------------------


def may_register_contacts(actor: Actor) -> bool:
    if isinstance(actor, SystemActor | ApiClientActor):
        return True
    if isinstance(actor, User):
        return actor.role in CONTACT_CENTER_ROLES or actor.role == Role.SWITCHBOARD_OPERATOR
    return False


def may_create_cases(actor: Actor) -> bool:
    """Agents register cases; residents through the e-service, integrations and the e-mail
    reader do it themselves."""
    if isinstance(actor, User):
        return actor.role in CONTACT_CENTER_ROLES
    return isinstance(actor, SystemActor | ApiClientActor) or (
        isinstance(actor, ResidentActor) and actor.case_id is None
    )


def may_search_cases(actor: Actor) -> bool:
    return isinstance(actor, User) and (
        actor.role in ORGANISATION_ROLES
        or actor.role in CONTACT_CENTER_ROLES
        or actor.role == Role.SYSTEM_ADMIN
    )


def may_view_queue(actor: Actor, organisation_id: int) -> bool:
    if isinstance(actor, SystemActor):
        return True
    if not isinstance(actor, User):
        return False
    if actor.role in ORGANISATION_ROLES:
        return organisation_id in organisation_scope(actor)
    return actor.role in {Role.TIER2_AGENT, Role.SUPERVISOR, Role.SYSTEM_ADMIN}


def queue_shows_confidential(actor: Actor) -> bool:
    return isinstance(actor, SystemActor) or (
        isinstance(actor, User) and actor.role == Role.CASE_OFFICER
    )


def may_audit_access_log(actor: Actor) -> bool:
    """The auditor reviews who read confidential cases of their organisation (S10)."""
    return isinstance(actor, User) and actor.role == Role.AUDITOR


def may_read_register(actor: Actor) -> bool:
    """The register of incoming records (diarium) answers official-records requests: the
    organisation's auditor (registrar) and the system administrators read it (issue 16)."""
    return isinstance(actor, User) and actor.role in {Role.AUDITOR, Role.SYSTEM_ADMIN}


def may_scrub_personal_data(actor: Actor) -> bool:
    """Erasure is done by the retention job or a system administrator on request (GDPR)."""
    return isinstance(actor, SystemActor) or (
        isinstance(actor, User) and actor.role == Role.SYSTEM_ADMIN
    )


def may_manage_case_types(actor: Actor, organisation_id: int) -> bool:
    """An organisation's administrator sets up its case types, queues and deadlines (S4)."""
    if isinstance(actor, SystemActor):
        return True
    if not isinstance(actor, User):
        return False
    if actor.role == Role.SYSTEM_ADMIN:
        return True
    return actor.role == Role.ORGANISATION_ADMIN and organisation_id in organisation_scope(actor)


def may_see_deadline_report(actor: Actor) -> bool:
    """The supervisor's list of cases near or past their deadline; administrators see their
    organisation's."""
    return isinstance(actor, User) and actor.role in {
        Role.SUPERVISOR,
        Role.ORGANISATION_ADMIN,
        Role.SYSTEM_ADMIN,
    }

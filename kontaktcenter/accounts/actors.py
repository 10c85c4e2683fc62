"""Who acts: a staff user, a resident with a tracking code, an integration, or the system.

Every service takes `actor: Actor`. A logged-in staff member is their own `User`; the other
three are small values made where the request enters (the e-service, the API, a command or the
worker). Case events and the access log store each actor's kind and a readable label, so the
history says "Karin Holm", "Resident (tracking code)", "Integration: Felanmälan Trafik" or
"System: e-mail reader" without needing an account behind every change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from kontaktcenter.accounts.models import User
from kontaktcenter.directory.selectors import organisation_with_descendants

if TYPE_CHECKING:
    from kontaktcenter.accounts.models import IntegrationKey


class ActorKind(models.TextChoices):
    STAFF = "staff", _("Staff")
    RESIDENT = "resident", _("Resident")
    API_CLIENT = "api_client", _("Integration")
    SYSTEM = "system", _("System")


@dataclass(frozen=True)
class ResidentActor:
    """A resident without an account. `case_id` is the case their tracking code opened;
    None for a resident who is only now writing in through the e-service."""

    case_id: int | None = None


@dataclass(frozen=True)
class ApiClientActor:
    """An integration acting for its organisation and the units below it: an API client with
    its key, or a receiving system reporting back on a delivery endpoint (`key_id` None)."""

    key_id: int | None
    name: str
    organisation_id: int
    # accounts.scopes.Scope values; the API checks them, the case rules do not.
    scopes: frozenset[str] = field(default=frozenset(), compare=False)

    @classmethod
    def of(cls, key: IntegrationKey) -> ApiClientActor:
        return cls(
            key_id=key.pk,
            name=key.name,
            organisation_id=key.organisation_id,
            scopes=frozenset(key.scopes),
        )


@dataclass(frozen=True)
class SystemActor:
    """The software itself: the worker, the e-mail reader, an import. `name` says which."""

    name: str
    # Not part of equality: a description for people reading the history.
    description: str = field(default="", compare=False)


Actor = User | ResidentActor | ApiClientActor | SystemActor

WORKER = SystemActor("worker")
EMAIL_READER = SystemActor("email-reader")


def actor_kind(actor: Actor) -> ActorKind:
    if isinstance(actor, User):
        return ActorKind.STAFF
    if isinstance(actor, ResidentActor):
        return ActorKind.RESIDENT
    if isinstance(actor, ApiClientActor):
        return ActorKind.API_CLIENT
    return ActorKind.SYSTEM


def actor_label(actor: Actor) -> str:
    """A readable name stored with events. A resident is never named here: their name is
    personal data and lives only in the case's party record (so erasure finds it)."""
    if isinstance(actor, User):
        return str(actor)[:160]
    if isinstance(actor, ResidentActor):
        return "resident"
    if isinstance(actor, ApiClientActor):
        return actor.name[:160]
    return actor.name[:160]


def staff_user(actor: Actor) -> User | None:
    """The account behind the actor, for foreign keys; None for everyone else."""
    return actor if isinstance(actor, User) else None


def organisation_scope(actor: Actor) -> frozenset[int]:
    """The organisations an actor acts for: its own and every unit below it."""
    if isinstance(actor, User):
        cached: frozenset[int] | None = getattr(actor, "_organisation_scope", None)
        if cached is None:
            cached = organisation_with_descendants(actor.organisation_id)
            actor._organisation_scope = cached  # type: ignore[attr-defined]
        return cached
    if isinstance(actor, ApiClientActor):
        return organisation_with_descendants(actor.organisation_id)
    return frozenset()


_SYSTEM_NAMES = {
    WORKER.name: _("worker"),
    EMAIL_READER.name: _("e-mail reader"),
}


def describe_actor(kind: str, label: str) -> str:
    """How the history names a stored actor, in the reader's language."""
    if kind == ActorKind.STAFF:
        return label
    if kind == ActorKind.RESIDENT:
        return str(_("The resident"))
    if kind == ActorKind.API_CLIENT:
        return str(_("Integration: %(name)s") % {"name": label})
    return str(_("System: %(name)s") % {"name": _SYSTEM_NAMES.get(label, label)})

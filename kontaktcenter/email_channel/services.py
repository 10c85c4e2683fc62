"""Setting up functional mailboxes."""

from __future__ import annotations

from django.db import transaction

from kontaktcenter.accounts.actors import Actor, SystemActor
from kontaktcenter.accounts.models import User
from kontaktcenter.accounts.roles import Role
from kontaktcenter.core.email_addresses import check_email
from kontaktcenter.core.errors import PermissionDenied, ValidationError
from kontaktcenter.directory.models import Organisation
from kontaktcenter.email_channel import errors
from kontaktcenter.email_channel.models import Mailbox
from kontaktcenter.routing.choices import Handling
from kontaktcenter.routing.models import Category

# New mail carries no district and names no organisation it is about: the category must route
# without either.
_ROUTABLE = {Handling.ORGANISATION, Handling.CONTACT_CENTER}


def may_manage_mailboxes(actor: Actor) -> bool:
    return isinstance(actor, SystemActor) or (
        isinstance(actor, User) and actor.role == Role.SYSTEM_ADMIN
    )


@transaction.atomic
def mailbox_add(
    *,
    actor: Actor,
    organisation: Organisation,
    address: str,
    category: Category,
    host: str,
    port: int,
    username: str,
    password: str,
    use_tls: bool = True,
    folder: str = "INBOX",
    language: str = "sv",
) -> Mailbox:
    if not may_manage_mailboxes(actor):
        raise PermissionDenied(errors.MAILBOX_NOT_ALLOWED)
    address = check_email(address.strip(), field="address")
    if Mailbox.objects.filter(address__iexact=address).exists():
        raise ValidationError(errors.MAILBOX_DUPLICATE, field="address")
    if category.handling not in _ROUTABLE or not category.is_active:
        raise ValidationError(errors.MAILBOX_CATEGORY_UNROUTABLE, field="category")
    return Mailbox.objects.create(
        organisation=organisation,
        address=address,
        category=category,
        host=host,
        port=port,
        use_tls=use_tls,
        username=username,
        password=password,
        folder=folder,
        language=language,
    )

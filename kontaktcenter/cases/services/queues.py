"""An organisation's named work queues, set up by its administrator."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from kontaktcenter.accounts.actors import Actor
from kontaktcenter.cases import errors, policies
from kontaktcenter.cases.models import CaseQueue
from kontaktcenter.cases.services._common import clean_text, require
from kontaktcenter.core.errors import ValidationError
from kontaktcenter.directory.models import Organisation


@transaction.atomic
def case_queue_save(
    *,
    actor: Actor,
    organisation: Organisation,
    name: str,
    is_active: bool = True,
    queue: CaseQueue | None = None,
) -> CaseQueue:
    require(policies.may_manage_case_types(actor, organisation.pk), errors.CASE_TYPES_NOT_ALLOWED)
    cleaned = clean_text(name, field="name", label=_("Name"), required=True, max_length=120)
    if queue is None:
        queue = CaseQueue(organisation=organisation)
    elif queue.organisation_id != organisation.pk:
        raise ValidationError(errors.QUEUE_OUTSIDE, field="queue", queue=queue.name)
    queue.name = cleaned
    queue.is_active = is_active
    try:
        with transaction.atomic():
            queue.save()
    except IntegrityError:
        raise ValidationError(errors.QUEUE_NAME_TAKEN, field="name", name=cleaned) from None
    return queue

"""The access log: every read of a confidential case, once per request (S10).

Selectors never write; the interface that showed confidential cases to someone calls
`record_reads` with what it showed and why, in the same request.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from django.db import transaction

from kontaktcenter.accounts.actors import Actor, actor_kind, actor_label, staff_user
from kontaktcenter.cases.choices import AccessPurpose
from kontaktcenter.cases.models import Case, CaseAccess
from kontaktcenter.core.clock import now


class ReadCase(Protocol):
    pk: int
    is_confidential: bool


def record_reads(
    *, actor: Actor, cases: Iterable[ReadCase], purpose: AccessPurpose, request_id: str
) -> int:
    """Log the confidential ones among `cases`; returns how many new entries were written.

    The unique (request, case) constraint keeps it to one entry per case and request however
    often a request reads a case (a page that is also a search hit, a retried call).
    """
    confidential_ids = sorted({case.pk for case in cases if case.is_confidential})
    if not confidential_ids:
        return 0
    with transaction.atomic():
        return _write(actor, confidential_ids, purpose, request_id)


def _write(
    actor: Actor, confidential_ids: list[int], purpose: AccessPurpose, request_id: str
) -> int:
    already = set(
        CaseAccess.objects.filter(request_id=request_id, case_id__in=confidential_ids).values_list(
            "case_id", flat=True
        )
    )
    at = now()
    kind, label, user = actor_kind(actor), actor_label(actor), staff_user(actor)
    entries = [
        CaseAccess(
            case_id=case_id,
            actor_kind=kind,
            actor_label=label,
            actor=user,
            purpose=purpose,
            accessed_at=at,
            request_id=request_id,
        )
        for case_id in confidential_ids
        if case_id not in already
    ]
    CaseAccess.objects.bulk_create(entries, ignore_conflicts=True)
    return len(entries)


def record_refused(
    *, actor: Actor, reference: str, purpose: AccessPurpose, request_id: str
) -> bool:
    """Log an attempt the policy refused to read the confidential case `reference`.

    The actor was answered "not found" like for a case that does not exist; the log still
    names the case, so an auditor sees who tried. A reference that names no confidential case
    writes nothing. Returns whether an entry was written.
    """
    case_id = (
        Case.objects.filter(reference=reference.strip().upper(), is_confidential=True)
        .values_list("pk", flat=True)
        .first()
    )
    if case_id is None:
        return False
    with transaction.atomic():
        created = CaseAccess.objects.bulk_create(
            [
                CaseAccess(
                    case_id=case_id,
                    actor_kind=actor_kind(actor),
                    actor_label=actor_label(actor),
                    actor=staff_user(actor),
                    purpose=purpose,
                    accessed_at=now(),
                    request_id=request_id,
                    refused=True,
                )
            ],
            ignore_conflicts=True,
        )
    return bool(created)

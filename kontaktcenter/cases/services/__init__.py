"""Every write of contacts and cases. Each function is one transaction that also writes the
case events, so the history always matches the case.

The services live in one module per sub-domain; this package is their public surface.
"""

from kontaktcenter.cases.services.access import record_reads
from kontaktcenter.cases.services.attachments import (
    attachment_add,
    attachment_check_size,
    attachment_open,
)
from kontaktcenter.cases.services.categorisation import case_recategorise
from kontaktcenter.cases.services.communication import case_add_note, case_reply
from kontaktcenter.cases.services.contacts import (
    contact_answer_directly,
    contact_refer,
    contact_start,
    contact_transfer,
)
from kontaktcenter.cases.services.intake import case_create
from kontaktcenter.cases.services.lifecycle import (
    case_assign,
    case_change_status,
    case_close,
    case_reopen,
)
from kontaktcenter.cases.services.parties import party_scrub
from kontaktcenter.cases.services.relations import (
    case_link,
    case_mark_duplicate,
    case_merge,
    case_set_parent,
    case_split,
    case_unlink,
)

__all__ = [
    "attachment_add",
    "attachment_check_size",
    "attachment_open",
    "case_add_note",
    "case_assign",
    "case_change_status",
    "case_close",
    "case_create",
    "case_link",
    "case_mark_duplicate",
    "case_merge",
    "case_recategorise",
    "case_reopen",
    "case_reply",
    "case_set_parent",
    "case_split",
    "case_unlink",
    "contact_answer_directly",
    "contact_refer",
    "contact_start",
    "contact_transfer",
    "party_scrub",
    "record_reads",
]

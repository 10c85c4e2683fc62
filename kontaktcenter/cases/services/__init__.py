"""Every write of contacts and cases. Each function is one transaction that also writes the
case events, so the history always matches the case.

The services live in one module per sub-domain; this package is their public surface.
"""

from kontaktcenter.cases.services.access import record_reads
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
from kontaktcenter.cases.services.written import (
    WriteOutcome,
    case_resident_write,
    satisfaction_answer,
    written_inquiry_register,
)

__all__ = [
    "WriteOutcome",
    "case_add_note",
    "case_assign",
    "case_change_status",
    "case_close",
    "case_create",
    "case_recategorise",
    "case_reopen",
    "case_reply",
    "case_resident_write",
    "contact_answer_directly",
    "contact_refer",
    "contact_start",
    "contact_transfer",
    "party_scrub",
    "record_reads",
    "satisfaction_answer",
    "written_inquiry_register",
]

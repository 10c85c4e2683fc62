"""Every write of contacts and cases. Each function is one transaction that also writes the
case events, so the history always matches the case.

The services live in one module per sub-domain; this package is their public surface.
"""

from kontaktcenter.cases.services._common import CaseChangedError
from kontaktcenter.cases.services.access import record_reads, record_refused
from kontaktcenter.cases.services.attachments import (
    attachment_add,
    attachment_check_size,
    attachment_open,
)
from kontaktcenter.cases.services.case_types import (
    answer_template_save,
    case_fill_form,
    case_tick_checklist,
    case_type_save,
    case_type_values_clean,
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
    case_bulk_assign,
    case_change_status,
    case_close,
    case_forward,
    case_move_to_queue,
    case_reopen,
    case_resolve,
    case_set_priority,
)
from kontaktcenter.cases.services.parties import party_scrub
from kontaktcenter.cases.services.queues import case_queue_save
from kontaktcenter.cases.services.relations import (
    case_link,
    case_mark_duplicate,
    case_merge,
    case_set_parent,
    case_split,
    case_unlink,
)
from kontaktcenter.cases.services.written import (
    WriteOutcome,
    case_resident_write,
    satisfaction_answer,
    written_inquiry_register,
)

__all__ = [
    "CaseChangedError",
    "WriteOutcome",
    "answer_template_save",
    "attachment_add",
    "attachment_check_size",
    "attachment_open",
    "case_add_note",
    "case_assign",
    "case_bulk_assign",
    "case_change_status",
    "case_close",
    "case_create",
    "case_fill_form",
    "case_forward",
    "case_link",
    "case_mark_duplicate",
    "case_merge",
    "case_move_to_queue",
    "case_queue_save",
    "case_recategorise",
    "case_reopen",
    "case_reply",
    "case_resident_write",
    "case_resolve",
    "case_set_parent",
    "case_set_priority",
    "case_split",
    "case_tick_checklist",
    "case_type_save",
    "case_type_values_clean",
    "case_unlink",
    "contact_answer_directly",
    "contact_refer",
    "contact_start",
    "contact_transfer",
    "party_scrub",
    "record_reads",
    "record_refused",
    "satisfaction_answer",
    "written_inquiry_register",
]

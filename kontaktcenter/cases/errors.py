"""The codes of everything the case services refuse, with their words.

Declared in one place so interfaces, tests and API clients share one vocabulary.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kontaktcenter.core.errors import error_code

# contacts
CONTACTS_NOT_ALLOWED = error_code("contact.not_allowed", _("Your role cannot register contacts."))
CONTACT_NOT_YOURS = error_code(
    "contact.not_yours", _("Only the agent who took the contact can finish it.")
)
CONTACT_FINISHED = error_code("contact.finished", _("This contact has already been finished."))
CONTACT_NOT_FOUND = error_code("contact.not_found", _("Contact not found."))
UNKNOWN_CHANNEL = error_code("channel.unknown", _("Unknown channel."))

# intake
CREATE_NOT_ALLOWED = error_code("case.create_not_allowed", _("Your role cannot create cases."))
RECEIVED_IN_FUTURE = error_code(
    "received_at.in_future", _("The time the resident got in touch cannot be in the future.")
)
RECEIVED_TOO_OLD = error_code(
    "received_at.too_old",
    _("The time the resident got in touch may be at most %(days)d days back."),
)
RECEIVED_NAIVE = error_code(
    "received_at.no_time_zone", _("Give the time the resident got in touch with its time zone.")
)

# routing at intake and recategorisation
REFERRAL_ONLY = error_code(
    "routing.referral_only",
    _("This category is referred to the responsible unit; register the contact as referred."),
)
DISTRICT_MISSING = error_code(
    "routing.district_missing",
    _("Choose the resident's district: this category is handled by the district administration."),
)
CONCERNED_MISSING = error_code(
    "routing.concerned_missing",
    _("Choose the organisation the feedback is about: it goes to that organisation."),
)
CATEGORY_INACTIVE = error_code("routing.category_inactive", _("This category is no longer in use."))
NOT_A_DISTRICT = error_code(
    "routing.not_a_district", _("The chosen district is not a district administration.")
)

# reading and handling a case
CASE_NOT_FOUND = error_code("case.not_found", _("No case with reference %(reference)s."))
QUEUE_NOT_FOUND = error_code("queue.not_found", _("There is no such queue for you."))
HANDLE_NOT_ALLOWED = error_code("case.handle_not_allowed", _("You cannot handle this case."))
NOTE_NOT_ALLOWED = error_code("case.note_not_allowed", _("You cannot add notes to this case."))
ASSIGN_CLOSED = error_code(
    "case.assign_closed", _("A closed case cannot be assigned; reopen it first.")
)
ASSIGNEE_OUTSIDE = error_code(
    "case.assignee_outside", _("%(name)s cannot handle cases of this organisation.")
)
STATUS_CHANGE_REFUSED = error_code(
    "case.status_change_refused",
    _("A case with status %(before)s cannot be changed to %(after)s."),
)
REPLY_CLOSED = error_code("case.reply_closed", _("Reopen the case before you reply."))
ALREADY_CLOSED = error_code("case.already_closed", _("The case is already closed."))
NOT_CLOSED = error_code("case.not_closed", _("Only a resolved or closed case can be reopened."))
RECATEGORISE_CLOSED = error_code(
    "case.recategorise_closed", _("Reopen the case before you change its category.")
)

# lifecycle, queues and deadlines (issue 7)
CASE_CHANGED = error_code(
    "case.changed",
    _(
        "Someone changed the case after you opened it (%(changes)s). Nothing of yours was "
        "saved: check the case as it is now and try again."
    ),
)
REASON_REQUIRED = error_code(
    "case.reason_required", _("Say why: the case is already assigned to %(name)s.")
)
TRANSITION_NOT_ALLOWED = error_code(
    "case.transition_not_allowed", _("Your role cannot make this change to a case.")
)
RESOLVE_REFUSED = error_code(
    "case.resolve_refused", _("Only an open case can be marked as resolved.")
)
FORWARD_REFUSED = error_code(
    "case.forward_refused", _("A closed case cannot be forwarded; reopen it first.")
)
FORWARD_SAME = error_code("case.forward_same", _("The case is already with %(organisation)s."))
FORWARD_TARGET = error_code("case.forward_target", _("%(organisation)s does not receive cases."))
QUEUE_OUTSIDE = error_code(
    "case.queue_outside", _("The queue %(queue)s belongs to another organisation.")
)
BULK_NOT_ALLOWED = error_code(
    "case.bulk_not_allowed", _("Only administrators and supervisors assign many cases at once.")
)
BULK_EMPTY = error_code("case.bulk_empty", _("Choose at least one case."))
BULK_CASE_REFUSED = error_code(
    "case.bulk_case_refused", _("%(reference)s: %(problem)s Nothing was assigned.")
)
UNKNOWN_PRIORITY = error_code("case.unknown_priority", _("Unknown priority."))

# personal data
SCRUB_NOT_ALLOWED = error_code(
    "party.scrub_not_allowed", _("Only system administrators can remove a resident's data.")
)

# case types and answer templates
CASE_TYPES_NOT_ALLOWED = error_code(
    "case_type.not_allowed", _("Only the organisation's administrator can change case types.")
)
CASE_TYPE_CATEGORY_TAKEN = error_code(
    "case_type.category_taken", _("The category %(category)s already has a case type.")
)
CASE_TYPE_CATEGORY_OUTSIDE = error_code(
    "case_type.category_outside",
    _("The category %(category)s is handled by another organisation."),
)
CASE_TYPE_MISSING = error_code(
    "case_type.missing", _("The case's category has no case type with a form.")
)
TEMPLATE_NOT_FOUND = error_code("answer_template.not_found", _("No such answer template."))
CHECKLIST_ITEM_UNKNOWN = error_code(
    "case_type.checklist_item_unknown", _("The checklist has no such item.")
)
QUEUE_NAME_TAKEN = error_code(
    "queue.name_taken", _("The organisation already has a queue called %(name)s.")
)

# attachments
ATTACHMENT_EMPTY = error_code("attachment.empty", _("The file %(name)s is empty."))
ATTACHMENT_TOO_LARGE = error_code(
    "attachment.too_large", _("The file %(name)s is larger than %(max)d MB.")
)
ATTACHMENT_TYPE_NOT_ALLOWED = error_code(
    "attachment.type_not_allowed",
    _("Files of the type %(type)s cannot be attached (%(name)s)."),
)
ATTACHMENT_NOT_ALLOWED = error_code(
    "attachment.not_allowed", _("You cannot add attachments to this case.")
)
ATTACHMENT_NOT_FOUND = error_code("attachment.not_found", _("Attachment not found."))
ATTACHMENT_FILE_MISSING = error_code(
    "attachment.file_missing",
    _("The file of this attachment is missing from the storage; tell the system administrator."),
)

# related cases
RELATION_TO_ITSELF = error_code(
    "case_relation.itself", _("A case cannot be linked, merged or parented to itself.")
)
RELATION_NOT_ALLOWED = error_code(
    "case_relation.not_allowed", _("You cannot change how this case relates to others.")
)
LINK_NOT_FOUND = error_code("case_link.not_found", _("These cases are not linked."))
RELATION_CONFIDENTIALITY = error_code(
    "case_relation.confidentiality",
    _("A confidential case can only be merged or parented with another confidential case."),
)
ALREADY_MERGED = error_code(
    "case.already_merged", _("Case %(reference)s has already been merged into %(survivor)s.")
)
MERGE_CLOSED_SURVIVOR = error_code(
    "case.merge_into_closed", _("Reopen %(reference)s before you merge another case into it.")
)
PARENT_CYCLE = error_code(
    "case.parent_cycle", _("%(reference)s is already below this case; choose another parent.")
)
PARENT_CLOSED = error_code(
    "case.parent_closed", _("The parent case %(reference)s is closed; reopen it first.")
)
OPEN_CHILDREN = error_code(
    "case.open_children",
    _("Close the child cases first: %(references)s are still open."),
)
SPLIT_CLOSED = error_code("case.split_closed", _("Reopen the case before you split it."))
ATTACHMENT_NOT_ON_CASE = error_code(
    "attachment.not_on_case", _("The chosen attachment does not belong to this case.")
)

# the access log
ACCESS_LOG_NOT_ALLOWED = error_code(
    "access_log.not_allowed", _("Only auditors can search the access log.")
)
ACCESS_LOG_PERIOD = error_code(
    "access_log.period", _("The period's first day must not be after its last day.")
)
# written inquiries: the e-service and the e-mail channel
WRITTEN_CHANNEL_ONLY = error_code(
    "inquiry.written_channel_only", _("Only e-service and e-mail inquiries are registered here.")
)
SATISFACTION_NOT_CLOSED = error_code(
    "satisfaction.not_closed", _("You can rate the help you got once the case is closed.")
)
SATISFACTION_ANSWERED = error_code(
    "satisfaction.answered", _("You have already answered. Thank you!")
)
SATISFACTION_SCORE = error_code("satisfaction.score", _("Choose a rating from 1 to 5."))

# personal data requests (GDPR) and retention
PERSON_QUERY_EMPTY = error_code(
    "gdpr.query_empty", _("Give a personnummer, an e-mail address or a phone number.")
)
PERSON_QUERY_PERSONNUMMER = error_code(
    "gdpr.invalid_personnummer", _("Not a valid personnummer (YYYYMMDD-NNNN); check the digits.")
)
REGISTER_NOT_ALLOWED = error_code(
    "register.not_allowed", _("Only the registrar and system administrators read the register.")
)
REGISTER_PERIOD = error_code(
    "register.period", _("Choose a period of at most a year, with its first day before its last.")
)

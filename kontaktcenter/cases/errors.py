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
NOT_CLOSED = error_code("case.not_closed", _("Only a closed case can be reopened."))
RECATEGORISE_CLOSED = error_code(
    "case.recategorise_closed", _("Reopen the case before you change its category.")
)

# personal data
SCRUB_NOT_ALLOWED = error_code(
    "party.scrub_not_allowed", _("Only system administrators can remove a resident's data.")
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

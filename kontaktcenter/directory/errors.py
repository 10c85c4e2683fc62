"""The error codes of the directory, its search, imports and callback requests."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kontaktcenter.core.errors import error_code

DIRECTORY_NOT_AVAILABLE = error_code(
    "directory.not_available", _("The staff directory is not available here.")
)
PERSON_NOT_FOUND = error_code("directory.person_not_found", _("No such person in the directory."))
FUNCTION_NOT_FOUND = error_code(
    "directory.function_not_found", _("No such function in the directory.")
)
CALLBACK_NOT_FOUND = error_code("directory.callback_not_found", _("No such callback request."))
CALLBACK_ONE_RECIPIENT = error_code(
    "directory.callback_one_recipient",
    _("Choose either a person or a function to leave the request for."),
)
CALLBACK_NEEDS_CONTACT = error_code(
    "directory.callback_needs_contact",
    _("A callback request needs the caller's phone number or e-mail address."),
)
CALLBACK_DUE_IN_PAST = error_code(
    "directory.callback_due_in_past", _("The deadline has already passed.")
)
CALLBACK_ALREADY_DONE = error_code(
    "directory.callback_already_done", _("This request was already marked as done.")
)
CALLBACK_NOT_ALLOWED = error_code(
    "directory.callback_not_allowed",
    _("Only switchboard operators and contact-center agents take callback requests."),
)
CALLBACK_NOT_YOURS = error_code(
    "directory.callback_not_yours",
    _("Only the person it is for, a member of the function, or a supervisor can mark it done."),
)
ABSENCE_ENDS_BEFORE_START = error_code(
    "directory.absence_ends_before_start", _("The return must come after the start.")
)
ABSENCE_NOT_ALLOWED = error_code(
    "directory.absence_not_allowed",
    _("Only the person, switchboard operators and supervisors register absences."),
)

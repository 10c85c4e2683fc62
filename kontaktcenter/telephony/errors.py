"""The refusals of telephony, with their words."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kontaktcenter.core.errors import error_code

NOT_ALLOWED = error_code(
    "telephony.not_allowed", _("Only switchboard operators and supervisors may do this.")
)
NOT_AUTHENTICATED = error_code(
    "telephony.not_authenticated", _("Present a valid integration key as a Bearer token.")
)
BAD_BODY = error_code(
    "telephony.bad_body", _('The body must be JSON with a list of events under "events".')
)
BAD_EVENT = error_code("telephony.bad_event", _("Event %(index)d: %(problem)s"))
FILE_NOT_READABLE = error_code("telephony.file_not_readable", _("Cannot read %(path)s."))
CALL_NOT_FOUND = error_code("telephony.call_not_found", _("No such call."))
TRANSFER_NOT_FOUND = error_code("telephony.transfer_not_found", _("No such transfer."))
TRANSFER_CLOSED = error_code(
    "telephony.transfer_closed", _("The transfer has already been answered or taken back.")
)
CALLBACK_TAKEN = error_code(
    "telephony.callback_taken", _("%(name)s is already calling this caller back.")
)
NOT_MISSED = error_code("telephony.not_missed", _("Only missed calls are called back."))
TARGET_REQUIRED = error_code("telephony.target_required", _("Say whom the call is transferred to."))

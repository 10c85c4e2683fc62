"""Error codes of the API and Open311 interfaces."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kontaktcenter.core.errors import error_code

INVALID_REQUEST = error_code(
    "api.invalid_request", _("The request does not have the documented shape.")
)
UNKNOWN_CATEGORY = error_code("api.unknown_category", _("No category has the code %(code)s."))
UNKNOWN_DISTRICT = error_code(
    "api.unknown_district", _("No district administration has the code %(code)s.")
)
UNKNOWN_ORGANISATION = error_code(
    "api.unknown_organisation", _("No organisation has the code %(code)s.")
)
BAD_CURSOR = error_code("api.bad_cursor", _("The cursor is not one this API gave."))

"""The codes of everything the forwarding services refuse."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kontaktcenter.core.errors import error_code

NOT_ALLOWED = error_code(
    "endpoint.not_allowed",
    _("Only the organisation's administrators and system administrators manage its endpoints."),
)
ENDPOINT_NOT_FOUND = error_code("endpoint.not_found", _("No such delivery endpoint."))
DELIVERY_NOT_FOUND = error_code("delivery.not_found", _("No such delivery."))
SECRET_NOT_FOUND = error_code("endpoint.secret_not_found", _("No such signing secret."))
NAME_TAKEN = error_code(
    "endpoint.name_taken", _("%(organisation)s already has an endpoint called %(name)s.")
)
UNKNOWN_KIND = error_code("endpoint.unknown_kind", _("Unknown kind of endpoint."))
UNKNOWN_SENDS = error_code("endpoint.unknown_sends", _("Choose what the endpoint receives."))
URL_REQUIRED = error_code("endpoint.url_required", _("Give the address (URL) to send to."))
EMAIL_REQUIRED = error_code("endpoint.email_required", _("Give the mailbox to send to."))
SECRET_REQUIRED = error_code(
    "endpoint.secret_required",
    _("Give a signing secret of at least %(min)d characters; the receiver checks it."),
)
API_KEY_REQUIRED = error_code(
    "endpoint.api_key_required", _("Give the API key the Open311 system gave you.")
)
CATEGORIES_REQUIRED = error_code(
    "endpoint.categories_required", _("Choose at least one category to send.")
)
TOO_MANY_SECRETS = error_code(
    "endpoint.too_many_secrets",
    _("Two signing secrets are already active; retire the older one first."),
)
OPEN311_NEW_ONLY = error_code(
    "endpoint.open311_new_only",
    _("Open311 carries new service requests only, not status changes or closing."),
)
NOT_DEAD = error_code(
    "delivery.not_dead", _("Only a delivery that failed for good can be retried.")
)

# Status reports a receiving system sends back (inbound.py).
INBOUND_BAD_SIGNATURE = error_code(
    "inbound.bad_signature",
    _("The signature is missing, wrong or too old; sign with the endpoint's active secret."),
)
INBOUND_TOO_LARGE = error_code("inbound.too_large", _("The body may be at most %(max)d bytes."))
INBOUND_NOT_JSON = error_code("inbound.not_json", _("The body must be a JSON object in UTF-8."))
INBOUND_NOT_TEXT = error_code("inbound.not_text", _("%(label)s must be a string."))
INBOUND_NOTHING_REPORTED = error_code(
    "inbound.nothing_reported", _("Give at least one of reference, status and message.")
)
LAST_SECRET = error_code(
    "endpoint.last_secret",
    _("This is the webhook's last active secret; add its successor before you retire it."),
)
SECRETS_FOR_WEBHOOKS = error_code(
    "endpoint.secrets_for_webhooks", _("Only webhook endpoints sign their deliveries.")
)
UNKNOWN_CATEGORY = error_code(
    "endpoint.unknown_category", _("One of the categories does not exist.")
)

"""The error codes of the knowledge base."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kontaktcenter.core.errors import error_code

ARTICLE_NOT_FOUND = error_code("knowledge.article_not_found", _("There is no such article."))
NOT_ALLOWED = error_code(
    "knowledge.not_allowed", _("You may not change the articles of this organisation.")
)
NOT_AWAITING_APPROVAL = error_code(
    "knowledge.not_awaiting_approval", _("This version is not waiting for approval.")
)
NOT_A_DRAFT = error_code(
    "knowledge.not_a_draft", _("Only a draft or a returned version can be sent for approval.")
)
OWN_VERSION = error_code(
    "knowledge.own_version", _("Someone other than the author must approve a version.")
)
AUDIENCE_INVALID = error_code(
    "knowledge.audience_invalid", _("The audience must be internal, public or both.")
)
EMPTY_BODY = error_code("knowledge.empty_body", _("The article has no text."))
ESERVICE_PATH_INVALID = error_code(
    "knowledge.eservice_path_invalid", _("The e-service form must be a path beginning with /.")
)
SYNONYM_TOO_FEW = error_code(
    "knowledge.synonym_too_few", _("A synonym needs at least two different words.")
)
IMPORT_LINE_INVALID = error_code("knowledge.import_line_invalid", _("Line %(line)s: %(problem)s"))
ORGANISATION_UNKNOWN = error_code(
    "knowledge.organisation_unknown", _("There is no organisation called %(name)s.")
)

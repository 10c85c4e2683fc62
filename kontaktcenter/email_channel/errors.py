"""The codes of what the e-mail channel's services refuse."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kontaktcenter.core.errors import error_code

MAILBOX_NOT_ALLOWED = error_code(
    "mailbox.not_allowed", _("Only system administrators can set up mailboxes.")
)
MAILBOX_DUPLICATE = error_code("mailbox.duplicate", _("This mailbox is already set up."))
MAILBOX_CATEGORY_UNROUTABLE = error_code(
    "mailbox.category_unroutable",
    _(
        "New mail cannot become cases of this category: it needs the resident's district or "
        "is only referred. Choose a category its organisation handles."
    ),
)

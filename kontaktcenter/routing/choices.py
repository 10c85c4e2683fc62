"""How a category's cases are handled, importable without the models."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Handling(models.TextChoices):
    """Who handles a matter of this category once the contact center has taken it."""

    CONTACT_CENTER = "contact_center", _("Handled in the contact center (tier 2)")
    ORGANISATION = "organisation", _("Sent to the responsible organisation")
    RESIDENT_DISTRICT = "resident_district", _("Sent to the resident's district administration")
    REFERRAL = "referral", _("Referred to the responsible unit, no case is created")
    CONCERNED_ORGANISATION = (
        "concerned_organisation",
        _("Sent to the organisation the feedback is about"),
    )


class FeedbackKind(models.TextChoices):
    """Feedback on the city's services (synpunktshantering, S13); blank for other matters."""

    NONE = "", _("Not feedback")
    COMPLAINT = "complaint", _("Complaint")
    FEEDBACK = "feedback", _("Feedback")
    SUGGESTION = "suggestion", _("Suggestion")
    PRAISE = "praise", _("Praise")


class TierChoice(models.TextChoices):
    """What happens to a matter once routed (`rules.Tier`), for forms and pages."""

    ANSWER = "answer", _("Answer in tier 1")
    HANDLE = "handle", _("Handle in tier 2")
    FORWARD = "forward", _("Forward")
    REFER = "refer", _("Refer outside the city")


class TargetChoice(models.TextChoices):
    ORGANISATION = "organisation", _("An organisation or queue")
    RESIDENT_DISTRICT = "resident_district", _("The district of the address")
    OFFICER = "officer", _("A named officer")
    CATEGORY = "category", _("As the category says")
    EXTERNAL = "external", _("A body outside the city")


class SwitchboardChoice(models.TextChoices):
    ANY = "any", _("Either")
    JOINED = "joined", _("Has joined the common switchboard")
    NOT_JOINED = "not_joined", _("Has not joined the common switchboard")

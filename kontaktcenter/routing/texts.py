"""Why a case went where it went, in the reader's language.

Cases and their events store the reason as a code with the names at the time; the sentence is
made when someone reads it, so a case routed by a Swedish agent reads well in English too.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from kontaktcenter.routing.rules import RouteReason


def route_explanation(reason: str, *, category: str, organisation: str) -> str:
    values = {"category": category, "organisation": organisation}
    if reason == RouteReason.RESIDENT_DISTRICT.value:
        return _("%(category)s is handled by the resident's district: %(organisation)s.") % values
    if reason == RouteReason.CONTACT_CENTER.value:
        return _("%(category)s is handled in the contact center (tier 2).") % values
    if reason == RouteReason.CONCERNED_ORGANISATION.value:
        return _("%(category)s goes to the organisation it is about: %(organisation)s.") % values
    if reason == RouteReason.RULE.value:
        return _("A routing rule sends %(category)s to %(organisation)s.") % values
    if reason == RouteReason.CATEGORY_OWNER.value:
        return _("%(organisation)s is responsible for %(category)s.") % values
    return ""

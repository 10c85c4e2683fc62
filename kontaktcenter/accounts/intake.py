"""Cases that integrations send in (the REST API and Open311), with what came beside them.

The case itself is made by `cases.services.case_create`, the same service the desk uses, so the
routing, the secrecy rules and the history are the desk's. This module adds, in the same
transaction, the place as the sender gave it, a service request's attributes and the token an
Open311 client may follow the request by.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kontaktcenter.accounts.actors import ApiClientActor
from kontaktcenter.accounts.models import IntegrationIntake
from kontaktcenter.cases import services as case_services
from kontaktcenter.core.errors import NotFound, ValidationError, error_code
from kontaktcenter.routing import selectors as routing_selectors

if TYPE_CHECKING:
    from kontaktcenter.cases.models import Case
    from kontaktcenter.directory.models import Organisation
    from kontaktcenter.routing.models import Category

LATITUDE_RANGE = (Decimal(-90), Decimal(90))
LONGITUDE_RANGE = (Decimal(-180), Decimal(180))

OUT_OF_RANGE = error_code(
    "intake.position_out_of_range", _("%(label)s must be between %(low)s and %(high)s.")
)
POSITION_INCOMPLETE = error_code(
    "intake.position_incomplete", _("Give both latitude and longitude, or neither.")
)
TOKEN_NOT_FOUND = error_code("intake.token_not_found", _("No request has this token."))


@dataclass(frozen=True)
class Place:
    """Where the matter is, as the sender described it; every part is optional."""

    latitude: Decimal | None = None
    longitude: Decimal | None = None
    address: str = ""
    address_id: str = ""

    def clean(self) -> Place:
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(POSITION_INCOMPLETE, field="lat")
        for value, (low, high), name, label in (
            (self.latitude, LATITUDE_RANGE, "lat", _("Latitude")),
            (self.longitude, LONGITUDE_RANGE, "long", _("Longitude")),
        ):
            if value is not None and not low <= value <= high:
                raise ValidationError(OUT_OF_RANGE, field=name, label=label, low=low, high=high)
        return Place(
            latitude=None if self.latitude is None else round(self.latitude, 6),
            longitude=None if self.longitude is None else round(self.longitude, 6),
            address=" ".join(self.address.split())[:300],
            address_id=self.address_id.strip()[:120],
        )


@dataclass(frozen=True)
class Extras:
    attributes: dict[str, list[str]] = field(default_factory=dict)
    media_url: str = ""


def district_for_place(place: Place) -> Organisation | None:
    """The district a place lies in, for categories routed to the resident's district: by the
    position when there is one (a map pin), else by the address; None when the place is unknown
    or lies on a district border, so a category that needs the district is refused with
    `routing.district_missing` rather than guessed."""
    if place.latitude is not None and place.longitude is not None:
        found = routing_selectors.district_for_position(
            float(place.latitude), float(place.longitude)
        )
        if found.organisation is not None:
            return found.organisation
    if place.address.strip():
        return routing_selectors.district_for_address(place.address).organisation
    return None


@transaction.atomic
def integration_case_create(
    *,
    actor: ApiClientActor,
    category: Category,
    subject: str,
    channel: str,
    description: str = "",
    resident_name: str = "",
    resident_email: str = "",
    resident_phone: str = "",
    district: Organisation | None = None,
    place: Place | None = None,
    extras: Extras | None = None,
) -> tuple[Case, IntegrationIntake]:
    """Register a case sent by an integration and keep what came with it."""
    place = (place or Place()).clean()
    extras = extras or Extras()
    case = case_services.case_create(
        actor=actor,
        channel=channel,
        category=category,
        subject=subject,
        description=description,
        resident_name=resident_name,
        resident_email=resident_email,
        resident_phone=resident_phone,
        district=district or district_for_place(place),
    )
    assert actor.key_id is not None
    intake = IntegrationIntake.objects.create(
        case=case,
        integration_key_id=actor.key_id,
        token=secrets.token_hex(16),
        latitude=place.latitude,
        longitude=place.longitude,
        address=place.address,
        address_id=place.address_id,
        attributes=extras.attributes,
        media_url=extras.media_url[:500],
        created_at=case.created_at,
    )
    return case, intake


def intakes_of(case_ids: list[int]) -> dict[int, IntegrationIntake]:
    """What integrations sent with these cases, by case id (for lists, one query)."""
    return {
        intake.case_id: intake for intake in IntegrationIntake.objects.filter(case_id__in=case_ids)
    }


def intake_by_token(*, actor: ApiClientActor, token: str) -> IntegrationIntake:
    """A request by its token; only the key's organisation may follow it."""
    intake = (
        IntegrationIntake.objects.select_related("case", "integration_key")
        .filter(token=token.strip()[:64])
        .first()
    )
    if intake is None or intake.integration_key.organisation_id != actor.organisation_id:
        raise NotFound(TOKEN_NOT_FOUND)
    return intake


def intakes() -> QuerySet[IntegrationIntake]:
    return IntegrationIntake.objects.all()

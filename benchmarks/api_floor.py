"""Settings and URLs for the API intake benchmark: the application plus the framework floor.

The floor is a bare Django view that inserts one row (a `Party`) with the ORM and answers 201:
no authentication, no validation, no routing, no events. What the API does beyond it is the
price of its work. Used only by `benchmarks.api_intake`, through DJANGO_SETTINGS_MODULE.
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

from kontaktcenter.core import clock


@csrf_exempt
def floor(request: HttpRequest) -> JsonResponse:  # noqa: ARG001
    from kontaktcenter.cases.models import Party  # noqa: PLC0415 - after the app registry

    party = Party.objects.create(name="Golv", created_at=clock.now())
    return JsonResponse({"id": party.pk}, status=201)


urlpatterns = [
    path("bench/floor", floor),
    path("", include("kontaktcenter.urls")),
]


def make_world() -> str:
    """Trafikkontoret, its street-lighting category and an integration key; returns the key."""
    from kontaktcenter.accounts.actors import SystemActor  # noqa: PLC0415
    from kontaktcenter.accounts.services import integration_key_create  # noqa: PLC0415
    from kontaktcenter.directory.models import Organisation  # noqa: PLC0415
    from kontaktcenter.routing.models import Category  # noqa: PLC0415

    Organisation.objects.create(
        name="Serviceförvaltningen", code="sf", kind="administration", is_operator=True
    )
    traffic = Organisation.objects.create(
        name="Trafikkontoret", code="trafikkontoret", kind="administration"
    )
    Category.objects.create(
        name="Gatubelysning", code="gatubelysning", responsible_organisation=traffic
    )
    _key, secret = integration_key_create(
        actor=SystemActor("benchmark"), organisation=traffic, name="Bänk", scopes=["cases:write"]
    )
    return secret

"""/api/v1/categories, /organisations and /directory: what integrations look things up in."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from kontaktcenter.accounts.scopes import Scope
from kontaktcenter.api.v1 import presenters, schemas
from kontaktcenter.api.v1.auth import actor_of, require
from kontaktcenter.directory.selectors import organisations_receiving_cases, people_search
from kontaktcenter.routing.selectors import active_categories

router = Router(tags=["reference"])
ERRORS: dict[int | str, Any] = {
    401: schemas.ErrorOut,
    403: schemas.ErrorOut,
    422: schemas.ValidationErrorOut,
    429: schemas.ErrorOut,
}


@router.get(
    "/categories",
    response={200: list[schemas.CategoryOut], **ERRORS},
    summary="Categories cases can be registered in",
    operation_id="category_list",
)
def category_list(request: HttpRequest) -> list[dict[str, Any]]:
    """Every active category; any valid key may read them."""
    actor_of(request)
    categories = active_categories().order_by("position", "name", "id")
    return [presenters.category_body(category) for category in categories]


@router.get(
    "/organisations",
    response={200: list[schemas.OrganisationOut], **ERRORS},
    summary="Organisations that receive cases",
    operation_id="organisation_list",
)
def organisation_list(request: HttpRequest) -> list[dict[str, Any]]:
    actor_of(request)
    organisations = list(organisations_receiving_cases().order_by("name", "id"))
    codes = {organisation.pk: organisation.code for organisation in organisations}
    return [presenters.organisation_body(organisation, codes) for organisation in organisations]


class DirectoryQuery(Schema):
    q: str = Field(min_length=1, max_length=100, description="Words of a name, title or unit.")
    limit: int = Field(20, ge=1, le=50)


@router.get(
    "/directory/people",
    response={200: list[schemas.PersonOut], **ERRORS},
    summary="Search the city's directory of people",
    operation_id="directory_search",
)
def directory_search(request: HttpRequest, query: Query[DirectoryQuery]) -> list[dict[str, Any]]:
    require(request, Scope.DIRECTORY_READ)
    return [presenters.person_body(person) for person in people_search(query.q, limit=query.limit)]

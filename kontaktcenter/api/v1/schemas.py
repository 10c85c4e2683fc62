"""The shapes of the REST API's bodies: what the OpenAPI document describes."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from kontaktcenter.cases.choices import CaseStatus, Channel


class ErrorOut(Schema):
    code: str = Field(description="Stable error code, e.g. `case.not_found`.")
    field: str | None = Field(description="The input field concerned, if one.")
    params: dict[str, Any]
    message: str = Field(description="The error in words, in the request's language.")


class ValidationErrorOut(Schema):
    code: str
    field: str | None
    params: dict[str, Any]
    message: str
    errors: list[dict[str, Any]] = Field(
        default_factory=list, description="Each field that did not have the right shape."
    )


class ResidentIn(Schema):
    name: str = Field("", max_length=160)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=30)


class PositionIn(Schema):
    lat: Decimal = Field(ge=-90, le=90, max_digits=12, decimal_places=8)
    long: Decimal = Field(ge=-180, le=180, max_digits=12, decimal_places=8)


class CaseIn(Schema):
    category: str = Field(max_length=80, description="A category's code (GET /categories).")
    subject: str = Field(max_length=200)
    description: str = Field("", max_length=20_000)
    channel: Channel = Channel.WEB
    resident: ResidentIn | None = None
    address: str = Field("", max_length=300)
    position: PositionIn | None = None
    district: str = Field(
        "",
        max_length=60,
        description="The resident's district administration by code, for categories handled "
        "by the resident's district.",
    )


class NamedRef(Schema):
    code: str
    name: str


class ResidentOut(Schema):
    name: str
    email: str
    phone: str


class CaseOut(Schema):
    reference: str = Field(description="The case's reference, e.g. KC-2026-000123.")
    subject: str
    description: str
    status: CaseStatus
    channel: Channel
    category: NamedRef
    responsible_organisation: NamedRef
    district: str | None
    confidential: bool
    resident: ResidentOut | None
    address: str
    position: dict[str, Decimal] | None
    received_at: datetime
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None


class CasePage(Schema):
    items: list[CaseOut]
    next_cursor: str | None = Field(
        description="Give as `cursor` for the next page; null at the end."
    )


class StatusIn(Schema):
    status: CaseStatus
    comment: str = Field(
        "",
        max_length=2_000,
        description="Required when closing (the resolution) and when reopening (the reason).",
    )


class TextIn(Schema):
    text: str = Field(max_length=20_000)


class EventOut(Schema):
    kind: str
    by: str
    occurred_at: datetime
    data: dict[str, Any]


class ContactOut(Schema):
    channel: Channel
    outcome: str
    received_at: datetime
    ended_at: datetime | None


class CategoryOut(Schema):
    code: str
    name: str
    parent: str | None
    responsible_organisation: NamedRef
    handling: str
    confidential: bool


class OrganisationOut(Schema):
    code: str
    name: str
    short_name: str
    kind: str
    parent: str | None
    email: str
    phone: str


class PersonOut(Schema):
    name: str
    title: str
    organisation: NamedRef
    email: str
    phone: str

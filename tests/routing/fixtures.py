"""Categories with the demo's codes, so the shipped training messages have somewhere to go.

Imported by the routing tests' conftest and by desk tests that show suggestions."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kontaktcenter.core.clock import now
from kontaktcenter.directory.models import Organisation
from kontaktcenter.routing.classifier import runtime
from kontaktcenter.routing.classifier.dataset import shipped_messages, shipped_vocabulary
from kontaktcenter.routing.classifier.model import train
from kontaktcenter.routing.models import Category, ClassifierModel, Handling
from tests.factories import CategoryFactory, OrganisationFactory

DISTRICT_CODES = ("socialtjanst-", "aldre-hemtjanst", "aldre-boende", "forskola-", "parker-")


@pytest.fixture(autouse=True)
def _fresh_classifier() -> Iterator[None]:
    """Each test's database starts without a model; no process-wide model leaks between."""
    runtime.forget_loaded()
    runtime._loaded = None
    yield
    runtime._loaded = None


@pytest.fixture
def shipped_categories(traffic_office: Organisation, operator: Organisation) -> dict[str, Category]:
    """One category per code in the shipped messages, owned by a few organisations."""
    water = OrganisationFactory.create(name="Stockholm Vatten och Avfall AB", code="svoa")
    social = OrganisationFactory.create(name="Socialförvaltningen", code="socialforvaltningen")
    categories = {}
    for position, code in enumerate(sorted({m.category for m in shipped_messages()})):
        district = code.startswith(DISTRICT_CODES)
        owner = (
            social
            if district
            else water
            if code.startswith(("avfall", "vatten"))
            else (traffic_office)
        )
        categories[code] = CategoryFactory.create(
            code=code,
            name=code.replace("-", " ").capitalize(),
            responsible_organisation=owner,
            handling=Handling.RESIDENT_DISTRICT if district else Handling.ORGANISATION,
            position=position,
        )
    return categories


@pytest.fixture(scope="session")
def trained_blob() -> bytes:
    """The model trained on the shipped data once per test run, as stored in the database."""
    return train([m.labelled() for m in shipped_messages()] + shipped_vocabulary()).dumps()


@pytest.fixture
def trained_categories(
    shipped_categories: dict[str, Category], trained_blob: bytes
) -> dict[str, Category]:
    """The shipped categories with a model already trained on them, as after the first use."""
    ClassifierModel.objects.create(
        trained_at=now(), examples=1, corrections=0, last_correction_id=0, blob=trained_blob
    )
    return shipped_categories

"""Integrations of the cast: Trafikkontoret's fault-report system and Järva's own system."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from kontaktcenter.accounts.scopes import Scope
from kontaktcenter.accounts.services import integration_key_create
from kontaktcenter.directory.models import Organisation
from tests.conftest import SETUP


@dataclass
class Integration:
    """An outside system with its key, calling the API through Django's test client."""

    secret: str
    client: Client

    def headers(self, **extra: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.secret}", **extra}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(path, params, headers=self.headers())

    def post(self, path: str, body: dict[str, Any], **headers: str) -> Any:
        return self.client.post(
            path,
            json.dumps(body),
            content_type="application/json",
            headers=self.headers(**headers),
        )


def make_integration(organisation: Organisation, name: str, *scopes: Scope) -> Integration:
    _key, secret = integration_key_create(
        actor=SETUP, organisation=organisation, name=name, scopes=scopes
    )
    return Integration(secret=secret, client=Client())


@pytest.fixture
def felanmalan(traffic_office: Organisation, operator: Organisation) -> Integration:
    """Trafikkontoret's fault-report system: reads and writes its cases, and uses Open311."""
    return make_integration(
        traffic_office, "Felanmälan Trafik", Scope.CASES_READ, Scope.CASES_WRITE, Scope.OPEN311
    )


@pytest.fixture
def jarva_system(jarva: Organisation) -> Integration:
    """Järva's own system: a second organisation's key with every scope."""
    return make_integration(jarva, "Järvas ärendesystem", *Scope)


@pytest.fixture
def read_only(traffic_office: Organisation) -> Integration:
    return make_integration(traffic_office, "Trafikens statistik", Scope.CASES_READ)

"""Integrations of the cast: Trafikkontoret's fault-report system and Järva's own system."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.wsgi import get_wsgi_application
from django.db import connections
from django.test import Client
from waitress.server import create_server

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


@pytest.fixture
def api_server(transactional_db: None) -> Iterator[str]:
    """The application served by waitress (the production server) on 127.0.0.1 with 16 threads.

    Django's own live server listens with a backlog of five connections, so fifty clients
    arriving at once would be turned away before reaching the application."""
    server: Any = create_server(
        _closing(get_wsgi_application()), host="127.0.0.1", port=0, threads=16
    )
    stopping = threading.Event()

    def run() -> None:
        # waitress's own run() loops for ever; this loop stops between two polls.
        while not stopping.is_set():
            server.asyncore.loop(timeout=0.05, map=server._map, count=1)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        stopping.set()
        thread.join(timeout=5)
        server.close()
        server.task_dispatcher.shutdown()


def _closing(application: Any) -> Any:
    """Close the thread's database connection after each request, so the test database can be
    flushed and dropped when the test ends."""

    def serve(environ: Any, start_response: Any) -> Any:
        try:
            return list(application(environ, start_response))
        finally:
            connections.close_all()

    return serve

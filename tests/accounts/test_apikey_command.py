"""`kontaktcenter apikey`: operators make, list and revoke integration keys on the server."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kontaktcenter.accounts.actors import ApiClientActor
from kontaktcenter.accounts.services import integration_key_authenticate

pytestmark = pytest.mark.django_db


def apikey(*arguments: str) -> str:
    output = StringIO()
    call_command("apikey", *arguments, stdout=output)
    return output.getvalue()


def test_create_prints_a_working_key_as_its_last_line(traffic_office, clock):
    output = apikey(
        "create",
        "Felanmälan Trafik",
        "--organisation",
        "Trafikkontoret",
        "--scope",
        "cases:write",
        "--scope",
        "open311",
    )

    secret = output.strip().splitlines()[-1]
    actor = integration_key_authenticate(secret)
    assert isinstance(actor, ApiClientActor)
    assert actor.organisation_id == traffic_office.pk
    assert actor.scopes == {"cases:write", "open311"}


def test_list_shows_scopes_and_when_a_key_was_last_used(traffic_office, clock):
    secret = apikey(
        "create", "Felanmälan", "--organisation", "trafikkontoret", "--scope", "cases:read"
    ).splitlines()[-1]
    before = apikey("list")
    integration_key_authenticate(secret)
    after = apikey("list")

    assert "Felanmälan\tTrafikkontoret\tcases:read\tactive\tlast used: never used" in before
    assert "last used: 2026-03-10 09:00" in after


def test_a_revoked_key_no_longer_signs_in(traffic_office, clock):
    secret = apikey(
        "create", "Felanmälan", "--organisation", "trafikkontoret", "--scope", "open311"
    ).splitlines()[-1]

    apikey("revoke", "Felanmälan")

    assert integration_key_authenticate(secret) is None
    assert "revoked 2026-03-10" in apikey("list")


def test_an_unknown_organisation_or_scope_is_refused(traffic_office):
    with pytest.raises(CommandError, match="No organisation"):
        apikey("create", "X", "--organisation", "Finns inte", "--scope", "open311")
    with pytest.raises(CommandError):
        apikey("create", "X", "--organisation", "Trafikkontoret", "--scope", "allt")

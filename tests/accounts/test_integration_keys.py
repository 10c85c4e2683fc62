"""Integration keys: an outside system acts for its organisation with a secret it was shown once."""

from __future__ import annotations

import pytest

from kontaktcenter.accounts.actors import ApiClientActor
from kontaktcenter.accounts.models import IntegrationKey
from kontaktcenter.accounts.services import (
    integration_key_authenticate,
    integration_key_create,
    integration_key_revoke,
)
from kontaktcenter.core.errors import PermissionDenied, ValidationError
from tests.factories import UserFactory


@pytest.fixture
def felanmalan(traffic_admin, traffic_office) -> tuple[IntegrationKey, str]:
    return integration_key_create(
        actor=traffic_admin, organisation=traffic_office, name="  Felanmälan   Trafik "
    )


def test_the_secret_signs_in_as_the_integration_of_its_organisation(felanmalan, traffic_office):
    key, secret = felanmalan

    assert integration_key_authenticate(secret) == ApiClientActor(
        key_id=key.pk, name="Felanmälan Trafik", organisation_id=traffic_office.pk
    )


def test_the_secret_itself_is_not_stored(felanmalan):
    key, secret = felanmalan

    stored = IntegrationKey.objects.filter(pk=key.pk).values().get()
    assert secret not in repr(stored)


def test_two_keys_get_different_secrets(traffic_admin, traffic_office, felanmalan):
    _key, other_secret = integration_key_create(
        actor=traffic_admin, organisation=traffic_office, name="Trafikappen"
    )

    assert other_secret != felanmalan[1]


@pytest.mark.parametrize("presented", ["", "kc_", "not-a-key", "kc_" + "A" * 43])
def test_a_wrong_secret_signs_in_as_nobody(felanmalan, presented):
    assert integration_key_authenticate(presented) is None


def test_a_secret_with_the_right_beginning_but_a_wrong_end_signs_in_as_nobody(felanmalan):
    _key, secret = felanmalan
    tampered = secret[:-1] + ("A" if secret[-1] != "A" else "B")

    assert integration_key_authenticate(tampered) is None


def test_a_revoked_key_signs_in_as_nobody(felanmalan, traffic_admin, clock):
    key, secret = felanmalan

    integration_key_revoke(actor=traffic_admin, key=key)

    key.refresh_from_db()
    assert key.revoked_at == clock()
    assert integration_key_authenticate(secret) is None


def test_an_organisation_administrator_makes_keys_only_for_their_organisation(traffic_admin, jarva):
    with pytest.raises(PermissionDenied) as refused:
        integration_key_create(actor=traffic_admin, organisation=jarva, name="Järva-appen")

    assert refused.value.code == "integration_key.not_allowed"
    assert not IntegrationKey.objects.exists()


def test_a_system_administrator_makes_keys_for_any_organisation(sysadmin, jarva):
    key, _secret = integration_key_create(actor=sysadmin, organisation=jarva, name="Järva-appen")

    assert key.organisation == jarva


@pytest.mark.parametrize("role_fixture", ["traffic_officer", "tier2_agent", "analyst"])
def test_other_roles_make_no_keys(request, role_fixture, traffic_office):
    with pytest.raises(PermissionDenied) as refused:
        integration_key_create(
            actor=request.getfixturevalue(role_fixture), organisation=traffic_office, name="X"
        )

    assert refused.value.code == "integration_key.not_allowed"


def test_another_organisations_administrator_cannot_revoke_a_key(felanmalan, jarva):
    key, secret = felanmalan
    jarva_admin = UserFactory.create(organisation_admin=True, organisation=jarva)

    with pytest.raises(PermissionDenied):
        integration_key_revoke(actor=jarva_admin, key=key)

    assert integration_key_authenticate(secret) is not None


def test_a_key_needs_a_name(traffic_admin, traffic_office):
    with pytest.raises(ValidationError) as refused:
        integration_key_create(actor=traffic_admin, organisation=traffic_office, name="  ")

    assert (refused.value.code, refused.value.field) == ("required", "name")

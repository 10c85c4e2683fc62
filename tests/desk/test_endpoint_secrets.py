"""Changing a webhook's signing secret without losing deliveries: add the new one beside the
old, then retire the old. A secret's value is never shown once saved, only its key id."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kontaktcenter.accounts.models import User
from kontaktcenter.forwarding.models import Endpoint

pytestmark = pytest.mark.django_db

OLD_SECRET = "trafikkontoret-delar-denna-hemlighet"
NEW_SECRET = "en-ny-hemlighet-for-ar-2026-abcdefgh"


def test_the_page_shows_key_ids_and_dates_but_never_a_secret(
    client: Client, traffic_admin: User, traffic_feedback_system: Endpoint
) -> None:
    client.force_login(traffic_admin)
    page = client.get(reverse("desk:endpoint", args=[traffic_feedback_system.pk])).content
    key_id = traffic_feedback_system.secrets.get().key_id
    assert key_id in page.decode()
    assert OLD_SECRET.encode() not in page


def test_a_rotation_adds_a_second_secret_then_retires_the_first(
    client: Client, traffic_admin: User, traffic_feedback_system: Endpoint, clock
) -> None:
    client.force_login(traffic_admin)
    old = traffic_feedback_system.secrets.get()

    response = client.post(
        reverse("desk:secret_add", args=[traffic_feedback_system.pk]),
        {"secret": NEW_SECRET},
        follow=True,
    )
    page = response.content.decode()
    new = traffic_feedback_system.secrets.exclude(pk=old.pk).get()
    assert f"The signing secret {new.key_id} was added." in page
    assert NEW_SECRET not in page
    assert traffic_feedback_system.secrets.filter(retired_at__isnull=True).count() == 2

    clock.advance(days=1)
    client.post(reverse("desk:secret_retire", args=[traffic_feedback_system.pk, old.pk]))

    old.refresh_from_db()
    new.refresh_from_db()
    assert old.retired_at == clock()
    assert new.retired_at is None


def test_a_third_active_secret_is_refused_on_the_secret_field(
    client: Client, traffic_admin: User, traffic_feedback_system: Endpoint
) -> None:
    client.force_login(traffic_admin)
    url = reverse("desk:secret_add", args=[traffic_feedback_system.pk])
    client.post(url, {"secret": NEW_SECRET})

    response = client.post(url, {"secret": NEW_SECRET + "-igen"})

    page = response.content.decode()
    assert response.status_code == 400
    assert (
        'id="id_secret_error">Two signing secrets are already active; retire the older one first.<'
        in page
    )
    assert NEW_SECRET not in page


def test_a_short_secret_is_refused_on_the_secret_field(
    client: Client, traffic_admin: User, traffic_feedback_system: Endpoint
) -> None:
    client.force_login(traffic_admin)
    response = client.post(
        reverse("desk:secret_add", args=[traffic_feedback_system.pk]), {"secret": "kort"}
    )
    assert response.status_code == 400
    assert "at least 24 characters" in response.context["secret_form"].errors["secret"][0]


def test_a_secret_of_an_endpoint_elsewhere_is_not_found(
    client: Client, traffic_officer: User, traffic_feedback_system: Endpoint
) -> None:
    secret = traffic_feedback_system.secrets.get()
    client.force_login(traffic_officer)
    url = reverse("desk:secret_retire", args=[traffic_feedback_system.pk, secret.pk])
    assert client.post(url).status_code == 404
    secret.refresh_from_db()
    assert secret.retired_at is None


def test_the_last_active_secret_cannot_be_retired(
    client: Client, traffic_admin: User, traffic_feedback_system: Endpoint
) -> None:
    """Without a secret every delivery would fail; the administrator adds the successor first."""
    secret = traffic_feedback_system.secrets.get()
    client.force_login(traffic_admin)
    response = client.post(
        reverse("desk:secret_retire", args=[traffic_feedback_system.pk, secret.pk]), follow=True
    )
    assert b"last active secret" in response.content
    secret.refresh_from_db()
    assert secret.retired_at is None

"""The case page: who may see it, what the officer can do, and errors that keep the input."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kontaktcenter.accounts.models import User
from kontaktcenter.cases.models import Case, CaseEventKind, CaseStatus

pytestmark = pytest.mark.django_db


def _page(client: Client, user: User, case: Case):
    client.force_login(user)
    return client.get(reverse("desk:case", args=[case.reference]))


def test_the_responsible_officer_sees_the_case_with_its_routing_reason(
    client: Client, traffic_officer: User, street_light_case: Case
) -> None:
    response = _page(client, traffic_officer, street_light_case)
    page = response.content.decode()
    assert response.status_code == 200
    assert street_light_case.reference in page
    assert "Trafikkontoret is responsible for Gatubelysning." in page
    assert "Assign to me" in page


def test_an_analyst_may_not_open_a_case(
    client: Client, analyst: User, street_light_case: Case
) -> None:
    assert _page(client, analyst, street_light_case).status_code == 403


def test_another_district_cannot_open_a_confidential_case(
    client: Client, other_district_officer: User, confidential_case: Case
) -> None:
    assert _page(client, other_district_officer, confidential_case).status_code == 403
    assert not confidential_case.events.filter(kind=CaseEventKind.VIEWED).exists()


def test_opening_a_confidential_case_is_written_to_its_history(
    client: Client, district_officer: User, confidential_case: Case
) -> None:
    response = _page(client, district_officer, confidential_case)
    assert response.status_code == 200
    assert "every read is recorded" in response.content.decode()
    viewed = confidential_case.events.get(kind=CaseEventKind.VIEWED)
    assert viewed.actor == district_officer


def test_an_unknown_reference_gives_a_not_found_page(client: Client, traffic_officer: User) -> None:
    client.force_login(traffic_officer)
    response = client.get(reverse("desk:case", args=["KC-2026-999999"]))
    assert response.status_code == 404
    assert "Case not found" in response.content.decode()


def test_closing_without_a_resolution_is_refused_and_the_case_stays_open(
    client: Client, traffic_officer: User, street_light_case: Case
) -> None:
    client.force_login(traffic_officer)
    response = client.post(
        reverse("desk:case_close", args=[street_light_case.reference]), {"resolution": "  "}
    )
    assert response.status_code == 400
    street_light_case.refresh_from_db()
    assert street_light_case.status == CaseStatus.NEW


def test_a_refused_reply_keeps_the_text_the_officer_wrote(
    client: Client, traffic_officer: User, street_light_case: Case
) -> None:
    client.force_login(traffic_officer)
    client.post(
        reverse("desk:case_close", args=[street_light_case.reference]), {"resolution": "Klart"}
    )
    response = client.post(
        reverse("desk:case_reply", args=[street_light_case.reference]),
        {"reply": "Lampan är lagad sedan i tisdags."},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Reopen the case before you reply." in page
    assert "Lampan är lagad sedan i tisdags." in page


def test_an_agent_cannot_close_a_case_of_another_organisation(
    client: Client, tier1_agent: User, street_light_case: Case
) -> None:
    client.force_login(tier1_agent)
    response = client.post(
        reverse("desk:case_close", args=[street_light_case.reference]), {"resolution": "Klart"}
    )
    assert response.status_code == 400
    assert "You cannot handle this case." in response.content.decode()
    street_light_case.refresh_from_db()
    assert street_light_case.status == CaseStatus.NEW


def test_the_officer_handles_the_case_from_assignment_to_closing(
    client: Client, traffic_officer: User, street_light_case: Case
) -> None:
    client.force_login(traffic_officer)
    reference = street_light_case.reference
    client.post(reverse("desk:case_assign_me", args=[reference]))
    client.post(reverse("desk:case_note", args=[reference]), {"note": "Beställt ny armatur"})
    client.post(reverse("desk:case_reply", args=[reference]), {"reply": "Vi lagar den i veckan."})
    client.post(reverse("desk:case_close", args=[reference]), {"resolution": "Armaturen bytt"})
    page = client.get(reverse("desk:case", args=[reference])).content.decode()
    for shown in ("Beställt ny armatur", "Vi lagar den i veckan.", "Armaturen bytt", "Closed"):
        assert shown in page
    street_light_case.refresh_from_db()
    assert street_light_case.assignee == traffic_officer
    assert street_light_case.status == CaseStatus.CLOSED

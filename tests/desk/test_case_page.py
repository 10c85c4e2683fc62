"""The case page: who may see it, what the officer can do, and errors that keep the input."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.test import Client
from django.urls import reverse

from kontaktcenter.accounts.actors import EMAIL_READER, ResidentActor
from kontaktcenter.accounts.models import User
from kontaktcenter.cases import services
from kontaktcenter.cases.models import Case, CaseAccess, CaseStatus, Channel
from tests.conftest import STOCKHOLM

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


def test_an_analyst_finds_no_case_page(
    client: Client, analyst: User, street_light_case: Case
) -> None:
    response = _page(client, analyst, street_light_case)
    assert response.status_code == 404
    assert "Case not found" in response.content.decode()


def test_another_district_finds_no_page_for_a_confidential_case(
    client: Client, other_district_officer: User, confidential_case: Case
) -> None:
    """Not found, not forbidden: a 403 would confirm that a confidential case has the number."""
    response = _page(client, other_district_officer, confidential_case)
    assert response.status_code == 404
    assert "Fråga om ekonomiskt bistånd" not in response.content.decode()
    # No read is logged; the refused attempt is (issue 16).
    assert list(CaseAccess.objects.values_list("refused", flat=True)) == [True]


def test_acting_on_a_case_one_cannot_see_is_not_found_and_changes_nothing(
    client: Client, other_district_officer: User, confidential_case: Case
) -> None:
    client.force_login(other_district_officer)
    events_before = confidential_case.events.count()
    response = client.post(
        reverse("desk:case_note", args=[confidential_case.reference]), {"note": "Hej"}
    )
    assert response.status_code == 404
    assert confidential_case.events.count() == events_before


def test_opening_a_confidential_case_says_reads_are_logged_and_leaves_the_history_alone(
    client: Client, district_officer: User, confidential_case: Case
) -> None:
    events_before = confidential_case.events.count()
    response = _page(client, district_officer, confidential_case)
    assert response.status_code == 200
    assert "every read is recorded in the access log" in response.content.decode()
    assert confidential_case.events.count() == events_before


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


def test_the_history_names_the_system_when_the_email_reader_made_the_case(
    client: Client, traffic_officer: User, operator, street_lighting
) -> None:
    contact = services.contact_start(actor=EMAIL_READER, channel=Channel.EMAIL)
    case = services.case_create(
        actor=EMAIL_READER,
        contact=contact,
        channel=Channel.EMAIL,
        category=street_lighting,
        subject="Släckt lampa på Kistavägen",
    )
    page = _page(client, traffic_officer, case).content.decode()
    assert "System: e-mail reader" in page


def test_the_history_calls_a_resident_the_resident_without_naming_them(
    client: Client, traffic_officer: User, operator, street_lighting
) -> None:
    case = services.case_create(
        actor=ResidentActor(case_id=None),
        channel=Channel.WEB,
        category=street_lighting,
        subject="Mörkt på gångvägen",
        resident_name="Anna Svensson",
    )
    page = _page(client, traffic_officer, case).content.decode()
    history = page[page.index('id="history-heading"') :]
    assert "The resident" in history
    assert "Anna Svensson" not in history


def test_the_page_shows_when_the_resident_got_in_touch_and_when_the_case_was_registered(
    client: Client, traffic_officer: User, make_case, clock
) -> None:
    case = make_case(
        channel=Channel.LETTER, received_at=datetime(2026, 3, 6, 14, 5, tzinfo=STOCKHOLM)
    )
    page = _page(client, traffic_officer, case).content.decode()
    assert "2026-03-06 14:05" in page
    assert "2026-03-10 09:00" in page


def test_the_page_of_a_scrubbed_case_shows_none_of_the_residents_details(
    client: Client, traffic_officer: User, sysadmin: User, street_light_case: Case
) -> None:
    assert street_light_case.party is not None
    services.party_scrub(actor=sysadmin, party=street_light_case.party)
    page = _page(client, traffic_officer, street_light_case).content.decode()
    for detail in ("Anna Svensson", "anna.svensson@example.se", "070-123 45 67", "+46701234567"):
        assert detail not in page
    assert "personal data was removed" in page

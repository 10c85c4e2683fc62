"""The operator's directory page: search as you type (and without script), the hits'
presence and switchboard notes, and leaving a callback request that reaches the officer."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client

from kontaktcenter.accounts.models import User
from kontaktcenter.directory.models import AbsenceReason, CallbackRequest, Organisation, Person
from tests.conftest import Clock
from tests.directory.factories import absence, index, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def holm(traffic_office: Organisation, traffic_officer: User) -> Person:
    traffic_office.local_switchboard_phone = "08-508 260 00"
    traffic_office.save()
    entry = person(
        traffic_office,
        "Karin",
        "Holm",
        title="Trafikplanerare",
        phone="08-508 271 10",
        account=traffic_officer,
    )
    index()
    return entry


@pytest.mark.usefixtures("holm")
def test_the_search_works_without_script_and_as_a_fragment_for_each_keystroke(
    client: Client, switchboard_operator: User
) -> None:
    client.force_login(switchboard_operator)
    page = client.get("/katalog/", {"q": "holm"})
    assert page.status_code == 200
    assert "Karin Holm" in page.text
    assert "08-508 271 10" in page.text
    assert "directory.js" in page.text

    fragment = client.get("/katalog/", {"q": "Hol", "partial": "1"})
    assert "Karin Holm" in fragment.text
    assert "<html" not in fragment.text


@pytest.mark.usefixtures("holm")
def test_a_hit_says_where_to_direct_a_call_for_an_organisation_not_yet_joined(
    client: Client, switchboard_operator: User
) -> None:
    client.force_login(switchboard_operator)
    page = client.get("/katalog/", {"q": "trafikplanerare"})
    assert "Direct the call to the local switchboard: 08-508 260 00." in page.text


def test_a_hit_shows_the_absence_and_the_substitute(
    client: Client, switchboard_operator: User, holm: Person, clock: Clock
) -> None:
    stand_in = person(holm.organisation, "Omar", "Hassan", phone="08-508 271 11")
    absence(
        holm,
        AbsenceReason.VACATION,
        starts_at=clock.at - timedelta(days=1),
        ends_at=clock.at + timedelta(days=6),
        substitute=stand_in,
    )
    index()
    client.force_login(switchboard_operator)
    page = client.get("/katalog/", {"q": "Karin Holm"})
    assert "On holiday" in page.text
    assert "Substitute: Omar Hassan" in page.text


def test_a_callback_request_left_from_the_directory_reaches_the_officers_queue(
    client: Client,
    switchboard_operator: User,
    traffic_officer: User,
    holm: Person,
    clock: Clock,
) -> None:
    client.force_login(switchboard_operator)
    form = client.get("/katalog/meddelande/", {"person": str(holm.pk), "q": "holm"})
    assert "Karin Holm" in form.text
    due = (clock.at + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    sent = client.post(
        f"/katalog/meddelande/?person={holm.pk}&q=holm",
        {
            "kind": "callback",
            "caller_name": "Sven Ek",
            "caller_phone": "070-174 06 12",
            "subject": "Fråga om parkeringsskylt",
            "due_at": due,
        },
    )
    assert sent.status_code == 302
    assert sent["Location"] == "/katalog/?q=holm"

    client.force_login(traffic_officer)
    queue = client.get("/meddelanden/")
    assert "Fråga om parkeringsskylt" in queue.text
    assert str(switchboard_operator) in queue.text
    request = CallbackRequest.objects.get()
    done = client.post(f"/meddelanden/{request.pk}/klar/", {"outcome": "Ringt upp"})
    assert done.status_code == 302
    assert "Nothing waiting." in client.get("/meddelanden/").text


@pytest.mark.usefixtures("holm")
def test_a_refused_callback_request_shows_the_error_on_the_form(
    client: Client, switchboard_operator: User, holm: Person, clock: Clock
) -> None:
    client.force_login(switchboard_operator)
    refused = client.post(
        f"/katalog/meddelande/?person={holm.pk}",
        {
            "kind": "callback",
            "subject": "Ring tillbaka",
            "due_at": (clock.at + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert refused.status_code == 400
    assert "needs the caller" in refused.text
    assert not CallbackRequest.objects.exists()


def test_an_officer_cannot_complete_a_request_for_someone_else(
    client: Client, switchboard_operator: User, district_officer: User, holm: Person, clock: Clock
) -> None:
    client.force_login(switchboard_operator)
    client.post(
        f"/katalog/meddelande/?person={holm.pk}",
        {
            "kind": "message",
            "subject": "Läs mejlet",
            "due_at": (clock.at + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    request = CallbackRequest.objects.get()
    client.force_login(district_officer)
    assert client.post(f"/meddelanden/{request.pk}/klar/").status_code == 404
    assert CallbackRequest.objects.get().done_at is None


def test_the_page_lists_who_has_joined_the_common_switchboard_and_since_when(
    client: Client,
    switchboard_operator: User,
    traffic_office: Organisation,
    sports_administration: Organisation,
) -> None:
    traffic_office.joined_common_switchboard_on = date(2009, 1, 1)
    traffic_office.save()
    sports_administration.local_switchboard_phone = "08-508 280 00"
    sports_administration.save()
    client.force_login(switchboard_operator)
    page = client.get("/katalog/").text
    assert "2009-01-01" in page
    assert "not joined" in page
    assert "08-508 280 00" in page


def test_the_operator_marks_a_person_away_and_back_from_the_directory(
    client: Client, switchboard_operator: User, holm: Person, clock: Clock
) -> None:
    client.force_login(switchboard_operator)
    back = (clock.at + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    sent = client.post(
        f"/katalog/franvaro/?person={holm.pk}&q=holm",
        {"reason": "meeting", "ends_at": back, "note": "Styrelsemöte"},
    )
    assert sent.status_code == 302
    page = client.get("/katalog/", {"q": "holm"}).text
    assert "In a meeting" in page
    assert "Styrelsemöte" in page
    client.post(f"/katalog/franvaro/slut/?person={holm.pk}&q=holm")
    assert "In a meeting" not in client.get("/katalog/", {"q": "holm"}).text

"""The generic CTI webhook: an integration key, events once however often they are sent,
bad events refused one by one while the rest are kept."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kontaktcenter.accounts.models import User
from kontaktcenter.accounts.services import integration_key_create
from kontaktcenter.directory.models import Organisation
from kontaktcenter.telephony import services
from kontaktcenter.telephony.choices import CallOutcome, TransferKind
from kontaktcenter.telephony.models import Call, Queue
from tests.conftest import SETUP, Clock

pytestmark = pytest.mark.django_db
URL = "/api/telephony/events/"

EVENTS = {
    "events": [
        {"id": "e1", "type": "enter", "occurred_at": "2026-03-10T09:00:00+01:00",
         "call_id": "tele2-1", "queue": "tn-trafik", "caller_number": "0701234567"},
        {"id": "e2", "type": "connect", "occurred_at": "2026-03-10T09:00:40+01:00",
         "call_id": "tele2-1", "queue": "tn-trafik", "agent": "sip:maja", "wait_seconds": 40},
        {"id": "e3", "type": "transfer", "occurred_at": "2026-03-10T09:02:00+01:00",
         "call_id": "tele2-1", "queue": "tn-trafik", "agent": "sip:maja",
         "transfer_kind": "blind", "target": "0850826000", "target_answered": False},
    ]
}  # fmt: skip


@pytest.fixture
def key(operator: Organisation) -> str:
    _key, secret = integration_key_create(actor=SETUP, organisation=operator, name="Telia CTI")
    return secret


def test_events_with_a_key_make_a_call(client: Client, key: str, traffic_queue: Queue) -> None:
    answer = client.post(
        URL, EVENTS, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
    )

    assert answer.status_code == 200
    assert answer.json()["recorded"] == 3
    call = Call.objects.get(call_id="tele2-1")
    assert (call.outcome, call.wait_seconds) == (CallOutcome.ANSWERED, 40)
    assert (call.transfer_kind, call.transfer_answered) == (TransferKind.BLIND, False)
    assert answer.json()["unknown_agents"] == ["sip:maja"]


def test_sending_the_same_events_again_changes_nothing(
    client: Client, key: str, traffic_queue: Queue
) -> None:
    client.post(URL, EVENTS, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")
    again = client.post(
        URL, EVENTS, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
    )

    assert (again.json()["recorded"], again.json()["duplicates"]) == (0, 3)
    assert Call.objects.count() == 1


def test_a_bad_event_is_refused_and_the_others_kept(client: Client, key: str) -> None:
    body = {"events": [*EVENTS["events"][:1], {"id": "x", "type": "teleport"}]}

    answer = client.post(
        URL, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
    ).json()

    assert answer["recorded"] == 1
    assert [(item["code"], item["params"]["index"]) for item in answer["rejected"]] == [
        ("telephony.bad_event", 1)
    ]


def test_without_a_valid_key_nothing_is_taken_in(client: Client, db: None) -> None:
    answer = client.post(
        URL, EVENTS, content_type="application/json", HTTP_AUTHORIZATION="Bearer kc_wrong"
    )

    assert answer.status_code == 401
    assert answer.json()["code"] == "telephony.not_authenticated"
    assert Call.objects.count() == 0


def test_a_body_of_another_shape_is_a_clear_error(client: Client, key: str) -> None:
    answer = client.post(
        URL, "[1, 2]", content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
    )

    assert (answer.status_code, answer.json()["code"]) == (400, "telephony.bad_body")


def test_the_url_is_the_documented_one() -> None:
    assert reverse("api:telephony_events") == URL


def test_the_pbx_can_ask_whether_night_service_is_on(
    client: Client, key: str, switchboard_operator: User, clock: Clock
) -> None:
    url = reverse("api:telephony_night_service")
    before = client.get(url, HTTP_AUTHORIZATION=f"Bearer {key}").json()
    services.night_service_set(
        actor=switchboard_operator, is_on=True, divert_to="08-508 000 00", message="Stängt"
    )
    after = client.get(url, HTTP_AUTHORIZATION=f"Bearer {key}").json()

    assert before["on"] is False
    assert (after["on"], after["divert_to"], after["message"]) == (True, "+46850800000", "Stängt")
    assert client.get(url).status_code == 401

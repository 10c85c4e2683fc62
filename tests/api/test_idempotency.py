"""Idempotency-Key: a retried POST makes one case and gets the first answer again."""

from __future__ import annotations

import threading

import httpx
import pytest

from kontaktcenter.accounts.idempotency import idempotency_prune
from kontaktcenter.accounts.models import IdempotencyRecord
from kontaktcenter.accounts.scopes import Scope
from kontaktcenter.cases.models import Case, CaseEvent
from tests.api.conftest import make_integration

pytestmark = pytest.mark.django_db

BODY = {"category": "gatubelysning", "subject": "Lampa släckt på Tensta allé"}


def test_the_same_key_and_body_give_the_same_answer_and_one_case(felanmalan, street_lighting):
    first = felanmalan.post("/api/v1/cases", BODY, **{"Idempotency-Key": "felanmalan-4711"})
    again = felanmalan.post("/api/v1/cases", BODY, **{"Idempotency-Key": "felanmalan-4711"})

    assert first.status_code == again.status_code == 201
    assert first.content == again.content
    assert Case.objects.count() == 1


def test_the_same_key_with_another_body_is_refused(felanmalan, street_lighting):
    felanmalan.post("/api/v1/cases", BODY, **{"Idempotency-Key": "felanmalan-4712"})

    other = felanmalan.post(
        "/api/v1/cases", {**BODY, "subject": "Annat"}, **{"Idempotency-Key": "felanmalan-4712"}
    )

    assert other.status_code == 422
    assert other.json()["code"] == "idempotency.key_reused"
    assert Case.objects.count() == 1


def test_different_keys_make_different_cases(felanmalan, street_lighting):
    felanmalan.post("/api/v1/cases", BODY, **{"Idempotency-Key": "a"})
    felanmalan.post("/api/v1/cases", BODY, **{"Idempotency-Key": "b"})

    assert Case.objects.count() == 2


def test_keys_of_two_integrations_do_not_meet(felanmalan, street_lighting, traffic_office):
    other = make_integration(traffic_office, "Trafikappen", Scope.CASES_WRITE)

    felanmalan.post("/api/v1/cases", BODY, **{"Idempotency-Key": "same"})
    other.post("/api/v1/cases", BODY, **{"Idempotency-Key": "same"})

    assert Case.objects.count() == 2


def test_a_refused_request_may_be_corrected_and_sent_with_the_same_key(felanmalan, street_lighting):
    refused = felanmalan.post(
        "/api/v1/cases", {**BODY, "category": "fel"}, **{"Idempotency-Key": "k-1"}
    )
    corrected = felanmalan.post("/api/v1/cases", BODY, **{"Idempotency-Key": "k-1"})

    assert refused.status_code == 422
    assert corrected.status_code == 201


def test_a_note_sent_twice_with_one_key_is_added_once(felanmalan, street_light_case):
    path = f"/api/v1/cases/{street_light_case.reference}/notes"

    felanmalan.post(path, {"text": "Ring tillbaka"}, **{"Idempotency-Key": "note-1"})
    felanmalan.post(path, {"text": "Ring tillbaka"}, **{"Idempotency-Key": "note-1"})

    assert CaseEvent.objects.filter(kind="note_added").count() == 1


def test_an_unprintable_key_is_refused(felanmalan, street_lighting):
    response = felanmalan.post("/api/v1/cases", BODY, **{"Idempotency-Key": "x" * 256})

    assert response.status_code == 422
    assert response.json()["code"] == "idempotency.key_invalid"


@pytest.mark.django_db(transaction=True)
def test_fifty_simultaneous_posts_with_one_key_make_exactly_one_case(
    api_server, felanmalan, street_lighting
):
    """Real concurrency: 50 threads against the live server, released at the same moment."""
    copies = 50
    barrier = threading.Barrier(copies)
    answers: list[httpx.Response] = []
    lock = threading.Lock()

    def send() -> None:
        with httpx.Client(base_url=api_server, timeout=60) as client:
            barrier.wait()
            response = client.post(
                "/api/v1/cases",
                json=BODY,
                headers={
                    "Authorization": f"Bearer {felanmalan.secret}",
                    "Idempotency-Key": "burst-2026-03-10",
                },
            )
        with lock:
            answers.append(response)

    threads = [threading.Thread(target=send) for _ in range(copies)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [response.status_code for response in answers] == [201] * copies
    assert len({response.json()["reference"] for response in answers}) == 1
    assert Case.objects.count() == 1


def test_a_key_is_forgotten_after_a_day(felanmalan, street_lighting, clock):
    felanmalan.post("/api/v1/cases", BODY, **{"Idempotency-Key": "dagens"})
    clock.advance(hours=25)

    later = felanmalan.post(
        "/api/v1/cases", {**BODY, "subject": "Ny"}, **{"Idempotency-Key": "dagens"}
    )

    assert later.status_code == 201
    assert Case.objects.count() == 2


def test_answers_older_than_a_day_are_pruned(felanmalan, street_lighting, clock):
    felanmalan.post("/api/v1/cases", BODY, **{"Idempotency-Key": "gammal"})
    clock.advance(hours=25)
    felanmalan.post("/api/v1/cases", BODY, **{"Idempotency-Key": "ny"})

    assert idempotency_prune() == 1
    assert list(IdempotencyRecord.objects.values_list("idempotency_key", flat=True)) == ["ny"]

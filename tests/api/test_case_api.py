"""The REST API's cases: an integration registers and follows cases as its staff would."""

from __future__ import annotations

import pytest

from kontaktcenter.cases import services
from kontaktcenter.cases.models import Case, CaseEvent, CaseStatus
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_a_case_posted_with_category_and_subject_only_is_registered_and_routed(
    felanmalan, street_lighting, clock
):
    response = felanmalan.post(
        "/api/v1/cases", {"category": "gatubelysning", "subject": "Lampa släckt"}
    )

    assert response.status_code == 201
    body = response.json()
    assert body["reference"].startswith("KC-2026-")
    assert body["responsible_organisation"]["code"] == "trafikkontoret"
    case = Case.objects.get(reference=body["reference"])
    assert case.subject == "Lampa släckt"
    assert list(case.events.values_list("kind", "actor_label")) == [
        ("created", "Felanmälan Trafik"),
        ("routed", "Felanmälan Trafik"),
    ]


def test_a_full_case_keeps_the_resident_and_the_place(felanmalan, street_lighting, clock):
    response = felanmalan.post(
        "/api/v1/cases",
        {
            "category": "gatubelysning",
            "subject": "Trasig lampa",
            "description": "Lampan blinkar hela natten.",
            "channel": "web",
            "resident": {
                "name": "Anna Svensson",
                "email": "anna.svensson@example.se",
                "phone": "070-123 45 67",
            },
            "address": "Rinkebysvängen 12, Stockholm",
            "position": {"lat": "59.388", "long": "17.928"},
        },
    )

    assert response.status_code == 201
    read = felanmalan.get(f"/api/v1/cases/{response.json()['reference']}").json()
    assert read["resident"] == {
        "name": "Anna Svensson",
        "email": "anna.svensson@example.se",
        "phone": "+46701234567",
    }
    assert read["address"] == "Rinkebysvängen 12, Stockholm"
    assert read["position"] == {"lat": "59.388000", "long": "17.928000"}


def test_an_unknown_category_is_refused_with_its_code(felanmalan, street_lighting):
    response = felanmalan.post("/api/v1/cases", {"category": "finns-inte", "subject": "x"})

    assert response.status_code == 422
    assert response.json()["code"] == "api.unknown_category"
    assert not Case.objects.exists()


def test_a_body_of_the_wrong_shape_is_refused_with_the_fields(felanmalan, street_lighting):
    response = felanmalan.post("/api/v1/cases", {"subject": "utan kategori"})

    assert response.status_code == 422
    assert response.json()["code"] == "api.invalid_request"
    assert ["body", "payload", "category"] in [error["loc"] for error in response.json()["errors"]]


def test_an_empty_subject_is_refused_by_the_service(felanmalan, street_lighting):
    response = felanmalan.post("/api/v1/cases", {"category": "gatubelysning", "subject": "  "})

    assert response.status_code == 422
    assert response.json()["code"] == "required"
    assert response.json()["field"] == "subject"


def test_a_wrong_key_is_401(felanmalan, street_lighting, client):
    response = client.get("/api/v1/cases", headers={"Authorization": "Bearer kc_wrong"})

    assert response.status_code == 401
    assert response.json()["code"] == "api.not_authenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_no_key_is_401(client, db):
    assert client.get("/api/v1/categories").status_code == 401


def test_a_key_without_the_scope_is_403(read_only, street_lighting):
    response = read_only.post("/api/v1/cases", {"category": "gatubelysning", "subject": "x"})

    assert response.status_code == 403
    body = response.json()
    assert (body["code"], body["field"], body["params"]) == (
        "api.scope_missing",
        None,
        {"scope": "cases:write"},
    )
    assert body["message"]


def test_another_organisations_case_is_not_found(felanmalan, jarva_system, street_light_case):
    assert felanmalan.get(f"/api/v1/cases/{street_light_case.reference}").status_code == 200

    response = jarva_system.get(f"/api/v1/cases/{street_light_case.reference}")

    assert response.status_code == 404
    assert response.json()["code"] == "case.not_found"
    assert jarva_system.get("/api/v1/cases").json()["items"] == []


def test_the_list_pages_by_cursor_newest_first(felanmalan, make_case):
    made = [make_case(subject=f"Lampa {number}").reference for number in range(5)]

    first = felanmalan.get("/api/v1/cases", limit=2).json()
    second = felanmalan.get("/api/v1/cases", limit=2, cursor=first["next_cursor"]).json()
    third = felanmalan.get("/api/v1/cases", limit=2, cursor=second["next_cursor"]).json()

    pages = [first, second, third]
    assert [item["reference"] for page in pages for item in page["items"]] == made[::-1]
    assert third["next_cursor"] is None


def test_the_list_filters_by_status_and_category(felanmalan, make_case, traffic_officer):
    open_case = make_case()
    closed = services.case_close(actor=traffic_officer, case=make_case(), resolution="Lagad")

    closed_only = felanmalan.get("/api/v1/cases", status="closed").json()["items"]
    by_category = felanmalan.get("/api/v1/cases", category="gatubelysning").json()["items"]

    assert [item["reference"] for item in closed_only] == [closed.reference]
    assert {item["reference"] for item in by_category} == {open_case.reference, closed.reference}


def test_a_forged_cursor_is_refused(felanmalan, db):
    response = felanmalan.get("/api/v1/cases", cursor="not-a-cursor!")

    assert response.status_code == 422
    assert response.json()["code"] == "api.bad_cursor"


def test_status_changes_close_and_reopen_follow_the_desks_rules(felanmalan, street_light_case):
    path = f"/api/v1/cases/{street_light_case.reference}/status"

    assert felanmalan.post(path, {"status": "in_progress"}).json()["status"] == "in_progress"
    refused = felanmalan.post(path, {"status": "closed"})
    closed = felanmalan.post(path, {"status": "closed", "comment": "Lampan är bytt."})
    reopened = felanmalan.post(path, {"status": "in_progress", "comment": "Släckt igen."})

    assert refused.status_code == 422
    assert refused.json()["field"] == "resolution"
    assert closed.json()["status"] == "closed"
    assert reopened.json()["status"] == "in_progress"
    kinds = list(CaseEvent.objects.filter(case=street_light_case).values_list("kind", flat=True))
    assert kinds[-3:] == ["status_changed", "closed", "reopened"]


def test_a_move_the_rules_do_not_allow_is_refused(felanmalan, street_light_case):
    response = felanmalan.post(
        f"/api/v1/cases/{street_light_case.reference}/status", {"status": "new"}
    )

    assert response.status_code == 422
    assert response.json()["code"] == "case.status_change_refused"


def test_notes_and_replies_are_in_the_history(felanmalan, street_light_case):
    reference = street_light_case.reference

    note = felanmalan.post(
        f"/api/v1/cases/{reference}/notes", {"text": "Beställt hos entreprenör."}
    )
    reply = felanmalan.post(f"/api/v1/cases/{reference}/replies", {"text": "Vi byter lampan."})
    events = felanmalan.get(f"/api/v1/cases/{reference}/events").json()

    assert note.status_code == reply.status_code == 200
    assert [(event["kind"], event["by"]) for event in events[-2:]] == [
        ("note_added", "Integration: Felanmälan Trafik"),
        ("reply_sent", "Integration: Felanmälan Trafik"),
    ]
    assert street_light_case.__class__.objects.get(pk=street_light_case.pk).status == (
        CaseStatus.NEW
    )


def test_a_case_of_another_organisation_cannot_be_changed(jarva_system, street_light_case):
    response = jarva_system.post(
        f"/api/v1/cases/{street_light_case.reference}/notes", {"text": "Hej"}
    )

    assert response.status_code == 404
    assert not CaseEvent.objects.filter(kind="note_added").exists()


def test_categories_organisations_and_the_directory_are_readable(
    felanmalan, jarva_system, street_lighting
):
    PersonFactory.create(first_name="Karin", last_name="Holm", title="Gatuingenjör")

    categories = felanmalan.get("/api/v1/categories").json()
    organisations = felanmalan.get("/api/v1/organisations").json()
    refused = felanmalan.get("/api/v1/directory/people", q="Holm")
    found = jarva_system.get("/api/v1/directory/people", q="Holm")

    assert [category["code"] for category in categories] == ["gatubelysning"]
    assert "trafikkontoret" in [organisation["code"] for organisation in organisations]
    assert refused.status_code == 403
    assert [person["name"] for person in found.json()] == ["Karin Holm"]

"""Open311 GeoReport v2, read by the PyPI client `georeport` (written elsewhere, against the
specification) from our server, and posted to the way fault-report apps post."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import httpx
import pytest
from georeport import GeoReport

from kontaktcenter.cases import services
from kontaktcenter.cases.models import Case
from kontaktcenter.routing.models import Category
from tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db(transaction=True)

PLACE = {"lat": "59.3326", "long": "18.0649"}


@pytest.fixture
def potholes(street_lighting: Category) -> Category:
    return CategoryFactory.create(
        name="Potthål i gatan",
        code="potthal",
        parent=street_lighting.parent,
        responsible_organisation=street_lighting.responsible_organisation,
    )


def post_request(base: str, key: str, **fields: str) -> httpx.Response:
    form = {"api_key": key, "service_code": "gatubelysning", **PLACE, **fields}
    return httpx.post(f"{base}/open311/v2/requests.json", data=form, timeout=30)


@pytest.mark.parametrize("output_format", ["json", "xml"])
def test_the_client_reads_our_services_and_definitions(
    api_server, potholes, financial_support, facility_booking, output_format
):
    client = GeoReport(f"{api_server}/open311/v2", output_format=output_format)

    services_read = client.get_service_list()
    definition = client.get_service_definition("gatubelysning")

    # Confidential (S10) and referral-only (S14) categories are no public services.
    assert sorted(service["service_code"] for service in services_read) == [
        "gatubelysning",
        "potthal",
    ]
    lighting = next(s for s in services_read if s["service_code"] == "gatubelysning")
    assert lighting["service_name"] == "Gatubelysning"
    assert str(lighting["metadata"]).lower() == "false"
    assert definition["service_code"] == "gatubelysning"


def test_a_posted_request_becomes_a_case_the_client_then_reads(
    api_server, felanmalan, street_lighting
):
    posted = post_request(
        api_server,
        felanmalan.secret,
        description="Lampan lyser inte.\nStolpe 14 vid busshållplatsen.",
        first_name="Anna",
        last_name="Svensson",
        email="anna.svensson@example.se",
        address_string="Drottninggatan 1, Stockholm",
        **{"attribute[stolpnummer]": "14"},
    )

    assert posted.status_code == 201
    answer = posted.json()[0]
    case = Case.objects.get(reference=answer["service_request_id"])
    assert case.subject == "Lampan lyser inte."
    assert case.responsible_organisation.code == "trafikkontoret"
    assert case.party is not None
    assert case.party.name == "Anna Svensson"
    assert case.integration_intake.attributes == {"stolpnummer": ["14"]}

    for output_format in ("json", "xml"):
        client = GeoReport(f"{api_server}/open311/v2", output_format=output_format)
        read = client.get_service_request(answer["service_request_id"])
        listed = client.get_service_requests(service_code="gatubelysning")
        if isinstance(listed, dict):  # xmltodict gives one request as a dict
            listed = [listed]
        assert read["service_request_id"] == case.reference
        assert read["status"] == "open"
        assert read["address"] == "Drottninggatan 1, Stockholm"
        assert read["lat"] == "59.332600"
        assert [item["service_request_id"] for item in listed] == [case.reference]

    token = httpx.get(f"{api_server}/open311/v2/tokens/{answer['token']}.json").json()
    assert token == [{"service_request_id": case.reference, "token": answer["token"]}]


def test_without_a_key_only_requests_sent_through_open311_are_listed_without_their_words(
    api_server, felanmalan, make_case
):
    desk_case = make_case()
    posted = post_request(api_server, felanmalan.secret, description="Anna ringer 070-1234567")
    reference = posted.json()[0]["service_request_id"]

    public = GeoReport(f"{api_server}/open311/v2").get_service_requests()
    keyed = httpx.get(
        f"{api_server}/open311/v2/requests.json", params={"api_key": felanmalan.secret}
    ).json()

    assert [item["service_request_id"] for item in public] == [reference]
    assert public[0]["description"] == ""
    assert {item["service_request_id"] for item in keyed} == {reference, desk_case.reference}
    assert next(i for i in keyed if i["service_request_id"] == reference)["description"] == (
        "Anna ringer 070-1234567"
    )


def test_requests_filter_by_status(api_server, felanmalan, street_lighting, traffic_officer):
    first = post_request(api_server, felanmalan.secret).json()[0]["service_request_id"]
    second = post_request(api_server, felanmalan.secret).json()[0]["service_request_id"]
    services.case_close(
        actor=traffic_officer, case=Case.objects.get(reference=second), resolution="Lagad"
    )
    client = GeoReport(f"{api_server}/open311/v2")

    closed = client.get_service_requests(status="closed")
    still_open = client.get_service_requests(status="open")

    assert [item["service_request_id"] for item in closed] == [second]
    assert [item["service_request_id"] for item in still_open] == [first]


@pytest.mark.parametrize(
    ("fields", "status"),
    [
        ({"api_key": "kc_wrong"}, 403),
        ({"api_key": ""}, 403),
        ({"service_code": "finns-inte"}, 404),
        ({"service_code": ""}, 400),
        ({"lat": "", "long": ""}, 400),
        ({"lat": "91"}, 400),
        ({"lat": "abc"}, 400),
    ],
)
def test_bad_posts_get_the_specifications_errors(
    api_server, felanmalan, street_lighting, fields, status
):
    form = {"api_key": felanmalan.secret, "service_code": "gatubelysning", **PLACE, **fields}

    as_json = httpx.post(f"{api_server}/open311/v2/requests.json", data=form)
    as_xml = httpx.post(f"{api_server}/open311/v2/requests.xml", data=form)

    assert as_json.status_code == as_xml.status_code == status
    error = as_json.json()[0]
    assert error["code"] == status
    assert error["description"]
    root = ET.fromstring(as_xml.content)  # noqa: S314 - our own server's answer
    assert root.tag == "errors"
    assert root.find("error/code").text == str(status)  # type: ignore[union-attr]
    assert not Case.objects.exists()


def test_a_key_without_the_open311_scope_may_not_post(api_server, read_only, street_lighting):
    response = post_request(api_server, read_only.secret)

    assert response.status_code == 403
    assert not Case.objects.exists()


def test_an_unknown_request_is_404_in_the_specifications_format(api_server, db):
    response = httpx.get(f"{api_server}/open311/v2/requests/KC-2026-999999.xml")

    assert response.status_code == 404
    assert ET.fromstring(response.content).tag == "errors"  # noqa: S314


def test_status_changes_are_followed_through_servicerequestupdates(
    api_server, felanmalan, jarva_system, street_lighting, traffic_officer, clock
):
    reference = post_request(api_server, felanmalan.secret).json()[0]["service_request_id"]
    case = Case.objects.get(reference=reference)
    clock.advance(hours=1)
    services.case_change_status(actor=traffic_officer, case=case, status="in_progress")
    clock.advance(hours=1)
    services.case_reply(actor=traffic_officer, case=case, text="Lampan byts på torsdag.")
    clock.advance(hours=1)
    services.case_close(actor=traffic_officer, case=case, resolution="Bytt")
    window = {"start_date": "2026-03-10T00:00:00Z", "end_date": "2026-03-11T00:00:00Z"}

    updates = httpx.get(
        f"{api_server}/open311/v2/servicerequestupdates.json",
        params={"api_key": felanmalan.secret, **window},
    ).json()
    as_xml = httpx.get(
        f"{api_server}/open311/v2/servicerequestupdates.xml",
        params={"api_key": felanmalan.secret, **window},
    )
    others = httpx.get(
        f"{api_server}/open311/v2/servicerequestupdates.json",
        params={"api_key": jarva_system.secret, **window},
    ).json()

    assert [(u["service_request_id"], u["status"], u["description"]) for u in updates] == [
        (reference, "in_progress", ""),
        (reference, "in_progress", "Lampan byts på torsdag."),
        (reference, "closed", ""),
    ]
    root = ET.fromstring(as_xml.content)  # noqa: S314
    assert root.tag == "service_request_updates"
    assert len(root.findall("request_update")) == 3
    assert others == []


def test_discovery_names_the_endpoint_in_both_formats(api_server, db):
    as_json = httpx.get(f"{api_server}/open311/discovery.json").json()
    as_xml = ET.fromstring(httpx.get(f"{api_server}/open311/discovery.xml").content)  # noqa: S314

    assert as_json["endpoints"][0]["url"] == f"{api_server}/open311/v2/"
    assert as_json["endpoints"][0]["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert as_xml.find("endpoints/endpoint/url").text == f"{api_server}/open311/v2/"  # type: ignore[union-attr]


@pytest.mark.parametrize("output_format", ["json", "xml"])
def test_a_category_with_a_case_type_defines_its_form_as_attributes(
    api_server, street_lighting, potholes, traffic_admin, output_format
):
    services.case_type_save(
        actor=traffic_admin,
        category=street_lighting,
        name="Felanmälan gatubelysning",
        fields_text=(
            "Stolpnummer | text | * | Numret på stolpens skylt\n"
            "Fel | choice | * | | Släckt; Blinkar; Lyser på dagen\n"
            "Farligt läge | yes_no\n"
        ),
        checklist_text="Kontrollera stolpen",
    )
    client = GeoReport(f"{api_server}/open311/v2", output_format=output_format)

    lighting = next(s for s in client.get_service_list() if s["service_code"] == "gatubelysning")
    definition = client.get_service_definition("gatubelysning")

    assert str(lighting["metadata"]).lower() == "true"
    attributes = definition["attributes"]
    if isinstance(attributes, dict):  # XML: <attributes><attribute>…</attribute>…</attributes>
        attributes = attributes["attribute"]
    assert [a["code"] for a in attributes] == ["stolpnummer", "fel", "farligt_lage"]
    assert [a["datatype"] for a in attributes] == ["string", "singlevaluelist", "singlevaluelist"]
    assert [str(a["required"]).lower() for a in attributes] == ["true", "true", "false"]
    assert attributes[0]["description"] == "Stolpnummer"
    assert "stolpens skylt" in attributes[0]["datatype_description"]
    values = attributes[1]["values"]
    if isinstance(values, dict):
        values = values["value"]
    assert [v["key"] for v in values] == ["Släckt", "Blinkar", "Lyser på dagen"]

"""Open311 GeoReport v2 (S13): a new case becomes a service request in the receiving city
system, and the receiver's id and status come back to the case by polling.

Everything goes over real sockets to the test server in conftest.py (`open311_server`).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db.models import QuerySet

from kontaktcenter.accounts.actors import SystemActor
from kontaktcenter.accounts.models import User
from kontaktcenter.cases import services as case_services
from kontaktcenter.cases.choices import CaseEventKind
from kontaktcenter.cases.models import Case, CaseEvent
from kontaktcenter.core.errors import ValidationError
from kontaktcenter.directory.models import Organisation
from kontaktcenter.forwarding.adapters.open311 import DESCRIPTION_LIMIT, polling
from kontaktcenter.forwarding.choices import AttemptOutcome, DeliveryStatus
from kontaktcenter.forwarding.models import Delivery, Endpoint, ExternalReference
from kontaktcenter.forwarding.services import endpoint_create
from kontaktcenter.forwarding.worker import Worker
from kontaktcenter.routing.models import Category
from tests.conftest import Clock, MakeCase
from tests.factories import CategoryFactory
from tests.forwarding.conftest import Open311TestServer

TEST = SystemActor("test")

# The worker calls close_old_connections() before each batch, which closes a connection held in
# a test's wrapping transaction; so these tests commit for real and the tables are emptied after.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def allow_local_receivers(settings: Any) -> None:
    settings.FORWARDING_ALLOWED_HOSTS = ["127.0.0.1"]


def open311_endpoint(
    server: Open311TestServer,
    organisation: Organisation,
    service_codes: dict[int, str],
    *,
    url: str | None = None,
    **options: object,
) -> Endpoint:
    return endpoint_create(
        actor=TEST,
        organisation=organisation,
        name="Felanmälan",
        kind="open311",
        url=url or server.url,
        api_key=server.api_key,
        jurisdiction_id="stockholm.se",
        service_codes=service_codes,
        **options,  # type: ignore[arg-type]
    )


@pytest.fixture
def endpoint(
    allow_local_receivers: None,
    open311_server: Open311TestServer,
    traffic_office: Organisation,
    street_lighting: Category,
) -> Endpoint:
    """Trafikkontoret's fault-report system, which knows street lights as "streetlight"."""
    return open311_endpoint(open311_server, traffic_office, {street_lighting.pk: "streetlight"})


def send_due() -> int:
    return Worker(duties=[]).run_due()


def delivery_of(case: Case) -> Delivery:
    return Delivery.objects.get(case=case)


def external_updates(case: Case) -> QuerySet[CaseEvent]:
    return CaseEvent.objects.filter(case=case, kind=CaseEventKind.EXTERNAL_UPDATE).order_by("id")


# --- what we send -------------------------------------------------------------------------------


def test_a_new_case_is_posted_as_a_form_with_the_mapped_service_code(
    endpoint: Endpoint, open311_server: Open311TestServer, make_case: MakeCase, jarva: Organisation
) -> None:
    case = make_case(description="Lampan har varit släckt i en vecka.", district=jarva)

    assert send_due() == 1

    [post] = open311_server.posts()
    assert post.path == "/open311/v2/requests.json"
    assert post.content_type == "application/x-www-form-urlencoded"
    assert post.field("api_key") == open311_server.api_key
    assert post.field("jurisdiction_id") == "stockholm.se"
    assert post.field("service_code") == "streetlight"
    assert post.field("description") == (
        "Trasig gatlampa på Rinkebysvängen\n\nLampan har varit släckt i en vecka.\n\n"
        f"Kontaktcenter: {case.reference}"
    )
    # No coordinates yet: the resident's district is the location.
    assert post.field("address_string") == "Järva stadsdelsförvaltning"
    # The resident did not agree to their details being passed on.
    assert not {"first_name", "last_name", "email", "phone"} & post.form.keys()


def test_the_residents_details_are_sent_only_with_their_consent(
    endpoint: Endpoint, open311_server: Open311TestServer, make_case: MakeCase
) -> None:
    make_case(share_contact_details=True)

    send_due()

    [post] = open311_server.posts()
    assert post.field("first_name") == "Anna"
    assert post.field("last_name") == "Svensson"
    assert post.field("email") == "anna.svensson@example.se"
    assert post.field("phone") == "+46701234567"
    # Without a district the city is the location.
    assert post.field("address_string") == "Stockholm"


def test_a_long_description_is_cut_to_georeports_limit_keeping_the_reference(
    endpoint: Endpoint, open311_server: Open311TestServer, make_case: MakeCase
) -> None:
    case = make_case(description="Mörkt. " * 1000)

    send_due()

    description = open311_server.posts()[0].field("description")
    assert len(description) == DESCRIPTION_LIMIT
    assert description.endswith(f"…\n\nKontaktcenter: {case.reference}")


def test_a_subcategory_uses_its_parents_service_code(
    endpoint: Endpoint,
    open311_server: Open311TestServer,
    make_case: MakeCase,
    street_lighting: Category,
    traffic_office: Organisation,
) -> None:
    flickering = CategoryFactory.create(
        name="Blinkande gatlampa", parent=street_lighting, responsible_organisation=traffic_office
    )

    make_case(category=flickering)
    send_due()

    assert open311_server.posts()[0].field("service_code") == "streetlight"


def test_a_trailing_slash_in_the_address_is_allowed(
    allow_local_receivers: None,
    open311_server: Open311TestServer,
    traffic_office: Organisation,
    street_lighting: Category,
    make_case: MakeCase,
) -> None:
    open311_endpoint(
        open311_server,
        traffic_office,
        {street_lighting.pk: "streetlight"},
        url=open311_server.url + "/",
    )

    make_case()
    send_due()

    assert [post.path for post in open311_server.posts()] == ["/open311/v2/requests.json"]


# --- what comes back ----------------------------------------------------------------------------


def test_the_service_request_id_becomes_the_cases_external_reference(
    endpoint: Endpoint, open311_server: Open311TestServer, make_case: MakeCase
) -> None:
    case = make_case()

    send_due()

    [service_request_id] = open311_server.requests
    delivery = delivery_of(case)
    assert delivery.status == DeliveryStatus.DELIVERED
    assert delivery.external_reference == service_request_id
    assert delivery.open311_token == ""
    [attempt] = delivery.attempt_log.all()
    assert attempt.outcome == AttemptOutcome.DELIVERED
    assert attempt.response_status == 201
    assert "within two weeks" in attempt.response_excerpt
    external = ExternalReference.objects.get(case=case, endpoint=endpoint)
    assert external.reference == service_request_id
    [event] = external_updates(case)
    assert event.data["endpoint"] == "Felanmälan"
    assert event.data["reference"] == service_request_id


def test_a_token_is_exchanged_for_the_service_request_id_by_polling(
    endpoint: Endpoint, open311_server: Open311TestServer, make_case: MakeCase
) -> None:
    open311_server.answer = "token"
    case = make_case()

    send_due()

    delivery = delivery_of(case)
    [token] = open311_server.tokens
    assert delivery.status == DeliveryStatus.DELIVERED
    assert delivery.open311_token == token
    assert delivery.external_reference == ""
    assert not ExternalReference.objects.filter(case=case).exists()

    # The receiver has not made the request yet: nothing to keep.
    assert polling.poll_all().tokens_resolved == 0
    assert not ExternalReference.objects.filter(case=case).exists()
    [asked] = open311_server.gets("tokens")
    assert asked.path == f"/open311/v2/tokens/{token}.json"
    assert asked.field("api_key") == open311_server.api_key
    assert asked.field("jurisdiction_id") == "stockholm.se"

    service_request_id = open311_server.resolve_token(token)
    assert polling.poll_all().tokens_resolved == 1

    delivery.refresh_from_db()
    assert delivery.external_reference == service_request_id
    assert ExternalReference.objects.get(case=case).reference == service_request_id
    # The same run also asks for the new request's status.
    [resolved, opened] = external_updates(case)
    assert resolved.data["reference"] == service_request_id
    assert opened.data["status"] == "open"

    # Resolved tokens are not asked about again.
    polling.poll_all()
    assert len(open311_server.gets("tokens")) == 2


def test_a_status_change_there_becomes_one_case_event_however_often_it_is_polled(
    endpoint: Endpoint, open311_server: Open311TestServer, make_case: MakeCase
) -> None:
    case = make_case()
    send_due()
    [service_request_id] = open311_server.requests

    assert polling.poll_all().updates == 1  # "open"
    assert polling.poll_all().updates == 0
    [_reference, opened] = external_updates(case)
    assert opened.data["status"] == "open"
    [asked, _again] = open311_server.gets("requests")
    assert asked.field("service_request_id") == service_request_id
    assert asked.field("api_key") == open311_server.api_key

    open311_server.set_status(service_request_id, "closed", "Lampan är lagad.")
    assert polling.poll_all().updates == 1
    assert polling.poll_all().updates == 0

    external = ExternalReference.objects.get(case=case, endpoint=endpoint)
    assert (external.status, external.message) == ("closed", "Lampan är lagad.")
    [_reference, _opened, closed] = external_updates(case)
    assert closed.data["status"] == "closed"
    assert closed.data["message"] == "Lampan är lagad."
    # Closed there: no longer asked about.
    assert len(open311_server.gets("requests")) == 3


def test_statuses_are_asked_for_in_batches(
    endpoint: Endpoint, open311_server: Open311TestServer, make_case: MakeCase
) -> None:
    for number in range(polling.STATUS_BATCH + 1):
        make_case(subject=f"Trasig gatlampa nummer {number}")
    send_due()

    assert polling.poll_all().updates == polling.STATUS_BATCH + 1

    asked = [
        len(get.field("service_request_id").split(",")) for get in open311_server.gets("requests")
    ]
    assert asked == [polling.STATUS_BATCH, 1]


def test_the_worker_polls_as_one_of_its_duties(
    endpoint: Endpoint, open311_server: Open311TestServer, make_case: MakeCase
) -> None:
    case = make_case()

    Worker().run_once()

    assert ExternalReference.objects.get(case=case).status == "open"
    assert len(open311_server.gets("requests")) == 1


def test_a_failing_receiver_is_logged_and_asked_again_next_time(
    endpoint: Endpoint,
    open311_server: Open311TestServer,
    make_case: MakeCase,
    caplog: pytest.LogCaptureFixture,
) -> None:
    case = make_case()
    send_due()
    open311_server.fail_gets = True

    report = polling.poll_all()

    assert (report.updates, report.failures) == (0, 1)
    assert "HTTP 503" in caplog.text
    assert open311_server.api_key not in caplog.text
    open311_server.fail_gets = False
    assert polling.poll_all().updates == 1
    assert ExternalReference.objects.get(case=case).status == "open"


def test_after_an_erasure_the_receivers_notes_are_not_kept(
    endpoint: Endpoint, open311_server: Open311TestServer, make_case: MakeCase, sysadmin: User
) -> None:
    case = make_case()
    send_due()
    [service_request_id] = open311_server.requests
    assert case.party is not None
    case_services.party_scrub(actor=sysadmin, party=case.party)

    open311_server.set_status(service_request_id, "closed", "Anna Svensson fick svar.")
    polling.poll_all()

    external = ExternalReference.objects.get(case=case)
    assert (external.status, external.message) == ("closed", "")


def test_an_inactive_endpoint_is_not_polled(
    endpoint: Endpoint, open311_server: Open311TestServer, make_case: MakeCase
) -> None:
    make_case()
    send_due()
    Endpoint.objects.filter(pk=endpoint.pk).update(is_active=False)

    polling.poll_all()

    assert open311_server.gets("requests") == []


# --- failures -----------------------------------------------------------------------------------


def test_a_georeport_error_is_dead_at_once_with_its_description(
    allow_local_receivers: None,
    open311_server: Open311TestServer,
    traffic_office: Organisation,
    street_lighting: Category,
    make_case: MakeCase,
) -> None:
    open311_endpoint(open311_server, traffic_office, {street_lighting.pk: "lamp"})
    case = make_case()

    send_due()
    send_due()

    delivery = delivery_of(case)
    assert delivery.status == DeliveryStatus.DEAD
    assert delivery.attempts == 1
    assert "Service code lamp is not a valid service code" in delivery.last_error
    [attempt] = delivery.attempt_log.all()
    assert attempt.outcome == AttemptOutcome.PERMANENT
    assert attempt.response_status == 400
    assert "Service code lamp is not a valid service code" in attempt.response_excerpt
    assert len(open311_server.posts()) == 1


def test_an_unavailable_receiver_is_tried_again_later(
    endpoint: Endpoint, open311_server: Open311TestServer, make_case: MakeCase, clock: Clock
) -> None:
    open311_server.answer = "unavailable"
    case = make_case()

    send_due()

    delivery = delivery_of(case)
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.attempts == 1
    assert delivery.last_error == "HTTP 503"
    # Not before the receiver's Retry-After.
    assert delivery.next_attempt_at >= clock() + timedelta(seconds=open311_server.retry_after)
    [attempt] = delivery.attempt_log.all()
    assert attempt.outcome == AttemptOutcome.RETRY

    assert send_due() == 0  # not due yet
    assert len(open311_server.posts()) == 1

    open311_server.answer = "id"
    clock.set(delivery.next_attempt_at)
    assert send_due() == 1
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert delivery.external_reference in open311_server.requests


def test_an_answer_that_is_not_georeport_json_is_tried_again(
    endpoint: Endpoint, open311_server: Open311TestServer, make_case: MakeCase
) -> None:
    open311_server.answer = "not_json"
    case = make_case()

    send_due()

    delivery = delivery_of(case)
    assert delivery.status == DeliveryStatus.PENDING
    assert "not JSON" in delivery.last_error
    assert delivery.attempt_log.get().outcome == AttemptOutcome.RETRY


def test_a_category_without_a_service_code_is_dead_with_a_clear_message(
    endpoint: Endpoint,
    open311_server: Open311TestServer,
    make_case: MakeCase,
    traffic_office: Organisation,
) -> None:
    potholes = CategoryFactory.create(
        name="Potthål", code="potthal", responsible_organisation=traffic_office
    )
    case = make_case(category=potholes)

    send_due()

    delivery = delivery_of(case)
    assert delivery.status == DeliveryStatus.DEAD
    assert delivery.last_error.startswith(
        "No Open311 service code for the category Potthål (potthal) or its parent category"
    )
    assert open311_server.posts() == []


def test_a_confidential_case_is_never_made_a_public_service_request(
    allow_local_receivers: None,
    open311_server: Open311TestServer,
    jarva: Organisation,
    financial_support: Category,
    make_case: MakeCase,
) -> None:
    open311_endpoint(open311_server, jarva, {financial_support.pk: "streetlight"})
    case = make_case(
        category=financial_support, subject="Fråga om ekonomiskt bistånd", district=jarva
    )

    send_due()

    delivery = delivery_of(case)
    assert delivery.status == DeliveryStatus.DEAD
    assert "confidential" in delivery.last_error
    assert open311_server.posts() == []


def test_an_open311_endpoint_cannot_ask_for_status_changes_or_closing(
    allow_local_receivers: None,
    open311_server: Open311TestServer,
    traffic_office: Organisation,
    street_lighting: Category,
) -> None:
    """GeoReport v2 has no way to carry them, so the administrator is told at once."""
    with pytest.raises(ValidationError) as refused:
        open311_endpoint(
            open311_server,
            traffic_office,
            {street_lighting.pk: "streetlight"},
            sends_status_changes=True,
            sends_closing=True,
        )
    assert refused.value.code == "endpoint.open311_new_only"
    assert not Endpoint.objects.exists()

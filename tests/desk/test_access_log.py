"""The desk logs every confidential case it shows, once per request, in the access log (S10).

The request's id is the one the response carries in X-Request-ID, so the access log and the
server log can be joined. The server makes it; an id sent with the request is not used.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kontaktcenter.accounts.models import User
from kontaktcenter.cases.models import AccessPurpose, Case, CaseAccess
from kontaktcenter.directory.models import Organisation
from tests.conftest import MakeCase
from tests.factories import CategoryFactory, UserFactory

pytestmark = pytest.mark.django_db


def _open(client: Client, user: User, case: Case, request_id: str | None = None):
    """Open the case page; `request_id`, if given, is sent as the request's X-Request-ID."""
    client.force_login(user)
    url = reverse("desk:case", args=[case.reference])
    if request_id is None:
        return client.get(url)
    return client.get(url, HTTP_X_REQUEST_ID=request_id)


def test_opening_a_confidential_case_logs_one_read_of_the_page_under_the_requests_id(
    client: Client, district_officer: User, confidential_case: Case
) -> None:
    events_before = confidential_case.events.count()

    response = _open(client, district_officer, confidential_case)

    assert response.status_code == 200
    access = CaseAccess.objects.get()
    assert (access.case, access.actor, access.purpose) == (
        confidential_case,
        district_officer,
        AccessPurpose.PAGE,
    )
    assert access.request_id == response["X-Request-ID"]
    assert confidential_case.events.count() == events_before


def test_a_request_id_sent_by_the_client_is_not_used(
    client: Client, district_officer: User, confidential_case: Case
) -> None:
    """The server makes every request's id: the log keeps one entry per case and request,
    so an id the client could choose would let it decide which reads are recorded."""
    response = _open(client, district_officer, confidential_case, request_id="chosen-0001")

    issued = response["X-Request-ID"]
    assert issued != "chosen-0001"
    assert CaseAccess.objects.get().request_id == issued


def test_repeating_a_request_id_does_not_hide_the_second_read(
    client: Client, district_officer: User, confidential_case: Case
) -> None:
    for _ in range(2):
        _open(client, district_officer, confidential_case, request_id="retry-0001")

    assert CaseAccess.objects.count() == 2


def test_each_new_request_for_the_page_is_logged(
    client: Client, district_officer: User, confidential_case: Case
) -> None:
    for _ in range(3):
        _open(client, district_officer, confidential_case)

    assert CaseAccess.objects.filter(purpose=AccessPurpose.PAGE).count() == 3


def test_a_reused_request_id_does_not_hide_another_users_read(
    client: Client,
    district_officer: User,
    jarva: Organisation,
    confidential_case: Case,
) -> None:
    """The id comes from outside. If a second reader sends the id of the first reader's
    request, the log must still say that the second reader read the case."""
    colleague = UserFactory.create(case_officer=True, organisation=jarva)
    _open(client, district_officer, confidential_case, request_id="shared-0001")

    _open(client, colleague, confidential_case, request_id="shared-0001")

    readers = set(CaseAccess.objects.values_list("actor", flat=True))
    assert readers == {district_officer.pk, colleague.pk}


def test_a_queue_page_logs_the_confidential_cases_it_lists(
    client: Client,
    district_officer: User,
    jarva: Organisation,
    confidential_case: Case,
    make_case: MakeCase,
) -> None:
    make_case(
        category=CategoryFactory.create(name="Parklek", responsible_organisation=jarva),
        subject="Trasig gunga",
    )
    client.force_login(district_officer)

    response = client.get(reverse("desk:queue", args=[jarva.pk]))

    assert response.status_code == 200
    access = CaseAccess.objects.get()
    assert (access.case, access.purpose, access.request_id) == (
        confidential_case,
        AccessPurpose.QUEUE,
        response["X-Request-ID"],
    )


def test_a_search_logs_the_confidential_cases_it_finds(
    client: Client, district_officer: User, confidential_case: Case
) -> None:
    client.force_login(district_officer)

    response = client.get(reverse("desk:case_search"), {"q": "bistånd"})

    assert confidential_case.reference in response.content.decode()
    access = CaseAccess.objects.get()
    assert (access.case, access.purpose) == (confidential_case, AccessPurpose.SEARCH_HIT)


def test_a_refused_action_that_shows_the_case_again_logs_the_read(
    client: Client, district_officer: User, confidential_case: Case
) -> None:
    client.force_login(district_officer)

    response = client.post(reverse("desk:case_note", args=[confidential_case.reference]), {})

    assert response.status_code == 400
    assert "Fråga om ekonomiskt bistånd" in response.content.decode()
    access = CaseAccess.objects.get()
    assert (access.purpose, access.request_id) == (AccessPurpose.PAGE, response["X-Request-ID"])


def test_reading_ordinary_cases_logs_nothing(
    client: Client,
    traffic_officer: User,
    traffic_office: Organisation,
    street_light_case: Case,
) -> None:
    client.force_login(traffic_officer)

    client.get(reverse("desk:case", args=[street_light_case.reference]))
    client.get(reverse("desk:queue", args=[traffic_office.pk]))
    client.get(reverse("desk:case_search"), {"q": "gatlampa"})

    assert not CaseAccess.objects.exists()

"""The busiest pages cost a fixed number of queries, however long a case's history or a result
list grows: an N+1 slipped into a template would make them slow at Stockholm's scale."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kontaktcenter.accounts.models import User
from kontaktcenter.cases import services
from kontaktcenter.cases.models import Case, Channel
from kontaktcenter.directory.models import Organisation
from kontaktcenter.forwarding import services as forwarding_services
from kontaktcenter.forwarding.models import EndpointKind, Sends
from kontaktcenter.routing.models import Category
from tests.conftest import SETUP, MakeCase, TrafficFeedback
from tests.factories import UnitFactory
from tests.receivers import send_due

# Generous enough for session, user, messages and the page's own reads; tight enough that a
# query per row or per event breaks it. The "Sent to" section adds two: the case's deliveries
# with their endpoints, and the receivers' references.
CASE_PAGE_BUDGET = 12 + 2
# Case work (issue 7) adds five: the case type with its current version, the opening hours
# behind the deadline flag, and the choices of the assign, queue and forward forms.
CASE_PAGE_BUDGET += 5
# Attachments and related cases add four: the files, the cases merged into or below it, the
# links, and the related cases read.
CASE_PAGE_BUDGET += 4
# One more than a plain list: the search first asks how common its words are (cases.search).
SEARCH_BUDGET = 7
CONTACT_DESK_BUDGET = 4
# Logging a confidential read: look for this request's entries, then write the new ones (in a
# savepoint, which the database counts as two more statements).
ACCESS_LOG_QUERIES = 4


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def _busy(case: Case, officer: User, rounds: int) -> None:
    for number in range(rounds):
        services.case_add_note(actor=officer, case=case, text=f"Anteckning {number}")
        services.case_reply(actor=officer, case=case, text=f"Svar {number}")


@pytest.mark.django_db
def test_the_case_page_costs_the_same_with_a_long_history(
    client: Client, traffic_officer: User, street_light_case: Case
) -> None:
    client.force_login(traffic_officer)
    url = reverse("desk:case", args=[street_light_case.reference])
    _busy(street_light_case, traffic_officer, 2)
    short = _queries(client, url)
    _busy(street_light_case, traffic_officer, 10)
    long = _queries(client, url)
    assert long == short
    assert long <= CASE_PAGE_BUDGET


@pytest.mark.django_db
def test_a_confidential_case_page_stays_within_budget_while_logging_the_read(
    client: Client, district_officer: User, confidential_case: Case
) -> None:
    client.force_login(district_officer)
    _busy(confidential_case, district_officer, 5)
    queries = _queries(client, reverse("desk:case", args=[confidential_case.reference]))
    assert queries <= CASE_PAGE_BUDGET + ACCESS_LOG_QUERIES


@pytest.mark.django_db
def test_search_costs_the_same_for_few_and_many_hits(
    client: Client, tier1_agent: User, make_case: MakeCase
) -> None:
    client.force_login(tier1_agent)
    url = reverse("desk:case_search") + "?q=gatlampa"
    for _ in range(2):
        make_case()
    few = _queries(client, url)
    for _ in range(12):
        make_case()
    many = _queries(client, url)
    assert many == few
    assert many <= SEARCH_BUDGET


@pytest.mark.django_db
def test_the_contact_desk_costs_the_same_with_many_recent_contacts(
    client: Client, tier1_agent: User, make_case: MakeCase
) -> None:
    client.force_login(tier1_agent)
    url = reverse("desk:contact_desk")

    def contacts(count: int) -> None:
        for _ in range(count):
            contact = services.contact_start(actor=tier1_agent, channel=Channel.PHONE)
            make_case(contact=contact, question="Fråga om gatlampa")

    contacts(2)
    few = _queries(client, url)
    contacts(12)
    many = _queries(client, url)
    assert many == few
    assert many <= CONTACT_DESK_BUDGET


# The endpoint list: session, user, the administrator's organisation scope, the endpoints, their
# categories, the delivery counts, the last day's attempts, the failing-endpoints warning and
# the user's organisation in the page header.
ENDPOINT_LIST_BUDGET = 9
# The quality report: session, user, the chosen organisation (form, then report), the
# organisation tree, one grouped scan, category and organisation names, one slice of cases with
# its references and deliveries, the organisations to choose from and the page header.
QUALITY_REPORT_BUDGET = 13


def _mailboxes(
    organisations: list[Organisation], categories: list[Category], first: int = 0
) -> None:
    for number, organisation in enumerate(organisations, start=first):
        forwarding_services.endpoint_create(
            actor=SETUP,
            organisation=organisation,
            name=f"Brevlåda {number}",
            kind=EndpointKind.EMAIL,
            email=f"brevlada{number}@example.se",
            sends=Sends.CATEGORIES,
            categories=categories,
        )


@pytest.mark.django_db
def test_the_endpoint_list_costs_the_same_for_many_endpoints_and_deliveries(
    client: Client,
    traffic_admin: User,
    traffic_office: Organisation,
    street_lighting: Category,
    make_case: MakeCase,
) -> None:
    client.force_login(traffic_admin)
    url = reverse("desk:endpoints")
    _mailboxes([traffic_office], [street_lighting])
    make_case()
    send_due()
    few = _queries(client, url)
    units = [UnitFactory.create(parent=traffic_office) for _ in range(5)]
    _mailboxes(units, [street_lighting])
    _mailboxes([traffic_office], [street_lighting], first=len(units) + 1)
    for _ in range(5):
        make_case()
    send_due()
    many = _queries(client, url)
    assert many == few
    assert many <= ENDPOINT_LIST_BUDGET


@pytest.mark.django_db
def test_the_quality_report_costs_the_same_for_few_and_many_cases(
    client: Client,
    analyst: User,
    traffic_office: Organisation,
    traffic_feedback: TrafficFeedback,
    complaints: Category,
    make_case: MakeCase,
) -> None:
    client.force_login(analyst)
    url = (
        reverse("desk:quality_report")
        + "?"
        + urlencode(
            {"organisation": traffic_office.pk, "first_day": "2026-02-09", "last_day": "2026-03-10"}
        )
    )
    few = _queries(client, url)
    for _ in range(15):
        make_case(category=complaints, concerns=traffic_office)
    send_due()
    many = _queries(client, url)
    assert many == few
    assert many <= QUALITY_REPORT_BUDGET

"""Each role starts its day on its own page; the queue stays cheap however long it gets."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kontaktcenter.accounts.models import User
from kontaktcenter.directory.indexing import reindex_all
from kontaktcenter.directory.models import Organisation
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("person", "start_page"),
    [
        ("tier1_agent", "desk:contact_desk"),
        ("switchboard_operator", "desk:directory"),
        ("traffic_officer", "desk:my_queue"),
        ("analyst", "desk:statistics"),
    ],
)
def test_home_sends_each_role_to_its_start_page(
    client: Client, request: pytest.FixtureRequest, person: str, start_page: str
) -> None:
    client.force_login(request.getfixturevalue(person))
    assert client.get(reverse("desk:home"))["Location"] == reverse(start_page)


def test_anonymous_visitors_are_asked_to_log_in(client: Client) -> None:
    response = client.get(reverse("desk:contact_desk"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_queue_lists_the_organisations_open_cases_oldest_first(
    client: Client, traffic_officer: User, make_case, clock
) -> None:
    first = make_case(subject="Första")
    clock.advance(hours=1)
    second = make_case(subject="Andra")
    client.force_login(traffic_officer)
    page = client.get(reverse("desk:my_queue"), follow=True).content.decode()
    assert page.index(first.reference) < page.index(second.reference)


def test_the_queue_costs_the_same_number_of_queries_for_many_cases(
    client: Client,
    traffic_officer: User,
    traffic_office: Organisation,
    make_case,
    django_assert_max_num_queries,
) -> None:
    for number in range(30):
        make_case(subject=f"Gatlampa {number}")
    client.force_login(traffic_officer)
    # The filters' choices (categories, assignees, queues), the opening hours behind the
    # deadline flags and the page read as ids then rows replaced the paginator's count.
    with django_assert_max_num_queries(14):
        response = client.get(reverse("desk:queue", args=[traffic_office.pk]))
    assert response.status_code == 200


def test_an_officer_finds_no_queue_of_another_organisation(
    client: Client, district_officer: User, traffic_office: Organisation
) -> None:
    client.force_login(district_officer)
    assert client.get(reverse("desk:queue", args=[traffic_office.pk])).status_code == 404


def test_statistics_refuse_a_period_that_ends_before_it_starts(
    client: Client, analyst: User
) -> None:
    client.force_login(analyst)
    response = client.get(
        reverse("desk:statistics"), {"first_day": "2026-05-10", "last_day": "2026-05-01"}
    )
    assert response.status_code == 400
    assert "last day is before its first day" in response.content.decode()


def test_a_case_officer_may_not_see_statistics(client: Client, traffic_officer: User) -> None:
    client.force_login(traffic_officer)
    assert client.get(reverse("desk:statistics")).status_code == 403


def test_the_switchboard_finds_a_person_by_name_and_organisation(
    client: Client, switchboard_operator: User, traffic_office: Organisation
) -> None:
    PersonFactory.create(
        first_name="Karin", last_name="Holm", organisation=traffic_office, phone="+46850826000"
    )
    PersonFactory.create(first_name="Karin", last_name="Berg")
    reindex_all()  # as the directory's import and admin do after a change
    client.force_login(switchboard_operator)
    page = client.get(reverse("desk:directory"), {"q": "karin trafik"}).content.decode()
    assert "Karin Holm" in page
    assert "Karin Berg" not in page


def test_tier2_agents_work_the_contact_centers_own_queue(
    client: Client, tier2_agent: User, operator: Organisation
) -> None:
    client.force_login(tier2_agent)
    response = client.get(reverse("desk:my_queue"))
    assert response["Location"] == reverse("desk:queue", args=[operator.pk])


def test_a_forbidden_page_explains_itself_in_the_users_language(
    client: Client, traffic_officer: User
) -> None:
    client.force_login(traffic_officer)
    response = client.get(reverse("desk:statistics"), HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 403
    assert "Åtkomst nekad" in response.content.decode()

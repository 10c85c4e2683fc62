"""Related cases in the desk: relate from the case page by reference, split on a page of its
own, and the panel that lists what the reader may see."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kontaktcenter.accounts.models import User
from kontaktcenter.cases import services
from kontaktcenter.cases.models import Case, CaseLink, CaseStatus
from tests.cases import files
from tests.conftest import MakeCase

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_reports(make_case: MakeCase) -> tuple[Case, Case]:
    return make_case(), make_case(subject="Gatlampan lyser inte", resident_name="Per Olsson")


def _relate(client: Client, case: Case, other: str, relation: str):
    return client.post(
        reverse("desk:case_relate", args=[case.reference]),
        {"other": other, "relation": relation},
    )


def test_an_officer_links_two_cases_and_both_pages_show_it(
    client: Client, traffic_officer: User, two_reports: tuple[Case, Case]
) -> None:
    first, second = two_reports
    client.force_login(traffic_officer)

    response = _relate(client, first, second.reference.lower(), "link")

    assert response.status_code == 302
    for case, other in ((first, second), (second, first)):
        page = client.get(reverse("desk:case", args=[case.reference])).content.decode()
        assert reverse("desk:case", args=[other.reference]) in page


def test_merging_from_the_page_leads_to_the_survivor(
    client: Client, traffic_officer: User, two_reports: tuple[Case, Case]
) -> None:
    first, second = two_reports
    client.force_login(traffic_officer)

    response = _relate(client, second, first.reference, "merge")

    assert response["Location"] == reverse("desk:case", args=[first.reference])
    merged_page = client.get(reverse("desk:case", args=[second.reference])).content.decode()
    assert f"This case was merged into {first.reference}" in merged_page


def test_an_unknown_reference_is_shown_on_the_field(
    client: Client, traffic_officer: User, two_reports: tuple[Case, Case]
) -> None:
    first, _second = two_reports
    client.force_login(traffic_officer)

    response = _relate(client, first, "KC-2026-999999", "link")

    assert response.status_code == 400
    assert "No case with reference KC-2026-999999" in response.content.decode()
    assert not CaseLink.objects.exists()


def test_closing_a_parent_with_an_open_child_is_refused_on_the_page(
    client: Client, traffic_officer: User, two_reports: tuple[Case, Case]
) -> None:
    first, second = two_reports
    client.force_login(traffic_officer)
    _relate(client, first, second.reference, "child")

    response = client.post(
        reverse("desk:case_close", args=[first.reference]), {"resolution": "Klart."}
    )

    assert response.status_code == 400
    assert f"{second.reference} are still open" in response.content.decode()
    first.refresh_from_db()
    assert first.status != CaseStatus.CLOSED


def test_a_tier1_agent_sees_related_cases_but_no_relate_form(
    client: Client,
    traffic_officer: User,
    tier1_agent: User,
    two_reports: tuple[Case, Case],
) -> None:
    first, second = two_reports
    services.case_link(actor=traffic_officer, case=first, other=second)
    client.force_login(tier1_agent)

    page = client.get(reverse("desk:case", args=[first.reference])).content.decode()

    assert second.reference in page
    assert reverse("desk:case_relate", args=[first.reference]) not in page
    response = _relate(client, first, second.reference, "duplicate")
    assert response.status_code == 400
    first.refresh_from_db()
    assert first.status != CaseStatus.CLOSED


def test_splitting_on_its_page_moves_the_chosen_file_to_the_new_case(
    client: Client, traffic_officer: User, street_light_case: Case
) -> None:
    photo = services.attachment_add(
        actor=traffic_officer, case=street_light_case, filename="signal.png", content=files.png()
    )
    client.force_login(traffic_officer)
    url = reverse("desk:case_split", args=[street_light_case.reference])
    assert "signal.png" in client.get(url).content.decode()

    response = client.post(
        url,
        {"subject": "Trasig trafiksignal", "attachments": [str(photo.pk)], "as_child": "on"},
    )

    new_case = Case.objects.exclude(pk=street_light_case.pk).get()
    assert response["Location"] == reverse("desk:case", args=[new_case.reference])
    assert new_case.parent == street_light_case
    assert list(new_case.attachments.values_list("file_name", flat=True)) == ["signal.png"]


def test_the_split_page_is_not_found_for_who_cannot_handle_the_case(
    client: Client, tier1_agent: User, street_light_case: Case
) -> None:
    client.force_login(tier1_agent)

    response = client.get(reverse("desk:case_split", args=[street_light_case.reference]))

    assert response.status_code == 404


def test_the_case_page_costs_the_same_with_many_related_cases_and_files(
    client: Client, traffic_officer: User, street_light_case: Case, make_case: MakeCase
) -> None:
    client.force_login(traffic_officer)
    url = reverse("desk:case", args=[street_light_case.reference])

    def relate_more(count: int) -> int:
        for number in range(count):
            other = make_case(subject=f"Lampa {number}")
            services.case_link(actor=traffic_officer, case=street_light_case, other=other)
            services.case_set_parent(
                actor=traffic_officer, case=make_case(), parent=street_light_case
            )
            services.attachment_add(
                actor=traffic_officer,
                case=street_light_case,
                filename=f"foto-{number}.png",
                content=files.png(),
            )
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    assert relate_more(1) == relate_more(6)

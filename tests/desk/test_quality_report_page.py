"""The quality report page: an organisation and a period (by default the user's own and the
last 30 days of Stockholm's calendar), its figures and cases, and the same as CSV and XLSX."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from kontaktcenter.accounts.models import User
from kontaktcenter.directory.models import Organisation
from tests.conftest import TrafficFeedback

pytestmark = pytest.mark.django_db


def _query(organisation: Organisation, first: str = "2026-02-09", last: str = "2026-03-10") -> str:
    return "?" + urlencode({"organisation": organisation.pk, "first_day": first, "last_day": last})


def test_the_page_opens_on_the_users_organisation_and_stockholms_last_30_days(
    client: Client, traffic_officer: User, traffic_office: Organisation, clock
) -> None:
    # 00:30 on 11 March in Stockholm is still 10 March in UTC.
    clock.set(datetime(2026, 3, 11, 0, 30, tzinfo=ZoneInfo("Europe/Stockholm")).astimezone(UTC))
    client.force_login(traffic_officer)

    response = client.get(reverse("desk:quality_report"))

    assert response.status_code == 200
    chosen = response.context["form"].cleaned_data
    assert chosen["organisation"] == traffic_office
    assert (chosen["first_day"], chosen["last_day"]) == (date(2026, 2, 10), date(2026, 3, 11))


def test_the_page_shows_the_figures_and_where_each_case_went(
    client: Client,
    traffic_admin: User,
    traffic_office: Organisation,
    traffic_feedback: TrafficFeedback,
) -> None:
    client.force_login(traffic_admin)
    response = client.get(reverse("desk:quality_report") + _query(traffic_office))
    page = response.content.decode()

    assert response.status_code == 200
    assert '<span class="figure">3</span> complaints and feedback' in page
    assert '<th scope="row">Klagomål</th><td class="number">2</td>' in page
    assert '<th scope="row">Delivery failed</th><td class="number">1</td>' in page
    assert traffic_feedback.delivered.reference in page
    assert "Synpunktssystemet: Delivered (SYN-2)" in page
    assert traffic_feedback.about_jarva.reference not in page
    assert traffic_feedback.street_light.reference not in page
    assert "Anna Svensson" not in page


def test_an_officer_cannot_ask_for_another_organisations_report(
    client: Client, traffic_officer: User, sports_administration: Organisation
) -> None:
    client.force_login(traffic_officer)
    response = client.get(reverse("desk:quality_report") + _query(sports_administration))
    assert response.status_code == 400
    assert "organisation" in response.context["form"].errors
    assert response.context["report"] is None


def test_a_reversed_period_is_refused_on_the_last_day(
    client: Client, analyst: User, traffic_office: Organisation
) -> None:
    client.force_login(analyst)
    url = reverse("desk:quality_report") + _query(traffic_office, "2026-03-10", "2026-03-01")
    response = client.get(url)
    assert response.status_code == 400
    assert response.context["form"].errors["last_day"] == [
        "The period's last day is before its first day."
    ]


@pytest.mark.parametrize("person", ["tier1_agent", "switchboard_operator"])
def test_agents_may_not_open_the_report(
    client: Client, request: pytest.FixtureRequest, person: str
) -> None:
    client.force_login(request.getfixturevalue(person))
    assert client.get(reverse("desk:quality_report")).status_code == 403
    assert client.get(reverse("desk:quality_report_csv")).status_code == 403


def test_the_menu_offers_the_report_to_case_officers_and_analysts_but_not_agents(
    client: Client, traffic_officer: User, analyst: User, tier1_agent: User
) -> None:
    link = f'href="{reverse("desk:quality_report")}"'
    for user, shown in [(traffic_officer, True), (analyst, True), (tier1_agent, False)]:
        client.force_login(user)
        assert (link in client.get(reverse("desk:directory")).content.decode()) is shown


def test_the_csv_download_opens_in_swedish_excel(
    client: Client,
    analyst: User,
    traffic_office: Organisation,
    traffic_feedback: TrafficFeedback,
) -> None:
    client.force_login(analyst)
    response = client.get(reverse("desk:quality_report_csv") + _query(traffic_office))
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="quality-report-trafikkontoret-2026-02-09-2026-03-10.csv"'
    )
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 4
    by_reference = {row[0]: row for row in rows[1:]}
    delivered = by_reference[traffic_feedback.delivered.reference]
    assert delivered[3] == "Klagomål"
    assert delivered[8:] == ["Synpunktssystemet", "Delivered", "SYN-2"]
    assert "Anna Svensson" not in body.decode("utf-8-sig")


def test_the_xlsx_download_has_the_summary_and_the_cases(
    client: Client,
    analyst: User,
    traffic_office: Organisation,
    traffic_feedback: TrafficFeedback,
) -> None:
    client.force_login(analyst)
    response = client.get(reverse("desk:quality_report_xlsx") + _query(traffic_office))

    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    book = load_workbook(io.BytesIO(response.content))
    summary, cases = book.worksheets
    assert (summary.title, cases.title) == ("Summary", "Cases")
    summary_values = list(summary.iter_rows(values_only=True))
    assert ("Complaints and feedback", 3) in summary_values
    assert ("Klagomål", 2) in summary_values
    assert ("Delivery failed", 1) in summary_values
    assert cases["A1"].value == "Case"
    assert cases["A1"].font.b
    assert cases.max_row == 4
    references = [cases.cell(row=row, column=1).value for row in range(2, 5)]
    assert references == [
        traffic_feedback.delivered.reference,
        traffic_feedback.refused.reference,
        traffic_feedback.waiting.reference,
    ]
    assert cases["J2"].value == "Delivered"
    assert cases["K2"].value == "SYN-2"
    assert isinstance(cases["B2"].value, datetime)

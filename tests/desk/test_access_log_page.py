"""The auditor searches the access log of their organisation's confidential cases by case,
staff member and period, page by page, and downloads it as CSV; nobody else opens it."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from kontaktcenter.accounts.models import User
from kontaktcenter.cases import selectors, services
from kontaktcenter.cases.models import AccessPurpose, Case, CaseAccess
from kontaktcenter.core.errors import PermissionDenied
from tests.cases import files
from tests.conftest import Clock, MakeCase

pytestmark = pytest.mark.django_db


def _read(client: Client, user: User, case: Case) -> None:
    client.force_login(user)
    client.get(reverse("desk:case", args=[case.reference]))


@pytest.fixture
def bromma_case(make_case: MakeCase, financial_support, bromma) -> Case:
    return make_case(category=financial_support, subject="Bistånd Bromma", district=bromma)


def test_the_auditor_sees_who_read_the_districts_confidential_cases(
    client: Client,
    auditor: User,
    district_officer: User,
    other_district_officer: User,
    confidential_case: Case,
    bromma_case: Case,
) -> None:
    _read(client, district_officer, confidential_case)
    _read(client, other_district_officer, bromma_case)
    client.force_login(auditor)

    page = client.get(reverse("desk:access_log")).content.decode()

    assert confidential_case.reference in page
    assert "Amina Yusuf" in page
    # Bromma's reads are Bromma's auditor's business.
    assert bromma_case.reference not in page


def test_searching_by_person_case_and_period(
    client: Client,
    auditor: User,
    district_officer: User,
    confidential_case: Case,
    make_case: MakeCase,
    financial_support,
    jarva,
    clock: Clock,
) -> None:
    second = make_case(category=financial_support, subject="Bistånd två", district=jarva)
    _read(client, district_officer, confidential_case)
    clock.advance(days=3)
    _read(client, district_officer, second)
    client.force_login(auditor)

    def found(**query: str) -> list[str]:
        entries = selectors.access_log(actor=auditor, **query)  # type: ignore[arg-type]
        return [entry.case.reference for entry in entries]

    assert found(person="amina") == [second.reference, confidential_case.reference]
    assert found(person="nobody") == []
    assert found(reference=confidential_case.reference.lower()) == [confidential_case.reference]
    page = client.get(
        reverse("desk:access_log"), {"first_day": "2026-03-10", "last_day": "2026-03-10"}
    ).content.decode()
    assert confidential_case.reference in page
    assert second.reference not in page


def test_a_period_that_ends_before_it_begins_is_refused_on_the_form(
    client: Client, auditor: User
) -> None:
    client.force_login(auditor)

    response = client.get(
        reverse("desk:access_log"), {"first_day": "2026-03-10", "last_day": "2026-03-01"}
    )

    assert response.status_code == 400
    assert "must not be after its last day" in response.content.decode()


def test_pages_go_back_in_time_without_repeating_or_skipping(
    client: Client, auditor: User, district_officer: User, confidential_case: Case, clock: Clock
) -> None:
    for _ in range(7):
        clock.advance(minutes=1)
        _read(client, district_officer, confidential_case)
    entries = selectors.access_log(actor=auditor)

    seen: list[int] = []
    cursor = ""
    while True:
        rows, cursor = selectors.access_log_page(entries, after=cursor, size=3)
        seen += [row.pk for row in rows]
        if not cursor:
            break

    assert seen == list(
        CaseAccess.objects.order_by("-accessed_at", "-id").values_list("pk", flat=True)
    )


def test_the_csv_has_every_matching_entry_with_the_downloaded_file(
    client: Client, auditor: User, district_officer: User, confidential_case: Case
) -> None:
    attachment = services.attachment_add(
        actor=district_officer, case=confidential_case, filename="intyg.pdf", content=files.pdf()
    )
    client.force_login(district_officer)
    client.get(reverse("desk:attachment", args=[confidential_case.reference, attachment.pk]))
    client.force_login(auditor)

    response = client.get(reverse("desk:access_log_csv"), {"person": "amina"})

    assert response["Content-Disposition"] == 'attachment; filename="atkomstlogg.csv"'
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    text = body.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["Time", "Case", "Staff member"]
    assert [(row[1], row[2], row[3], row[4], row[5]) for row in rows[1:]] == [
        (confidential_case.reference, "Amina Yusuf", "amina", "Attachment download", "intyg.pdf")
    ]


@pytest.mark.parametrize(
    "role_fixture", ["district_officer", "district_admin", "sysadmin", "analyst", "supervisor"]
)
def test_only_the_auditor_opens_the_access_log(
    request: pytest.FixtureRequest, client: Client, role_fixture: str
) -> None:
    user = request.getfixturevalue(role_fixture)
    client.force_login(user)

    assert client.get(reverse("desk:access_log")).status_code == 403
    assert client.get(reverse("desk:access_log_csv")).status_code == 403
    with pytest.raises(PermissionDenied):
        selectors.access_log(actor=user)


def test_the_menu_offers_the_access_log_to_the_auditor_only(
    client: Client, auditor: User, district_officer: User
) -> None:
    client.force_login(auditor)
    start = client.get(reverse("desk:home"), follow=True)
    assert start.redirect_chain[-1][0] == reverse("desk:access_log")
    assert f'href="{reverse("desk:access_log")}"' in start.content.decode()
    client.force_login(district_officer)
    page = client.get(reverse("desk:home"), follow=True).content.decode()
    assert f'href="{reverse("desk:access_log")}"' not in page


def test_the_auditor_reads_no_case(
    client: Client, auditor: User, confidential_case: Case, street_light_case: Case
) -> None:
    client.force_login(auditor)

    for case in (confidential_case, street_light_case):
        assert client.get(reverse("desk:case", args=[case.reference])).status_code == 404
    assert not CaseAccess.objects.filter(purpose=AccessPurpose.PAGE, refused=False).exists()
    # The attempt on the confidential case is in the log, as refused (issue 16).
    assert list(CaseAccess.objects.values_list("case", "refused")) == [(confidential_case.pk, True)]

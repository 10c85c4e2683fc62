"""Attachments in the desk: uploaded on the case page, listed there, and downloaded as files
only by those who may read the case; downloads from confidential cases are in the access log."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from kontaktcenter.accounts.models import User
from kontaktcenter.cases import services
from kontaktcenter.cases.models import AccessPurpose, Attachment, Case, CaseAccess
from tests.cases import files

pytestmark = pytest.mark.django_db


def _upload(client: Client, case: Case, name: str, content: bytes, content_type: str):
    return client.post(
        reverse("desk:attachment_upload", args=[case.reference]),
        {"file": SimpleUploadedFile(name, content, content_type=content_type)},
    )


def test_an_officer_uploads_a_photo_and_sees_it_on_the_case_page(
    client: Client, traffic_officer: User, street_light_case: Case
) -> None:
    client.force_login(traffic_officer)

    response = _upload(client, street_light_case, "lampan.png", files.png(), "image/png")

    assert response.status_code == 302
    page = client.get(reverse("desk:case", args=[street_light_case.reference])).content.decode()
    attachment = Attachment.objects.get()
    assert "lampan.png" in page
    assert reverse("desk:attachment", args=[street_light_case.reference, attachment.pk]) in page


def test_a_refused_upload_says_why_on_the_page(
    client: Client, traffic_officer: User, street_light_case: Case
) -> None:
    client.force_login(traffic_officer)

    response = _upload(
        client, street_light_case, "virus.pdf", files.windows_program(), "application/pdf"
    )

    assert response.status_code == 400
    assert "cannot be attached" in response.content.decode()
    assert not Attachment.objects.exists()


def test_an_upload_over_the_limit_is_refused_before_it_is_read(
    client: Client, traffic_officer: User, street_light_case: Case, settings: Settings
) -> None:
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
    client.force_login(traffic_officer)

    response = _upload(
        client, street_light_case, "stor.pdf", files.pdf() + b"0" * 1024 * 1024, "application/pdf"
    )

    assert response.status_code == 400
    assert "larger than 1 MB" in response.content.decode()


def test_the_download_is_a_file_never_shown_in_the_browser(
    client: Client, traffic_officer: User, street_light_case: Case
) -> None:
    attachment = services.attachment_add(
        actor=traffic_officer,
        case=street_light_case,
        filename="Foto lampa.png",
        content=files.png(),
    )
    client.force_login(traffic_officer)

    response = client.get(
        reverse("desk:attachment", args=[street_light_case.reference, attachment.pk])
    )

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == files.png()  # type: ignore[attr-defined]
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="Foto lampa.png"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_who_cannot_read_the_case_does_not_find_its_files(
    client: Client, traffic_officer: User, sports_officer: User, street_light_case: Case
) -> None:
    attachment = services.attachment_add(
        actor=traffic_officer, case=street_light_case, filename="a.png", content=files.png()
    )
    client.force_login(sports_officer)

    response = client.get(
        reverse("desk:attachment", args=[street_light_case.reference, attachment.pk])
    )

    assert response.status_code == 404


def test_an_attachment_is_found_only_under_its_own_case(
    client: Client, traffic_officer: User, make_case
) -> None:
    first, second = make_case(), make_case(subject="En annan lampa")
    attachment = services.attachment_add(
        actor=traffic_officer, case=first, filename="a.png", content=files.png()
    )
    client.force_login(traffic_officer)

    response = client.get(reverse("desk:attachment", args=[second.reference, attachment.pk]))

    assert response.status_code == 404


def test_downloading_from_a_confidential_case_is_logged_with_the_file(
    client: Client, district_officer: User, confidential_case: Case
) -> None:
    attachment = services.attachment_add(
        actor=district_officer, case=confidential_case, filename="intyg.pdf", content=files.pdf()
    )
    client.force_login(district_officer)

    response = client.get(
        reverse("desk:attachment", args=[confidential_case.reference, attachment.pk])
    )

    assert response.status_code == 200
    access = CaseAccess.objects.get(purpose=AccessPurpose.DOWNLOAD)
    assert (access.actor, access.attachment, access.request_id) == (
        district_officer,
        attachment,
        response["X-Request-ID"],
    )


def test_downloads_from_ordinary_cases_are_not_logged(
    client: Client, traffic_officer: User, street_light_case: Case
) -> None:
    attachment = services.attachment_add(
        actor=traffic_officer, case=street_light_case, filename="a.png", content=files.png()
    )
    client.force_login(traffic_officer)

    client.get(reverse("desk:attachment", args=[street_light_case.reference, attachment.pk]))

    assert not CaseAccess.objects.exists()


@pytest.mark.parametrize(
    "role_fixture", ["tier2_agent", "district_admin", "other_district_officer"]
)
def test_nobody_but_the_districts_case_officers_downloads_a_confidential_file(
    request: pytest.FixtureRequest,
    client: Client,
    district_officer: User,
    confidential_case: Case,
    role_fixture: str,
) -> None:
    attachment = services.attachment_add(
        actor=district_officer, case=confidential_case, filename="intyg.pdf", content=files.pdf()
    )
    client.force_login(request.getfixturevalue(role_fixture))

    response = client.get(
        reverse("desk:attachment", args=[confidential_case.reference, attachment.pk])
    )

    assert response.status_code == 404
    assert not CaseAccess.objects.filter(purpose=AccessPurpose.DOWNLOAD, refused=False).exists()
    # The attempt itself is in the access log, as refused (issue 16).
    assert CaseAccess.objects.filter(purpose=AccessPurpose.DOWNLOAD, refused=True).count() == 1


def test_the_upload_form_is_shown_only_to_who_may_attach(
    client: Client, sysadmin: User, street_light_case: Case
) -> None:
    client.force_login(sysadmin)

    page = client.get(reverse("desk:case", args=[street_light_case.reference])).content.decode()

    assert "Attachments" in page
    assert reverse("desk:attachment_upload", args=[street_light_case.reference]) not in page

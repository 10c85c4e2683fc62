"""Attachments on a case: checked by their content, stored outside the web root under a random
name, one case event each, and refused with a code when they cannot be accepted."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from pytest_django.fixtures import Settings

from kontaktcenter.accounts.actors import ResidentActor, SystemActor
from kontaktcenter.accounts.models import User
from kontaktcenter.cases import services
from kontaktcenter.cases.models import Attachment, Case, CaseEventKind
from kontaktcenter.cases.services.attachments import safe_file_name
from kontaktcenter.core.errors import NotFound, PermissionDenied, ValidationError
from tests.cases import files

pytestmark = pytest.mark.django_db


def test_an_officer_attaches_a_photo_which_is_stored_under_a_random_name_outside_the_web_root(
    traffic_officer: User, street_light_case: Case, attachment_folder: Path
) -> None:
    photo = files.png()

    attachment = services.attachment_add(
        actor=traffic_officer, case=street_light_case, filename="lampan.png", content=photo
    )

    assert (attachment.file_name, attachment.content_type, attachment.size) == (
        "lampan.png",
        "image/png",
        len(photo),
    )
    assert attachment.sha256 == hashlib.sha256(photo).hexdigest()
    stored = attachment_folder / attachment.storage_name
    assert stored.read_bytes() == photo
    assert "lampan" not in attachment.storage_name
    event = street_light_case.events.get(kind=CaseEventKind.ATTACHMENT_ADDED)
    assert event.actor == traffic_officer
    assert event.data["attachment"] == {
        "id": attachment.pk,
        "name": "lampan.png",
        "size": len(photo),
        "type": "image/png",
    }


def test_the_type_comes_from_the_content_not_from_the_name_or_the_senders_word(
    traffic_officer: User, street_light_case: Case
) -> None:
    attachment = services.attachment_add(
        actor=traffic_officer,
        case=street_light_case,
        filename="faktura.exe",
        content=files.pdf(),
        declared_type="application/octet-stream",
    )

    assert attachment.content_type == "application/pdf"
    # The download name says what the file is, so no program can hide behind it.
    assert attachment.file_name == "faktura.exe.pdf"
    event = street_light_case.events.get(kind=CaseEventKind.ATTACHMENT_ADDED)
    assert event.data["declared_type"] == "application/octet-stream"


@pytest.mark.parametrize(
    ("content", "sniffed"),
    [(files.windows_program(), "application/x-dosexec"), (files.html_page(), "text/html")],
)
def test_a_program_or_a_web_page_is_refused_whatever_it_is_called(
    traffic_officer: User,
    street_light_case: Case,
    content: bytes,
    sniffed: str,
    attachment_folder: Path,
) -> None:
    with pytest.raises(ValidationError) as refused:
        services.attachment_add(
            actor=traffic_officer, case=street_light_case, filename="bild.jpg", content=content
        )

    assert refused.value.code == "attachment.type_not_allowed"
    assert refused.value.params["type"] == sniffed
    assert not Attachment.objects.exists()
    assert not list(attachment_folder.rglob("*"))[1:]


def test_an_empty_file_is_refused(traffic_officer: User, street_light_case: Case) -> None:
    with pytest.raises(ValidationError) as refused:
        services.attachment_add(
            actor=traffic_officer, case=street_light_case, filename="tom.pdf", content=b""
        )

    assert refused.value.code == "attachment.empty"


def test_a_file_over_the_size_limit_is_refused_with_the_limit_in_the_message(
    traffic_officer: User, street_light_case: Case, settings: Settings
) -> None:
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024

    with pytest.raises(ValidationError) as refused:
        services.attachment_add(
            actor=traffic_officer,
            case=street_light_case,
            filename="stor.pdf",
            content=files.pdf() + b"0" * (1024 * 1024),
        )

    assert refused.value.code == "attachment.too_large"
    assert "1 MB" in refused.value.message


def test_the_allowed_types_are_a_setting(
    traffic_officer: User, street_light_case: Case, settings: Settings
) -> None:
    settings.ATTACHMENT_TYPES = ["application/pdf"]

    with pytest.raises(ValidationError) as refused:
        services.attachment_add(
            actor=traffic_officer, case=street_light_case, filename="a.png", content=files.png()
        )

    assert refused.value.code == "attachment.type_not_allowed"


@pytest.mark.parametrize(
    ("given", "safe"),
    [
        ("../../etc/passwd.txt", "passwd.txt.png"),
        ("C:\\Users\\anna\\Foto av lampan.png", "Foto av lampan.png"),
        (".htaccess", "htaccess.png"),
        ("räkning\x00<script>.png", "räkningscript.png"),
        ("   ", "bilaga.png"),
        ("a" * 300 + ".png", "a" * 146 + ".png"),
        ("lampa", "lampa.png"),
    ],
)
def test_file_names_are_made_safe(given: str, safe: str) -> None:
    assert safe_file_name(given, "image/png") == safe


def test_a_tier1_agent_attaches_what_the_resident_sends_on_a_follow_up_call(
    tier1_agent: User, street_light_case: Case
) -> None:
    attachment = services.attachment_add(
        actor=tier1_agent, case=street_light_case, filename="lampa.png", content=files.png()
    )

    assert attachment.case == street_light_case


def test_the_resident_attaches_to_their_own_case_through_the_e_service(
    street_light_case: Case,
) -> None:
    resident = ResidentActor(case_id=street_light_case.pk)

    attachment = services.attachment_add(
        actor=resident, case=street_light_case, filename="lampa.png", content=files.png()
    )

    assert attachment.added_by_kind == "resident"


def test_the_e_mail_reader_attaches_a_messages_files(street_light_case: Case) -> None:
    attachment = services.attachment_add(
        actor=SystemActor("email-reader"),
        case=street_light_case,
        filename="IMG_0042.PNG",
        content=files.png(),
        declared_type="image/png",
    )

    assert attachment.file_name == "IMG_0042.PNG"


def test_an_officer_of_another_organisation_cannot_attach_to_a_case_they_may_read(
    sports_officer: User, street_light_case: Case
) -> None:
    with pytest.raises(NotFound):
        services.attachment_add(
            actor=sports_officer, case=street_light_case, filename="a.png", content=files.png()
        )
    assert not Attachment.objects.exists()


def test_agents_cannot_attach_to_a_confidential_case(
    tier2_agent: User, confidential_case: Case
) -> None:
    with pytest.raises(NotFound):
        services.attachment_add(
            actor=tier2_agent, case=confidential_case, filename="a.png", content=files.png()
        )


def test_a_system_administrator_reads_the_case_but_cannot_attach(
    sysadmin: User, street_light_case: Case
) -> None:
    with pytest.raises(PermissionDenied) as refused:
        services.attachment_add(
            actor=sysadmin,
            case=street_light_case,
            filename="a.png",
            content=files.png(),
        )
    assert refused.value.code == "attachment.not_allowed"


def test_erasure_removes_the_residents_files_and_their_names_but_keeps_the_record(
    traffic_officer: User,
    sysadmin: User,
    street_light_case: Case,
    attachment_folder: Path,
    django_capture_on_commit_callbacks: Callable[..., AbstractContextManager[object]],
) -> None:
    attachment = services.attachment_add(
        actor=traffic_officer,
        case=street_light_case,
        filename="Anna Svensson foto.png",
        content=files.png(),
    )
    stored = attachment_folder / attachment.storage_name
    assert street_light_case.party is not None

    # The files go once the erasure has committed.
    with django_capture_on_commit_callbacks(execute=True):
        services.party_scrub(actor=sysadmin, party=street_light_case.party)

    attachment.refresh_from_db()
    assert attachment.removed_at is not None
    assert attachment.file_name == ""
    assert (attachment.content_type, attachment.size) == ("image/png", len(files.png()))
    assert not stored.exists()
    event = street_light_case.events.get(kind=CaseEventKind.ATTACHMENT_ADDED)
    assert "Anna" not in str(event.data)
    with pytest.raises(NotFound):
        services.attachment_open(actor=traffic_officer, attachment=attachment, request_id="r1")

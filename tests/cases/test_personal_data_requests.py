"""A resident's request about their data (GDPR articles 15 and 17; issue 16): the export holds
everything linked to their personnummer, e-mail or phone; erasure has a dry run and keeps, with
the reason, what the archives act requires."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from kontaktcenter.accounts.actors import SystemActor
from kontaktcenter.cases import services
from kontaktcenter.cases.models import (
    AccessPurpose,
    Attachment,
    Case,
    CaseAccess,
    Contact,
    Party,
    RetentionRule,
)
from kontaktcenter.cases.services import privacy
from kontaktcenter.core.errors import PermissionDenied, ValidationError
from tests.cases.files import pdf

REQUEST = SystemActor("gdpr-request")


@pytest.fixture
def annas_cases(make_case, traffic_officer, tier1_agent, street_lighting, confidential_case, clock):
    """Anna has a closed street-light case with a photo, an open one, and (by phone) the
    confidential case at Järva; Bo is somebody else."""
    closed = make_case(
        subject="Trasig lampa utanför Rinkeby torg 4", description="Ring mig på 070-123 45 67"
    )
    services.attachment_add(
        actor=traffic_officer, case=closed, filename="lampan.pdf", content=pdf()
    )
    services.case_close(actor=traffic_officer, case=closed, resolution="Lampan är lagad.")
    still_open = make_case(subject="Lampa blinkar på Hjulstavägen")
    other = make_case(
        subject="Mörkt i Vasaparken",
        resident_name="Bo Ek",
        resident_email="bo.ek@example.se",
        resident_phone="+46702223344",
    )
    RetentionRule.objects.create(category=street_lighting, keep_days=365, plan_reference="3.2.1")
    # A question answered on the spot, which never became a case.
    question = services.contact_start(
        actor=tier1_agent, channel="phone", question="När töms soporna på Rinkebystråket?"
    )
    services.contact_answer_directly(actor=tier1_agent, contact=question, answer_note="Tisdagar.")
    Contact.objects.filter(pk=question.pk).update(party=closed.party)
    return closed, still_open, other


def test_the_export_holds_every_case_contact_message_and_attachment_of_the_person(
    annas_cases, confidential_case
):
    closed, still_open, other = annas_cases
    query = privacy.person_query(email="ANNA.SVENSSON@example.se")

    export = privacy.personal_data_export(actor=REQUEST, query=query, request_id="req-gdpr-1")

    references = [case["reference"] for case in export["cases"]]
    assert set(references) == {closed.reference, still_open.reference, confidential_case.reference}
    assert other.reference not in json.dumps(export)
    assert export["contact_details"][0]["name"] == "Anna Svensson"
    first = next(case for case in export["cases"] if case["reference"] == closed.reference)
    assert first["description"] == "Ring mig på 070-123 45 67"
    assert [attachment["file_name"] for attachment in first["attachments"]] == ["lampan.pdf"]
    assert any(message["kind"] == "created" for message in first["messages"])
    assert [contact["answer"] for contact in export["contacts"]] == ["Tisdagar."]
    # Reading the confidential case for the export is in the access log.
    access = CaseAccess.objects.get()
    assert (access.case, access.purpose) == (confidential_case, AccessPurpose.EXPORT)


def test_a_personnummer_in_a_case_form_finds_the_case(make_case):
    case = make_case(resident_name="", resident_email="", resident_phone="")
    Case.objects.filter(pk=case.pk).update(form_values={"sokande": "19121212-1212"})

    export = privacy.personal_data_export(
        actor=REQUEST, query=privacy.person_query(personnummer_text="191212121212"), request_id="r"
    )

    assert [row["reference"] for row in export["cases"]] == [case.reference]


def test_a_request_needs_someone_to_look_for_and_a_valid_personnummer(db):
    with pytest.raises(ValidationError) as empty:
        privacy.person_query()
    with pytest.raises(ValidationError) as wrong:
        privacy.person_query(personnummer_text="19121212-1213")

    assert (empty.value.code, wrong.value.code) == ("gdpr.query_empty", "gdpr.invalid_personnummer")


def test_only_administrators_and_the_system_handle_requests(annas_cases, tier2_agent):
    with pytest.raises(PermissionDenied):
        privacy.personal_data_export(
            actor=tier2_agent,
            query=privacy.person_query(email="anna.svensson@example.se"),
            request_id="r",
        )


def test_the_dry_run_lists_what_would_change_and_changes_nothing(annas_cases, clock):
    closed, still_open, _other = annas_cases
    clock.advance(days=400)
    query = privacy.person_query(phone="070-123 45 67")

    plan = privacy.personal_data_erase(actor=REQUEST, query=query, dry_run=True)

    assert plan.anonymised_cases == [closed.reference]
    assert {(kept.reference, kept.reason) for kept in plan.kept_cases} >= {
        (still_open.reference, "open")
    }
    assert plan.removed_attachments == 1
    closed.refresh_from_db()
    assert closed.description == "Ring mig på 070-123 45 67"
    assert Party.objects.filter(email="anna.svensson@example.se").exists()


def test_erasure_keeps_the_public_records_the_plan_still_keeps_and_flags_them(annas_cases, clock):
    closed, still_open, _other = annas_cases
    clock.advance(days=30)  # the closed case's year under the plan has not run out
    query = privacy.person_query(email="anna.svensson@example.se")

    plan = privacy.personal_data_erase(actor=REQUEST, query=query, dry_run=False)

    kept = {kept.reference: kept for kept in plan.kept_cases}
    assert plan.anonymised_cases == []
    assert kept[closed.reference].reason == "retention_period"
    assert kept[closed.reference].due is not None
    assert kept[still_open.reference].reason == "open"
    closed.refresh_from_db()
    assert closed.description == "Ring mig på 070-123 45 67"
    # The contact details stay while a kept case needs them.
    assert plan.erased_parties == 0
    assert Party.objects.filter(email="anna.svensson@example.se").count() == 3


def test_erasure_anonymises_what_the_plan_no_longer_keeps(
    annas_cases, clock, attachment_folder, django_capture_on_commit_callbacks
):
    closed, _still_open, other = annas_cases
    clock.advance(days=400)

    with django_capture_on_commit_callbacks(execute=True):
        plan = privacy.personal_data_erase(
            actor=REQUEST,
            query=privacy.person_query(email="anna.svensson@example.se"),
            dry_run=False,
        )

    assert plan.anonymised_cases == [closed.reference]
    closed.refresh_from_db()
    assert (closed.description, closed.subject) == ("", "Gatubelysning")
    assert closed.anonymised_at is not None
    attachment = Attachment.objects.get(case=closed)
    assert attachment.removed_at is not None
    assert not [path for path in attachment_folder.rglob("*") if path.is_file()]
    # The question answered on the spot is no public record the plan keeps: erased.
    assert plan.erased_contacts == 1
    assert not Contact.objects.filter(answer="Tisdagar.").exists()
    other.refresh_from_db()
    assert (other.subject, other.anonymised_at) == ("Mörkt i Vasaparken", None)


def test_the_commands_write_the_export_and_run_the_erasure(annas_cases, tmp_path: Path, clock):
    output = io.StringIO()

    call_command(
        "gdpr",
        "export",
        "--email",
        "anna.svensson@example.se",
        "--output",
        str(tmp_path),
        stdout=output,
    )
    call_command("gdpr", "erase", "--email", "anna.svensson@example.se", "--dry-run", stdout=output)

    document = (tmp_path / "personuppgifter.html").read_text()
    assert "Anna Svensson" in document
    assert '<html lang="sv">' in document
    assert json.loads((tmp_path / "personuppgifter.json").read_text())["cases"]
    assert len(list((tmp_path / "bilagor").iterdir())) == 1
    assert "Dry run: 0 cases anonymised" in output.getvalue()
    with pytest.raises(CommandError, match=r"gdpr\.query_empty"):
        call_command("gdpr", "erase")

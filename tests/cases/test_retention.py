"""Retention (gallring) by the records-management plan (issue 16): exactly the cases whose time
has run out lose the resident's data, with their attachments and outbox payloads; statistics
stay the same. The moment of the run is injected with `clock.simulated`."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command

from kontaktcenter.accounts.actors import SystemActor
from kontaktcenter.cases import services
from kontaktcenter.cases.models import Attachment, Case, Party, RetentionRule
from kontaktcenter.cases.services import privacy
from kontaktcenter.core.clock import now, simulated
from kontaktcenter.forwarding.models import Delivery
from kontaktcenter.forwarding.worker import default_duties
from kontaktcenter.statistics.selectors import period_statistics
from tests.cases.files import pdf

JOB = SystemActor("retention")


@pytest.fixture
def plan(street_lighting, financial_support):
    RetentionRule.objects.create(category=street_lighting, keep_days=365, plan_reference="3.2.1")
    RetentionRule.objects.create(category=financial_support, preserve=True, plan_reference="7.1")


@pytest.fixture
def closed_cases(make_case, traffic_officer, traffic_feedback_system, clock, plan):
    """Two street-light cases closed on 10 March 2026 and one closed a month later."""
    early = make_case(subject="Trasig lampa på Rinkebysvängen 12", description="Jag bor i nr 12.")
    services.attachment_add(actor=traffic_officer, case=early, filename="foto.pdf", content=pdf())
    second = make_case(
        subject="Lampa släckt vid Husby gård",
        resident_name="Bo Ek",
        resident_email="bo.ek@example.se",
        resident_phone="+46702223344",
    )
    for case in (early, second):
        services.case_close(actor=traffic_officer, case=case, resolution="Lagad.")
    clock.advance(days=30)
    later = make_case(subject="Blinkande lampa på Kista allé", resident_name="Cecilia Ek")
    services.case_close(actor=traffic_officer, case=later, resolution="Lagad.")
    return tuple(Case.objects.get(pk=case.pk) for case in (early, second, later))


def test_nothing_is_due_before_the_plans_time_has_run_out(closed_cases):
    with simulated(now() + timedelta(days=300)):
        report = privacy.retention_run(actor=JOB, dry_run=False)

    assert report.cases == 0
    assert not Case.objects.filter(anonymised_at__isnull=False).exists()


def test_the_dry_run_reports_exactly_what_is_due_and_changes_nothing(closed_cases):
    early, second, _later = closed_cases

    with simulated(early.closed_at + timedelta(days=365, hours=1)):
        report = privacy.retention_run(actor=JOB, dry_run=True)

    assert report.per_category == [("Gatubelysning", "3.2.1", [early.reference, second.reference])]
    # Each intake records its own party: Anna's of the early case and Bo's.
    assert (report.removed_attachments, report.scrubbed_parties) == (1, 2)
    early.refresh_from_db()
    assert early.description == "Jag bor i nr 12."


def test_what_is_due_goes_with_its_attachments_and_outbox_payloads(
    closed_cases, attachment_folder, django_capture_on_commit_callbacks
):
    early, _second, later = closed_cases
    assert "Rinkebysvängen" in str(Delivery.objects.get(case=early).payload)

    with (
        simulated(early.closed_at + timedelta(days=365, hours=1)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        report = privacy.retention_run(actor=JOB, dry_run=False)

    assert report.cases == 2
    early.refresh_from_db()
    assert (early.subject, early.description, early.anonymised_at is not None) == (
        "Gatubelysning",
        "",
        True,
    )
    assert Attachment.objects.get(case=early).removed_at is not None
    assert not [path for path in attachment_folder.rglob("*") if path.is_file()]
    assert "Rinkebysvängen" not in str(Delivery.objects.get(case=early).payload)
    assert not Party.objects.filter(email="bo.ek@example.se").exists()
    assert Party.objects.get(cases=later).name == "Cecilia Ek"
    later.refresh_from_db()
    assert later.subject == "Blinkande lampa på Kista allé"
    assert later.anonymised_at is None


def test_a_second_run_finds_nothing_more_and_preserved_cases_are_never_due(
    closed_cases, confidential_case, district_officer
):
    early, _second, _later = closed_cases
    services.case_close(actor=district_officer, case=confidential_case, resolution="Beslut fattat.")
    moment = early.closed_at + timedelta(days=5000)

    with simulated(moment):
        first = privacy.retention_run(actor=JOB, dry_run=False)
        again = privacy.retention_run(actor=JOB, dry_run=False)

    assert first.cases == 3
    assert again.cases == 0
    confidential_case.refresh_from_db()
    assert confidential_case.anonymised_at is None


def test_statistics_are_the_same_after_retention(closed_cases, analyst):
    early, _second, _later = closed_cases
    period = {"first_day": date(2026, 1, 1), "last_day": date(2026, 12, 31)}
    before = period_statistics(actor=analyst, **period)

    with simulated(early.closed_at + timedelta(days=5000)):
        privacy.retention_run(actor=JOB, dry_run=False)

    assert period_statistics(actor=analyst, **period) == before


def test_the_command_prints_the_report(closed_cases):
    early, _second, _later = closed_cases
    output = io.StringIO()

    with simulated(early.closed_at + timedelta(days=365, hours=1)):
        call_command("retention", "--dry-run", stdout=output)

    text = output.getvalue()
    assert "Gatubelysning [3.2.1]: 2 cases" in text
    assert early.reference in text
    assert "2 cases would be anonymised" in text


def test_the_worker_thins_out_what_is_due_among_its_duties(closed_cases):
    early, second, later = closed_cases

    duties = {name: duty for name, _every, duty in default_duties()}

    with simulated(early.closed_at + timedelta(days=365, hours=1)):
        duties["retention"]()

    assert set(Case.objects.filter(anonymised_at__isnull=False).values_list("pk", flat=True)) == {
        early.pk,
        second.pk,
    }
    assert Case.objects.get(pk=later.pk).anonymised_at is None

"""The committees' quality report counts an organisation's complaints and feedback (its units
included) in the period by kind, category, channel, status and delivery, and lists each case
with where it was delivered."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from kontaktcenter.accounts.models import User
from kontaktcenter.directory.models import Organisation
from kontaktcenter.routing.models import Category, FeedbackKind
from kontaktcenter.statistics import quality
from kontaktcenter.statistics.quality import (
    DeliveredTo,
    QualityCase,
    quality_cases,
    quality_report,
)
from kontaktcenter.statistics.selectors import Row
from tests.conftest import STOCKHOLM, MakeCase, TrafficFeedback
from tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db

PERIOD = {"first_day": date(2026, 2, 9), "last_day": date(2026, 3, 10)}


def _rows(actor: User, organisation: Organisation, limit: int | None = None) -> list[QualityCase]:
    report = quality_report(actor=actor, organisation_id=organisation.pk, **PERIOD)
    return list(quality_cases(actor=actor, report=report, limit=limit))


def test_the_figures_count_the_organisations_feedback_in_the_period(
    analyst: User, traffic_office: Organisation, traffic_feedback: TrafficFeedback
) -> None:
    report = quality_report(actor=analyst, organisation_id=traffic_office.pk, **PERIOD)

    assert (report.organisation, report.total, report.closed) == ("Trafikkontoret", 3, 1)
    assert report.by_kind == [Row("Complaint", 2), Row("Praise", 1)]
    assert report.by_category == [Row("Klagomål", 2), Row("Beröm", 1)]
    assert report.by_channel == [Row("E-mail", 1), Row("Phone", 1), Row("Web e-service", 1)]
    assert report.by_status == [Row("New", 2), Row("Closed", 1)]
    assert report.by_organisation == [Row("Trafikkontoret", 2), Row("Parkeringsenheten", 1)]
    assert report.by_delivery == [
        Row("Delivered", 1),
        Row("Delivery failed", 1),
        Row("Waiting to be sent", 1),
    ]
    assert report.confidential == 0


def test_each_case_says_where_it_was_delivered(
    analyst: User, traffic_office: Organisation, traffic_feedback: TrafficFeedback
) -> None:
    rows = _rows(analyst, traffic_office)

    assert [row.reference for row in rows] == [
        traffic_feedback.delivered.reference,
        traffic_feedback.refused.reference,
        traffic_feedback.waiting.reference,
    ]
    delivered, refused, waiting = rows
    assert delivered.delivered_to == (
        DeliveredTo("Synpunktssystemet", "delivered", "Delivered", "SYN-2"),
    )
    assert refused.delivered_to == (
        DeliveredTo("Synpunktssystemet", "dead", "Failed for good", ""),
    )
    assert waiting.delivered_to == (
        DeliveredTo("Synpunktssystemet", "pending", "Waiting to be sent", ""),
    )
    assert (refused.kind, refused.category, refused.channel, refused.status) == (
        "Complaint",
        "Klagomål",
        "E-mail",
        "Closed",
    )
    assert refused.closed_at is not None
    assert waiting.organisation == "Parkeringsenheten"


def test_the_rows_hold_no_personal_data(
    analyst: User, traffic_office: Organisation, traffic_feedback: TrafficFeedback
) -> None:
    rows = _rows(analyst, traffic_office)
    text = repr(rows)
    for personal in ("Anna Svensson", "anna.svensson@example.se", "+46701234567", "bemötande"):
        assert personal not in text


def test_the_period_runs_from_midnight_to_midnight_in_stockholm(
    analyst: User, traffic_office: Organisation, complaints: Category, make_case: MakeCase, clock
) -> None:
    def complaint_at(moment: datetime) -> None:
        make_case(category=complaints, concerns=traffic_office, received_at=moment)

    complaint_at(datetime(2026, 2, 8, 23, 59, tzinfo=STOCKHOLM))
    complaint_at(datetime(2026, 2, 9, 0, 0, tzinfo=STOCKHOLM))
    complaint_at(datetime(2026, 3, 10, 8, 59, tzinfo=STOCKHOLM))

    report = quality_report(actor=analyst, organisation_id=traffic_office.pk, **PERIOD)

    assert report.total == 2


def test_confidential_feedback_is_counted_but_not_listed(
    analyst: User, jarva: Organisation, make_case: MakeCase, clock
) -> None:
    secret_complaint = CategoryFactory.create(
        name="Klagomål på LSS-insats", confidential=True, feedback_kind=FeedbackKind.COMPLAINT
    )
    make_case(category=secret_complaint, district=jarva, subject="Klagomål")

    report = quality_report(actor=analyst, organisation_id=jarva.pk, **PERIOD)
    rows = _rows(analyst, jarva)

    assert (report.total, report.confidential) == (1, 1)
    assert rows == []


def test_rows_are_read_in_slices_without_losing_or_repeating_a_case(
    analyst: User,
    traffic_office: Organisation,
    complaints: Category,
    make_case: MakeCase,
    monkeypatch: pytest.MonkeyPatch,
    clock,
) -> None:
    monkeypatch.setattr(quality, "SLICE", 2)
    # Five cases, two received at the very same moment, across three slices.
    made = [make_case(category=complaints, concerns=traffic_office) for _ in range(5)]

    rows = _rows(analyst, traffic_office)
    first_three = _rows(analyst, traffic_office, limit=3)

    assert [row.reference for row in rows] == [case.reference for case in made]
    assert [row.reference for row in first_three] == [case.reference for case in made[:3]]

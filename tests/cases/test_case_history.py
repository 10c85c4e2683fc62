"""The case history: every change is a typed event with who, when and what, written in the
same transaction as the change itself (S8, audit trail)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from kontaktcenter.cases import events, selectors, services
from kontaktcenter.cases.models import (
    Case,
    CaseAccess,
    CaseEvent,
    CaseEventKind,
    CaseReferenceCounter,
    CaseStatus,
)
from kontaktcenter.cases.services import lifecycle
from kontaktcenter.core.errors import ValidationError


def test_a_case_handled_from_start_to_finish_tells_its_whole_story(
    make_case, tier1_agent, traffic_officer, clock
):
    created_at = clock()
    case = make_case()
    assigned_at = clock.advance(minutes=30)
    services.case_assign(actor=traffic_officer, case=case, assignee=traffic_officer)
    noted_at = clock.advance(hours=1)
    services.case_add_note(actor=traffic_officer, case=case, text="Beställt arbete.")
    replied_at = clock.advance(hours=1)
    services.case_reply(actor=traffic_officer, case=case, text="Vi åtgärdar det i veckan.")
    closed_at = clock.advance(days=2)
    services.case_close(actor=traffic_officer, case=case, resolution="Lampan bytt.")

    history = [
        (event.kind, event.actor, event.occurred_at) for event in selectors.case_history(case)
    ]

    assert history == [
        (CaseEventKind.CREATED, tier1_agent, created_at),
        (CaseEventKind.ROUTED, tier1_agent, created_at),
        (CaseEventKind.STATUS_CHANGED, traffic_officer, assigned_at),
        (CaseEventKind.ASSIGNED, traffic_officer, assigned_at),
        (CaseEventKind.NOTE_ADDED, traffic_officer, noted_at),
        (CaseEventKind.REPLY_SENT, traffic_officer, replied_at),
        (CaseEventKind.CLOSED, traffic_officer, closed_at),
    ]


def test_the_created_event_says_what_came_in_and_when_the_resident_sent_it(
    make_case, street_lighting, clock
):
    sent = clock() - timedelta(days=2)
    case = make_case(channel="letter", subject="Mörk gata", received_at=sent)

    created = case.events.get(kind=CaseEventKind.CREATED)
    data = dict(created.data)
    assert datetime.fromisoformat(data.pop("received_at")) == sent
    assert data == {
        "channel": "letter",
        "category": {"id": street_lighting.pk, "name": "Gatubelysning"},
        "subject": "Mörk gata",
    }
    assert created.occurred_at == clock()


def test_each_event_names_the_staff_member_who_acted(street_light_case, traffic_officer):
    services.case_add_note(actor=traffic_officer, case=street_light_case, text="Kollat plats.")

    note = street_light_case.events.get(kind=CaseEventKind.NOTE_ADDED)
    assert (note.actor_kind, note.actor_label, note.actor) == (
        "staff",
        "Karin Holm",
        traffic_officer,
    )


def test_reading_a_case_adds_nothing_to_its_history(confidential_case, district_officer):
    """The history holds changes; who read a confidential case is the access log's business,
    and the interface that showed the case writes it, not the read itself."""
    before = list(confidential_case.events.values_list("pk", flat=True))

    selectors.case_get(actor=district_officer, reference=confidential_case.reference)
    list(selectors.case_history(confidential_case))

    assert list(confidential_case.events.values_list("pk", flat=True)) == before
    assert not CaseAccess.objects.exists()


def test_status_changes_record_before_and_after(street_light_case, traffic_officer):
    services.case_change_status(
        actor=traffic_officer, case=street_light_case, status=CaseStatus.WAITING
    )

    event = street_light_case.events.get(kind=CaseEventKind.STATUS_CHANGED)
    assert event.data == {"before": CaseStatus.NEW, "after": CaseStatus.WAITING}


def test_the_case_and_its_last_event_agree_on_when_it_last_changed(
    street_light_case, traffic_officer, clock
):
    clock.advance(hours=5)
    services.case_change_status(
        actor=traffic_officer, case=street_light_case, status=CaseStatus.WAITING
    )

    street_light_case.refresh_from_db()
    assert street_light_case.updated_at == street_light_case.events.last().occurred_at


def test_a_change_refused_by_validation_leaves_no_event(street_light_case, traffic_officer):
    before = street_light_case.events.count()

    with pytest.raises(ValidationError):
        services.case_close(actor=traffic_officer, case=street_light_case, resolution="")
    with pytest.raises(ValidationError):
        services.case_add_note(actor=traffic_officer, case=street_light_case, text="")
    with pytest.raises(ValidationError):
        services.case_change_status(
            actor=traffic_officer, case=street_light_case, status=CaseStatus.CLOSED
        )

    assert street_light_case.events.count() == before


def test_if_saving_the_change_fails_the_event_already_written_is_rolled_back(
    street_light_case, traffic_officer, monkeypatch
):
    """The status event is written before the case row; a failure must take both back."""

    def failing_touch(*args, **kwargs):
        raise RuntimeError("disk full")

    # services._common.touch saves the case; the status change calls it by this name.
    monkeypatch.setattr(lifecycle, "touch", failing_touch)

    with pytest.raises(RuntimeError):
        services.case_change_status(
            actor=traffic_officer, case=street_light_case, status=CaseStatus.WAITING
        )

    assert not street_light_case.events.filter(kind=CaseEventKind.STATUS_CHANGED).exists()
    street_light_case.refresh_from_db()
    assert street_light_case.status == CaseStatus.NEW


def test_if_the_event_cannot_be_written_the_case_is_not_created(make_case, monkeypatch):
    def failing_routed(*args, **kwargs):
        raise RuntimeError("event log unavailable")

    monkeypatch.setattr(events, "routed", failing_routed)

    with pytest.raises(RuntimeError):
        make_case()

    assert not Case.objects.exists()
    assert not CaseEvent.objects.exists()
    assert not CaseReferenceCounter.objects.filter(last_number__gt=0).exists()


def test_if_the_event_cannot_be_written_the_close_does_not_happen(
    street_light_case, traffic_officer, monkeypatch
):
    def failing_closed(*args, **kwargs):
        raise RuntimeError("event log unavailable")

    monkeypatch.setattr(events, "closed", failing_closed)

    with pytest.raises(RuntimeError):
        services.case_close(actor=traffic_officer, case=street_light_case, resolution="Klart.")

    street_light_case.refresh_from_db()
    assert street_light_case.status == CaseStatus.NEW
    assert street_light_case.closed_at is None


def test_history_is_in_the_order_things_happened_even_with_equal_timestamps(
    street_light_case, traffic_officer
):
    """Events written in one transaction share a timestamp; the insertion order breaks ties."""
    for text in ("ett", "två", "tre"):
        services.case_add_note(actor=traffic_officer, case=street_light_case, text=text)

    notes = [
        event.data["text"]
        for event in selectors.case_history(street_light_case)
        if event.kind == CaseEventKind.NOTE_ADDED
    ]
    assert notes == ["ett", "två", "tre"]

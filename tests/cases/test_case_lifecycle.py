"""Handling a case: assign, change status, close and reopen."""

from __future__ import annotations

import pytest

from kontaktcenter.cases import services
from kontaktcenter.cases.models import CaseEventKind, CaseStatus
from kontaktcenter.core.errors import NotFound, PermissionDenied, ValidationError

# --- assign -----------------------------------------------------------------------------------


def test_an_officer_takes_a_new_case_and_it_is_assigned(street_light_case, traffic_officer):
    case = services.case_assign(
        actor=traffic_officer, case=street_light_case, assignee=traffic_officer
    )

    case.refresh_from_db()
    assert case.assignee == traffic_officer
    assert case.status == CaseStatus.ASSIGNED


def test_assigning_a_case_to_a_colleague_is_recorded_with_before_and_after(
    street_light_case, traffic_officer, second_traffic_officer
):
    services.case_assign(actor=traffic_officer, case=street_light_case, assignee=traffic_officer)
    services.case_assign(
        actor=traffic_officer, case=street_light_case, assignee=second_traffic_officer
    )

    last = street_light_case.events.filter(kind=CaseEventKind.ASSIGNED).last()
    assert last is not None
    assert last.actor == traffic_officer
    assert last.data["before"] == {"id": traffic_officer.pk, "name": "Karin Holm"}
    assert last.data["after"] == {"id": second_traffic_officer.pk, "name": "Johan Sjö"}


def test_assigning_the_same_person_again_changes_nothing(street_light_case, traffic_officer):
    services.case_assign(actor=traffic_officer, case=street_light_case, assignee=traffic_officer)
    count = street_light_case.events.count()

    services.case_assign(actor=traffic_officer, case=street_light_case, assignee=traffic_officer)

    assert street_light_case.events.count() == count


def test_unassigning_an_untouched_case_puts_it_back_to_new(street_light_case, traffic_officer):
    services.case_assign(actor=traffic_officer, case=street_light_case, assignee=traffic_officer)

    case = services.case_assign(actor=traffic_officer, case=street_light_case, assignee=None)

    case.refresh_from_db()
    assert case.assignee is None
    assert case.status == CaseStatus.NEW


def test_unassigning_a_case_in_progress_keeps_the_status(street_light_case, traffic_officer):
    services.case_assign(actor=traffic_officer, case=street_light_case, assignee=traffic_officer)
    services.case_change_status(
        actor=traffic_officer, case=street_light_case, status=CaseStatus.IN_PROGRESS
    )

    case = services.case_assign(actor=traffic_officer, case=street_light_case, assignee=None)

    case.refresh_from_db()
    assert case.assignee is None
    assert case.status == CaseStatus.IN_PROGRESS


def test_a_case_cannot_be_assigned_to_someone_outside_the_responsible_organisation(
    street_light_case, traffic_officer, district_officer
):
    with pytest.raises(ValidationError) as refused:
        services.case_assign(
            actor=traffic_officer, case=street_light_case, assignee=district_officer
        )

    assert (refused.value.code, refused.value.field) == ("case.assignee_outside", "assignee")
    assert refused.value.params == {"name": "Amina Yusuf"}
    street_light_case.refresh_from_db()
    assert street_light_case.assignee is None


def test_an_officer_of_another_organisation_does_not_find_the_case_to_assign(
    street_light_case, district_officer
):
    with pytest.raises(NotFound) as caught:
        services.case_assign(
            actor=district_officer, case=street_light_case, assignee=district_officer
        )

    assert caught.value.code == "case.not_found"


def test_a_closed_case_cannot_be_assigned(street_light_case, traffic_officer):
    services.case_close(actor=traffic_officer, case=street_light_case, resolution="Lampan lagad.")

    with pytest.raises(ValidationError) as refused:
        services.case_assign(
            actor=traffic_officer, case=street_light_case, assignee=traffic_officer
        )

    assert refused.value.code == "case.assign_closed"


def test_tier2_handles_contact_center_cases_but_not_the_organisations(
    make_case, resident_parking, street_light_case, tier2_agent
):
    parking = make_case(category=resident_parking, subject="Boendeparkering")

    services.case_assign(actor=tier2_agent, case=parking, assignee=tier2_agent)
    with pytest.raises(PermissionDenied) as refused:
        services.case_assign(actor=tier2_agent, case=street_light_case, assignee=tier2_agent)

    assert refused.value.code == "case.handle_not_allowed"

    parking.refresh_from_db()
    assert parking.assignee == tier2_agent


def test_a_tier1_agent_cannot_handle_cases(make_case, resident_parking, tier1_agent):
    parking = make_case(category=resident_parking, subject="Boendeparkering")

    with pytest.raises(PermissionDenied) as refused:
        services.case_assign(actor=tier1_agent, case=parking, assignee=tier1_agent)

    assert refused.value.code == "case.handle_not_allowed"


# --- status -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "final"),
    [
        ([CaseStatus.IN_PROGRESS], CaseStatus.IN_PROGRESS),
        ([CaseStatus.WAITING], CaseStatus.WAITING),
        ([CaseStatus.IN_PROGRESS, CaseStatus.WAITING], CaseStatus.WAITING),
        ([CaseStatus.WAITING, CaseStatus.IN_PROGRESS], CaseStatus.IN_PROGRESS),
    ],
)
def test_an_officer_moves_a_case_between_open_statuses(
    street_light_case, traffic_officer, path, final
):
    for status in path:
        services.case_change_status(actor=traffic_officer, case=street_light_case, status=status)

    street_light_case.refresh_from_db()
    assert street_light_case.status == final
    changes = street_light_case.events.filter(kind=CaseEventKind.STATUS_CHANGED)
    assert [event.data["after"] for event in changes] == list(path)
    assert changes.first().data["before"] == CaseStatus.NEW


@pytest.mark.parametrize("status", [CaseStatus.NEW, CaseStatus.CLOSED, "archived"])
def test_a_new_case_cannot_be_set_to_new_closed_or_an_unknown_status(
    street_light_case, traffic_officer, status
):
    with pytest.raises(ValidationError) as refused:
        services.case_change_status(actor=traffic_officer, case=street_light_case, status=status)

    assert (refused.value.code, refused.value.field) == ("case.status_change_refused", "status")
    street_light_case.refresh_from_db()
    assert street_light_case.status == CaseStatus.NEW
    assert not street_light_case.events.filter(kind=CaseEventKind.STATUS_CHANGED).exists()


def test_an_in_progress_case_cannot_go_back_to_new(street_light_case, traffic_officer):
    services.case_change_status(
        actor=traffic_officer, case=street_light_case, status=CaseStatus.IN_PROGRESS
    )

    with pytest.raises(ValidationError) as refused:
        services.case_change_status(
            actor=traffic_officer, case=street_light_case, status=CaseStatus.NEW
        )

    assert refused.value.code == "case.status_change_refused"


def test_a_status_change_uses_the_current_status_not_a_stale_copy(
    street_light_case, traffic_officer
):
    """Two browser tabs: the second change is checked against what is in the database."""
    stale = street_light_case
    services.case_change_status(
        actor=traffic_officer, case=street_light_case, status=CaseStatus.WAITING
    )

    services.case_change_status(actor=traffic_officer, case=stale, status=CaseStatus.IN_PROGRESS)

    last = street_light_case.events.filter(kind=CaseEventKind.STATUS_CHANGED).last()
    assert last is not None
    assert (last.data["before"], last.data["after"]) == (CaseStatus.WAITING, CaseStatus.IN_PROGRESS)


def test_a_case_officer_elsewhere_does_not_find_the_case_to_change_its_status(
    street_light_case, district_officer
):
    with pytest.raises(NotFound) as caught:
        services.case_change_status(
            actor=district_officer, case=street_light_case, status=CaseStatus.IN_PROGRESS
        )

    assert caught.value.code == "case.not_found"
    street_light_case.refresh_from_db()
    assert street_light_case.status == CaseStatus.NEW


# --- close and reopen -------------------------------------------------------------------------


def test_closing_a_case_records_the_resolution_and_when(street_light_case, traffic_officer, clock):
    clock.advance(days=2)

    case = services.case_close(
        actor=traffic_officer, case=street_light_case, resolution="  Lampan är lagad.  "
    )

    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert case.closed_at == clock()
    event = case.events.get(kind=CaseEventKind.CLOSED)
    assert event.data == {
        "before": CaseStatus.NEW,
        "after": CaseStatus.CLOSED,
        "resolution": "Lampan är lagad.",
    }


def test_a_case_cannot_be_closed_without_a_resolution(street_light_case, traffic_officer):
    with pytest.raises(ValidationError) as refused:
        services.case_close(actor=traffic_officer, case=street_light_case, resolution="  ")

    assert (refused.value.code, refused.value.field) == ("required", "resolution")
    street_light_case.refresh_from_db()
    assert street_light_case.status == CaseStatus.NEW
    assert street_light_case.closed_at is None


def test_a_closed_case_cannot_be_closed_again(street_light_case, traffic_officer):
    services.case_close(actor=traffic_officer, case=street_light_case, resolution="Klart.")

    with pytest.raises(ValidationError) as refused:
        services.case_close(actor=traffic_officer, case=street_light_case, resolution="Igen.")

    assert refused.value.code == "case.already_closed"
    assert street_light_case.events.filter(kind=CaseEventKind.CLOSED).count() == 1


def test_a_closed_case_cannot_change_status(street_light_case, traffic_officer):
    services.case_close(actor=traffic_officer, case=street_light_case, resolution="Klart.")

    with pytest.raises(ValidationError) as refused:
        services.case_change_status(
            actor=traffic_officer, case=street_light_case, status=CaseStatus.IN_PROGRESS
        )

    assert refused.value.code == "case.status_change_refused"


def test_reopening_a_closed_case_puts_it_back_in_progress(street_light_case, traffic_officer):
    services.case_close(actor=traffic_officer, case=street_light_case, resolution="Klart.")

    case = services.case_reopen(
        actor=traffic_officer, case=street_light_case, reason="Lampan slocknade igen."
    )

    case.refresh_from_db()
    assert case.status == CaseStatus.IN_PROGRESS
    assert case.closed_at is None
    event = case.events.get(kind=CaseEventKind.REOPENED)
    assert event.actor == traffic_officer
    assert event.data["reason"] == "Lampan slocknade igen."
    assert (event.data["before"], event.data["after"]) == (
        CaseStatus.CLOSED,
        CaseStatus.IN_PROGRESS,
    )


def test_only_a_closed_case_can_be_reopened(street_light_case, traffic_officer):
    with pytest.raises(ValidationError) as refused:
        services.case_reopen(actor=traffic_officer, case=street_light_case, reason="Varför?")

    assert refused.value.code == "case.not_closed"


def test_reopening_needs_a_reason(street_light_case, traffic_officer):
    services.case_close(actor=traffic_officer, case=street_light_case, resolution="Klart.")

    with pytest.raises(ValidationError) as refused:
        services.case_reopen(actor=traffic_officer, case=street_light_case, reason="")

    assert (refused.value.code, refused.value.field) == ("required", "reason")
    street_light_case.refresh_from_db()
    assert street_light_case.status == CaseStatus.CLOSED


def test_an_organisation_administrator_may_close_the_organisations_cases(
    street_light_case, traffic_admin
):
    services.case_close(actor=traffic_admin, case=street_light_case, resolution="Klart.")

    street_light_case.refresh_from_db()
    assert street_light_case.status == CaseStatus.CLOSED


@pytest.mark.parametrize(
    ("outsider", "refusal", "code"),
    [
        ("district_officer", NotFound, "case.not_found"),
        ("analyst", NotFound, "case.not_found"),
        ("tier2_agent", PermissionDenied, "case.handle_not_allowed"),
    ],
)
def test_nobody_outside_the_organisation_may_close_its_case(
    request, street_light_case, outsider, refusal, code
):
    """Those who cannot see the case are told it is not found; tier 2 sees it and is refused."""
    with pytest.raises(refusal) as caught:
        services.case_close(
            actor=request.getfixturevalue(outsider), case=street_light_case, resolution="Klart."
        )

    assert caught.value.code == code
    street_light_case.refresh_from_db()
    assert street_light_case.status == CaseStatus.NEW

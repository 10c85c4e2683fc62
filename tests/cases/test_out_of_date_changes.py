"""Two people, one case: a change made from a page that is out of date is refused and says
what changed, instead of overwriting a colleague's work (issue 7, item 7)."""

from __future__ import annotations

import pytest

from kontaktcenter.cases import services
from kontaktcenter.cases.models import CaseEventKind, CaseStatus


def test_every_change_raises_the_case_version(street_light_case, traffic_officer):
    assert street_light_case.version == 1

    case = services.case_assign(
        actor=traffic_officer, case=street_light_case, assignee=traffic_officer
    )

    case.refresh_from_db()
    assert case.version == 2
    assert set(case.events.filter(case_version=2).values_list("kind", flat=True)) == {
        CaseEventKind.ASSIGNED,
        CaseEventKind.STATUS_CHANGED,
    }


def test_a_reply_from_a_page_opened_before_a_colleague_closed_the_case_is_refused(
    street_light_case, traffic_officer, second_traffic_officer
):
    seen = street_light_case.version
    services.case_close(
        actor=second_traffic_officer, case=street_light_case, resolution="Lagad i går."
    )

    with pytest.raises(services.CaseChangedError) as refused:
        services.case_reply(
            actor=traffic_officer,
            case=street_light_case,
            text="Vi lagar lampan i morgon.",
            expected_version=seen,
        )

    assert refused.value.code == "case.changed"
    assert [event.kind for event in refused.value.missed] == [CaseEventKind.CLOSED]
    assert second_traffic_officer.get_full_name() in refused.value.message
    assert not street_light_case.events.filter(kind=CaseEventKind.REPLY_SENT).exists()


def test_a_reassignment_from_an_old_page_does_not_overwrite_the_new_assignee(
    street_light_case, traffic_officer, second_traffic_officer
):
    seen = street_light_case.version
    services.case_assign(
        actor=second_traffic_officer, case=street_light_case, assignee=second_traffic_officer
    )

    with pytest.raises(services.CaseChangedError):
        services.case_assign(
            actor=traffic_officer,
            case=street_light_case,
            assignee=traffic_officer,
            expected_version=seen,
        )

    street_light_case.refresh_from_db()
    assert street_light_case.assignee == second_traffic_officer


def test_a_change_from_the_current_page_goes_through(street_light_case, traffic_officer):
    case = services.case_change_status(
        actor=traffic_officer,
        case=street_light_case,
        status=CaseStatus.IN_PROGRESS,
        expected_version=street_light_case.version,
    )

    assert case.status == CaseStatus.IN_PROGRESS


def test_a_note_is_added_whatever_the_page_showed(street_light_case, traffic_officer):
    """A note changes nothing anyone wrote, so it needs no up-to-date page."""
    services.case_assign(actor=traffic_officer, case=street_light_case, assignee=traffic_officer)

    services.case_add_note(actor=traffic_officer, case=street_light_case, text="Ringde boende.")

    assert street_light_case.events.filter(kind=CaseEventKind.NOTE_ADDED).exists()

"""Internal notes and replies to the resident."""

from __future__ import annotations

import pytest

from kontaktcenter.cases import services
from kontaktcenter.cases.models import CaseEventKind
from kontaktcenter.core.errors import NotFound, PermissionDenied, ValidationError


def test_an_officer_adds_a_note_that_appears_in_the_history(street_light_case, traffic_officer):
    services.case_add_note(
        actor=traffic_officer, case=street_light_case, text="  Beställt byte av armatur.  "
    )

    note = street_light_case.events.get(kind=CaseEventKind.NOTE_ADDED)
    assert note.actor == traffic_officer
    assert note.data == {"text": "Beställt byte av armatur."}


def test_an_agent_adds_what_the_resident_said_on_a_follow_up_call(street_light_case, tier1_agent):
    services.case_add_note(
        actor=tier1_agent, case=street_light_case, text="Invånaren ringde igen, fortfarande mörkt."
    )

    assert street_light_case.events.filter(
        kind=CaseEventKind.NOTE_ADDED, actor=tier1_agent
    ).exists()


def test_a_note_moves_the_case_to_the_top_of_recently_updated(
    street_light_case, traffic_officer, clock
):
    later = clock.advance(hours=3)

    services.case_add_note(actor=traffic_officer, case=street_light_case, text="Kollat plats.")

    street_light_case.refresh_from_db()
    assert street_light_case.updated_at == later


def test_an_empty_note_is_refused(street_light_case, traffic_officer):
    with pytest.raises(ValidationError) as refused:
        services.case_add_note(actor=traffic_officer, case=street_light_case, text=" \n ")

    assert (refused.value.code, refused.value.field) == ("required", "note")
    assert not street_light_case.events.filter(kind=CaseEventKind.NOTE_ADDED).exists()


def test_an_agent_does_not_find_a_confidential_case_to_add_notes_to(confidential_case, tier1_agent):
    with pytest.raises(NotFound) as caught:
        services.case_add_note(actor=tier1_agent, case=confidential_case, text="Ringde igen.")

    assert caught.value.code == "case.not_found"
    assert not confidential_case.events.filter(kind=CaseEventKind.NOTE_ADDED).exists()


def test_the_district_officer_adds_notes_to_a_confidential_case_of_the_district(
    confidential_case, district_officer
):
    services.case_add_note(actor=district_officer, case=confidential_case, text="Bokat möte.")

    assert confidential_case.events.filter(kind=CaseEventKind.NOTE_ADDED).count() == 1


def test_officers_of_other_organisations_do_not_find_the_case_to_add_notes_to(
    street_light_case, district_officer
):
    with pytest.raises(NotFound) as caught:
        services.case_add_note(actor=district_officer, case=street_light_case, text="Hej.")

    assert caught.value.code == "case.not_found"


def test_a_reply_records_that_it_goes_out_by_email_but_not_the_address(
    street_light_case, traffic_officer
):
    """The address is personal data and stays in the party record, where erasure finds it."""
    services.case_reply(
        actor=traffic_officer, case=street_light_case, text="Vi byter lampan i veckan."
    )

    reply = street_light_case.events.get(kind=CaseEventKind.REPLY_SENT)
    assert reply.actor == traffic_officer
    assert reply.data == {"text": "Vi byter lampan i veckan.", "to": "email"}


def test_a_reply_to_a_resident_without_an_email_address_is_not_sent_by_email(
    make_case, traffic_officer
):
    case = make_case(resident_email="")

    services.case_reply(actor=traffic_officer, case=case, text="Vi byter lampan i veckan.")

    assert case.events.get(kind=CaseEventKind.REPLY_SENT).data["to"] == ""


def test_an_empty_reply_is_refused(street_light_case, traffic_officer):
    with pytest.raises(ValidationError) as refused:
        services.case_reply(actor=traffic_officer, case=street_light_case, text="")

    assert (refused.value.code, refused.value.field) == ("required", "reply")
    assert not street_light_case.events.filter(kind=CaseEventKind.REPLY_SENT).exists()


def test_a_closed_case_must_be_reopened_before_a_reply(street_light_case, traffic_officer):
    services.case_close(actor=traffic_officer, case=street_light_case, resolution="Klart.")

    with pytest.raises(ValidationError) as refused:
        services.case_reply(actor=traffic_officer, case=street_light_case, text="Tillägg.")

    assert refused.value.code == "case.reply_closed"


def test_a_tier1_agent_cannot_reply_on_behalf_of_the_organisation(street_light_case, tier1_agent):
    with pytest.raises(PermissionDenied) as refused:
        services.case_reply(actor=tier1_agent, case=street_light_case, text="Vi fixar det.")

    assert refused.value.code == "case.handle_not_allowed"

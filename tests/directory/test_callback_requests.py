"""An operator leaves a callback request or message for an officer who cannot be reached;
it lands in that officer's queue (or the function members'), shows who took it, and is
marked done by whom it was for."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kontaktcenter.accounts.models import User
from kontaktcenter.core.errors import NotFound, PermissionDenied, ValidationError
from kontaktcenter.directory.callbacks import (
    CallbackInput,
    callback_request_create,
    callback_request_done,
    callbacks_for,
    callbacks_taken_by,
)
from kontaktcenter.directory.models import CallbackKind, Function, Organisation, Person
from tests.conftest import Clock
from tests.directory.factories import function, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_entry(traffic_office: Organisation, traffic_officer: User) -> Person:
    return person(traffic_office, "Karin", "Holm", account=traffic_officer)


@pytest.fixture
def lighting_desk(
    traffic_office: Organisation, officer_entry: Person, second_traffic_officer: User
) -> Function:
    colleague = person(traffic_office, "Omar", "Hassan", account=second_traffic_officer)
    desk = function(traffic_office, "Gatubelysningen")
    desk.members.set([officer_entry, colleague])
    return desk


def call_back(clock: Clock, **overrides: object) -> CallbackInput:
    fields: dict[str, object] = {
        "kind": CallbackKind.CALLBACK,
        "subject": "Gatlampa släckt på Fleminggatan",
        "due_at": clock.at + timedelta(hours=4),
        "caller_name": "Sven Ek",
        "caller_phone": "070-174 06 12",
    }
    fields.update(overrides)
    return CallbackInput(**fields)  # type: ignore[arg-type]


def test_a_request_for_a_person_lands_in_their_queue_with_who_took_it(
    clock: Clock,
    switchboard_operator: User,
    traffic_officer: User,
    second_traffic_officer: User,
    officer_entry: Person,
) -> None:
    taken = callback_request_create(
        actor=switchboard_operator, request=call_back(clock), person_id=officer_entry.pk
    )
    [queued] = callbacks_for(traffic_officer)
    assert queued.pk == taken.pk
    assert queued.taken_by == switchboard_operator
    assert queued.taken_at == clock.at
    assert queued.caller_phone == "+46701740612"
    assert callbacks_for(second_traffic_officer) == []
    assert [request.pk for request in callbacks_taken_by(switchboard_operator)] == [taken.pk]


def test_a_request_for_a_function_reaches_every_member_until_one_marks_it_done(
    clock: Clock,
    tier1_agent: User,
    traffic_officer: User,
    second_traffic_officer: User,
    lighting_desk: Function,
) -> None:
    taken = callback_request_create(
        actor=tier1_agent,
        request=call_back(clock, kind=CallbackKind.MESSAGE, caller_phone=""),
        function_id=lighting_desk.pk,
    )
    assert [request.pk for request in callbacks_for(traffic_officer)] == [taken.pk]
    assert [request.pk for request in callbacks_for(second_traffic_officer)] == [taken.pk]

    clock.advance(hours=1)
    done = callback_request_done(
        actor=second_traffic_officer, request_id=taken.pk, outcome="Ringt upp"
    )
    assert done.done_by == second_traffic_officer
    assert done.done_at == clock.at
    assert callbacks_for(traffic_officer) == []
    assert [request.pk for request in callbacks_for(traffic_officer, include_done=True)] == [
        taken.pk
    ]
    with pytest.raises(ValidationError) as again:
        callback_request_done(actor=traffic_officer, request_id=taken.pk)
    assert again.value.code == "directory.callback_already_done"


def test_the_queue_shows_the_earliest_deadline_first(
    clock: Clock, switchboard_operator: User, traffic_officer: User, officer_entry: Person
) -> None:
    later = callback_request_create(
        actor=switchboard_operator,
        request=call_back(clock, due_at=clock.at + timedelta(days=1)),
        person_id=officer_entry.pk,
    )
    sooner = callback_request_create(
        actor=switchboard_operator,
        request=call_back(clock, due_at=clock.at + timedelta(hours=1)),
        person_id=officer_entry.pk,
    )
    assert [request.pk for request in callbacks_for(traffic_officer)] == [sooner.pk, later.pk]


def test_a_callback_request_needs_a_number_and_a_future_deadline(
    clock: Clock, switchboard_operator: User, officer_entry: Person
) -> None:
    with pytest.raises(ValidationError) as no_number:
        callback_request_create(
            actor=switchboard_operator,
            request=call_back(clock, caller_phone=""),
            person_id=officer_entry.pk,
        )
    assert no_number.value.code == "directory.callback_needs_contact"
    with pytest.raises(ValidationError) as bad_number:
        callback_request_create(
            actor=switchboard_operator,
            request=call_back(clock, caller_phone="12"),
            person_id=officer_entry.pk,
        )
    assert bad_number.value.code == "invalid_phone"
    with pytest.raises(ValidationError) as past:
        callback_request_create(
            actor=switchboard_operator,
            request=call_back(clock, due_at=clock.at - timedelta(hours=1)),
            person_id=officer_entry.pk,
        )
    assert past.value.code == "directory.callback_due_in_past"
    with pytest.raises(ValidationError) as nobody:
        callback_request_create(actor=switchboard_operator, request=call_back(clock))
    assert nobody.value.code == "directory.callback_one_recipient"


def test_only_those_who_answer_calls_take_requests(
    clock: Clock, traffic_officer: User, analyst: User, officer_entry: Person
) -> None:
    for outsider in (traffic_officer, analyst):
        with pytest.raises(PermissionDenied) as refused:
            callback_request_create(
                actor=outsider, request=call_back(clock), person_id=officer_entry.pk
            )
        assert refused.value.code == "directory.callback_not_allowed"


def test_someone_else_cannot_see_or_complete_a_request_not_for_them(
    clock: Clock,
    switchboard_operator: User,
    district_officer: User,
    officer_entry: Person,
) -> None:
    taken = callback_request_create(
        actor=switchboard_operator, request=call_back(clock), person_id=officer_entry.pk
    )
    with pytest.raises(NotFound):
        callback_request_done(actor=district_officer, request_id=taken.pk)
    assert callbacks_for(district_officer) == []

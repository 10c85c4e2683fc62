"""The switchboard (or the person) registers an absence; the search shows it until the person
is back."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kontaktcenter.accounts.models import User
from kontaktcenter.core.errors import PermissionDenied, ValidationError
from kontaktcenter.directory.models import AbsenceReason, Organisation
from kontaktcenter.directory.presence import absence_end, absence_register
from kontaktcenter.directory.selectors import directory_search
from tests.conftest import Clock
from tests.directory.factories import index, person

pytestmark = pytest.mark.django_db


def test_an_operator_registers_a_sick_call_and_the_person_ends_it_when_back(
    clock: Clock, switchboard_operator: User, traffic_officer: User, traffic_office: Organisation
) -> None:
    holm = person(traffic_office, "Karin", "Holm", account=traffic_officer)
    colleague = person(traffic_office, "Omar", "Hassan", phone="08-508 271 11")
    index()
    absence_register(
        actor=switchboard_operator,
        person_id=holm.pk,
        reason=AbsenceReason.SICK,
        substitute_id=colleague.pk,
    )
    [hit] = directory_search(query="Karin Holm")
    assert hit.absence is not None
    assert hit.absence.reason == AbsenceReason.SICK
    assert hit.absence.back_at is None
    assert hit.substitute is not None
    assert hit.substitute.phone == "08-508 271 11"

    clock.advance(days=2)
    assert absence_end(actor=traffic_officer, person_id=holm.pk) == 1
    assert directory_search(query="Karin Holm")[0].absence is None


def test_a_return_before_the_start_is_refused(
    clock: Clock, switchboard_operator: User, traffic_office: Organisation
) -> None:
    holm = person(traffic_office, "Karin", "Holm")
    with pytest.raises(ValidationError) as refused:
        absence_register(
            actor=switchboard_operator,
            person_id=holm.pk,
            reason=AbsenceReason.MEETING,
            ends_at=clock.at - timedelta(hours=1),
        )
    assert refused.value.code == "directory.absence_ends_before_start"


def test_a_case_officer_cannot_register_someone_elses_absence(
    clock: Clock, district_officer: User, traffic_office: Organisation
) -> None:
    holm = person(traffic_office, "Karin", "Holm")
    with pytest.raises(PermissionDenied) as refused:
        absence_register(actor=district_officer, person_id=holm.pk, reason=AbsenceReason.LUNCH)
    assert refused.value.code == "directory.absence_not_allowed"

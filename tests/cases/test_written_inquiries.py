"""Written inquiries: the resident's messages on their case, and their rating after closing."""

from __future__ import annotations

import pytest

from kontaktcenter.accounts.actors import ResidentActor
from kontaktcenter.accounts.models import User
from kontaktcenter.cases import services
from kontaktcenter.cases.models import (
    Case,
    CaseEventKind,
    CaseStatus,
    Channel,
    Contact,
    ContactOutcome,
    SatisfactionAnswer,
)
from kontaktcenter.core.errors import NotFound, PermissionDenied, ValidationError
from kontaktcenter.routing.models import Category
from tests.conftest import Clock


@pytest.fixture
def web_case(street_lighting: Category, operator: object, clock: Clock) -> Case:
    return services.written_inquiry_register(
        actor=ResidentActor(),
        channel=Channel.WEB,
        category=street_lighting,
        subject="Trasig gatlampa",
        description="Lampan vid Rinkeby torg är släckt.",
        language="sv",
    )


def test_an_e_service_inquiry_is_a_contact_and_a_case(web_case: Case) -> None:
    contact = Contact.objects.get()
    assert contact.channel == Channel.WEB
    assert contact.outcome == ContactOutcome.CASE_CREATED
    assert contact.case == web_case
    assert web_case.description == "Lampan vid Rinkeby torg är släckt."
    created = web_case.events.get(kind=CaseEventKind.CREATED)
    assert created.actor_kind == "resident"


def test_only_written_channels_are_registered_as_written_inquiries(
    street_lighting: Category, operator: object
) -> None:
    with pytest.raises(ValidationError) as refused:
        services.written_inquiry_register(
            actor=ResidentActor(),
            channel=Channel.PHONE,
            category=street_lighting,
            subject="x",
            description="y",
            language="sv",
        )
    assert refused.value.code == "inquiry.written_channel_only"


def test_a_resident_holding_a_case_cannot_register_new_ones_with_it(
    web_case: Case, street_lighting: Category
) -> None:
    with pytest.raises(PermissionDenied):
        services.written_inquiry_register(
            actor=ResidentActor(web_case.pk),
            channel=Channel.WEB,
            category=street_lighting,
            subject="x",
            description="y",
            language="sv",
        )


def test_the_resident_writes_on_their_own_case(web_case: Case) -> None:
    outcome = services.case_resident_write(
        actor=ResidentActor(web_case.pk),
        case=web_case,
        text="Nu är två lampor släckta.",
        channel=Channel.WEB,
    )

    assert outcome.case == web_case
    assert web_case.events.get(kind=CaseEventKind.RESIDENT_WROTE).data["text"] == (
        "Nu är två lampor släckta."
    )


def test_another_cases_tracking_code_does_not_reach_the_case(
    web_case: Case, street_lighting: Category
) -> None:
    other = services.written_inquiry_register(
        actor=ResidentActor(),
        channel=Channel.WEB,
        category=street_lighting,
        subject="Annat",
        description="Annat ärende",
        language="sv",
    )
    with pytest.raises(NotFound):
        services.case_resident_write(
            actor=ResidentActor(other.pk), case=web_case, text="Hej", channel=Channel.WEB
        )


def test_an_empty_message_is_refused(web_case: Case) -> None:
    with pytest.raises(ValidationError) as refused:
        services.case_resident_write(
            actor=ResidentActor(web_case.pk), case=web_case, text="  ", channel=Channel.WEB
        )
    assert refused.value.code == "required"


def test_the_rating_comes_after_closing_once(web_case: Case, traffic_officer: User) -> None:
    resident = ResidentActor(web_case.pk)
    with pytest.raises(ValidationError) as too_early:
        services.satisfaction_answer(actor=resident, case=web_case, score=4)
    assert too_early.value.code == "satisfaction.not_closed"

    closed = services.case_close(actor=traffic_officer, case=web_case, resolution="Lagad.")
    services.satisfaction_answer(actor=resident, case=closed, score=4, comment="Snabbt!")

    answer = SatisfactionAnswer.objects.get()
    assert (answer.score, answer.comment) == (4, "Snabbt!")
    assert answer.organisation_id == web_case.responsible_organisation_id
    assert answer.category_id == web_case.category_id
    with pytest.raises(ValidationError) as again:
        services.satisfaction_answer(actor=resident, case=closed, score=1)
    assert again.value.code == "satisfaction.answered"


@pytest.mark.parametrize("score", [0, 6])
def test_a_rating_outside_one_to_five_is_refused(
    web_case: Case, traffic_officer: User, score: int
) -> None:
    closed = services.case_close(actor=traffic_officer, case=web_case, resolution="Lagad.")
    with pytest.raises(ValidationError) as refused:
        services.satisfaction_answer(actor=ResidentActor(closed.pk), case=closed, score=score)
    assert refused.value.code == "satisfaction.score"


def test_writing_to_a_closed_case_within_the_window_reopens_it(
    web_case: Case, traffic_officer: User, clock: Clock
) -> None:
    closed = services.case_close(actor=traffic_officer, case=web_case, resolution="Lagad.")
    clock.advance(days=29)

    outcome = services.case_resident_write(
        actor=ResidentActor(closed.pk), case=closed, text="Släckt igen", channel=Channel.WEB
    )

    assert outcome.reopened
    closed.refresh_from_db()
    assert closed.status == CaseStatus.IN_PROGRESS

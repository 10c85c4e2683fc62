"""The switchboard console: the call in hand with the caller's earlier cases, transfers that
come back when not answered, missed calls with who rings back, night service."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kontaktcenter.accounts.models import User
from kontaktcenter.cases.models import Case
from kontaktcenter.core.errors import PermissionDenied, ValidationError
from kontaktcenter.directory.models import Site
from kontaktcenter.telephony import selectors, services
from kontaktcenter.telephony.adapters.queue_log import parse_line
from kontaktcenter.telephony.choices import TransferKind, TransferStatus
from kontaktcenter.telephony.ingest import ingest
from kontaktcenter.telephony.models import Call, Queue
from tests.conftest import Clock
from tests.telephony.factories import AgentFactory

pytestmark = pytest.mark.django_db

# 2026-03-10 09:00 Stockholm = 1773129600; the clock fixture stands there.
ANNA_CALLS = (
    "1773129500|55.1|tn-trafik|NONE|ENTERQUEUE||0701234567|1\n"
    "1773129520|55.1|tn-trafik|PJSIP/2001|CONNECT|20|55.2|3\n"
)
MISSED = (
    "1773129000|56.1|tn-trafik|NONE|ENTERQUEUE||0812345678|1\n"
    "1773129090|56.1|tn-trafik|NONE|ABANDON|1|1|90\n"
)


def _take_in(text: str) -> None:
    ingest([event for line in text.splitlines() if (event := parse_line(line))])


@pytest.fixture
def operator_phone(switchboard_operator: User, site: Site) -> None:
    AgentFactory.create(interface="PJSIP/2001", user=switchboard_operator, site=site)


def test_the_call_in_hand_shows_the_callers_earlier_cases(
    client: Client, tier1_agent: User, site: Site, street_light_case: Case, clock: Clock
) -> None:
    """Anna Svensson (070-123 45 67) reported a broken street light; she calls again and
    Maja, a tier-1 agent, sees the case as the call comes in. What a case policy hides
    (confidential cases, or every case from switchboard operators) stays hidden."""
    AgentFactory.create(interface="PJSIP/2001", user=tier1_agent, site=site)
    _take_in(ANNA_CALLS)
    client.force_login(tier1_agent)

    page = client.get(reverse("desk:console")).content.decode()

    assert "070-123 45 67" in page
    assert street_light_case.reference in page


def test_a_transfer_not_answered_in_time_comes_back_to_the_operator(
    switchboard_operator: User, clock: Clock
) -> None:
    transfer = services.transfer_start(
        actor=switchboard_operator,
        target_label="Karin Holm, Trafikkontoret",
        target_number="08-508 260 00",
        caller_number="0701234567",
        recall_after_seconds=30,
    )
    open_now = selectors.open_transfers(actor=switchboard_operator)
    assert selectors.recalls_due(open_now) == []

    clock.advance(seconds=31)

    assert selectors.recalls_due(selectors.open_transfers(actor=switchboard_operator)) == [transfer]
    taken_back = services.transfer_take_back(actor=switchboard_operator, transfer_id=transfer.pk)
    assert taken_back.status == TransferStatus.RECALLED
    with pytest.raises(ValidationError) as error:
        services.transfer_answered(actor=switchboard_operator, transfer_id=transfer.pk)
    assert error.value.code == "telephony.transfer_closed"


def test_a_transfer_the_pbx_reports_answered_does_not_come_back(
    switchboard_operator: User, operator_phone: None, traffic_queue: Queue, clock: Clock
) -> None:
    _take_in(ANNA_CALLS)
    call = selectors.call_in_hand(actor=switchboard_operator)
    transfer = services.transfer_start(
        actor=switchboard_operator, target_label="Karin Holm", call=call, kind=TransferKind.ATTENDED
    )

    _take_in("1773129580|55.1|tn-trafik|PJSIP/2001|ATTENDEDTRANSFER|BRIDGE|b-1|20|60|1\n")
    clock.advance(seconds=60)

    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.ANSWERED
    assert selectors.recalls_due(selectors.open_transfers(actor=switchboard_operator)) == []


def test_the_recall_shows_on_the_console(
    client: Client, switchboard_operator: User, clock: Clock
) -> None:
    services.transfer_start(
        actor=switchboard_operator, target_label="Bygglovsjouren", recall_after_seconds=20
    )
    clock.advance(seconds=25)
    client.force_login(switchboard_operator)

    page = client.get(reverse("desk:console")).content.decode()

    assert "Not answered – back with you" in page
    assert "Bygglovsjouren" in page


def test_the_console_can_tell_that_a_transfer_came_back(
    client: Client, switchboard_operator: User, clock: Clock
) -> None:
    services.transfer_start(actor=switchboard_operator, target_label="Bygglovsjouren")
    client.force_login(switchboard_operator)
    before = client.get(reverse("desk:console_status")).json()

    clock.advance(seconds=31)
    after = client.get(reverse("desk:console_status")).json()

    assert (before["recalls"], after["recalls"]) == (0, 1)


def test_two_operators_do_not_ring_back_the_same_caller(
    switchboard_operator: User, tier1_agent: User, traffic_queue: Queue, clock: Clock
) -> None:
    _take_in(MISSED)
    call = Call.objects.get(call_id="56.1")

    services.callback_take(actor=switchboard_operator, call_id=call.pk)
    with pytest.raises(ValidationError) as error:
        services.callback_take(actor=tier1_agent, call_id=call.pk)

    assert error.value.code == "telephony.callback_taken"
    listed = list(selectors.missed_calls(actor=tier1_agent, day=clock().date()))
    assert listed[0].callback_by == switchboard_operator


def test_the_missed_calls_page_says_who_rang_back(
    client: Client, switchboard_operator: User, traffic_queue: Queue, clock: Clock
) -> None:
    _take_in(MISSED)
    call = Call.objects.get(call_id="56.1")
    services.callback_done(actor=switchboard_operator, call_id=call.pk)
    client.force_login(switchboard_operator)

    still_to_do = client.get(reverse("desk:missed_calls")).content.decode()
    with_done = client.get(reverse("desk:missed_calls") + "?klara=1").content.decode()

    assert "08-123 456 78" not in still_to_do
    assert "Done by Sven Berg" in with_done


def test_a_caller_who_hung_up_at_once_is_not_on_the_list(
    switchboard_operator: User, traffic_queue: Queue, clock: Clock
) -> None:
    _take_in(
        MISSED
        + "1773129100|57.1|tn-trafik|NONE|ENTERQUEUE||0709998877|1\n"
        + "1773129103|57.1|tn-trafik|NONE|ABANDON|1|1|3\n"
    )

    listed = selectors.missed_calls(actor=switchboard_operator, day=clock().date())

    assert [call.caller_number for call in listed] == ["+46812345678"]


def test_an_answered_call_is_not_rung_back(
    switchboard_operator: User, traffic_queue: Queue, clock: Clock
) -> None:
    _take_in(ANNA_CALLS)
    call = Call.objects.get(call_id="55.1")

    with pytest.raises(ValidationError) as error:
        services.callback_take(actor=switchboard_operator, call_id=call.pk)

    assert error.value.code == "telephony.not_missed"


def test_night_service_is_switched_by_operators_and_shown(
    client: Client, switchboard_operator: User, tier1_agent: User, clock: Clock
) -> None:
    with pytest.raises(PermissionDenied):
        services.night_service_set(actor=tier1_agent, is_on=True)
    client.force_login(switchboard_operator)

    client.post(
        reverse("desk:night_service"),
        {"is_on": "on", "message": "Växeln öppnar 08.00", "divert_to": "08-508 000 00"},
    )
    page = client.get(reverse("desk:console")).content.decode()

    assert "Night service is on." in page
    assert "+46850800000" in page


def test_case_officers_have_no_console(client: Client, traffic_officer: User) -> None:
    client.force_login(traffic_officer)

    assert client.get(reverse("desk:console")).status_code == 404
    assert client.get(reverse("desk:missed_calls")).status_code == 404


def test_a_completed_call_is_no_longer_in_hand(
    switchboard_operator: User, operator_phone: None, traffic_queue: Queue, clock: Clock
) -> None:
    _take_in(ANNA_CALLS)
    assert selectors.call_in_hand(actor=switchboard_operator) is not None

    _take_in("1773129700|55.1|tn-trafik|PJSIP/2001|COMPLETEAGENT|20|180|1\n")

    assert selectors.call_in_hand(actor=switchboard_operator) is None


def test_earlier_calls_are_found_however_the_number_is_typed(
    switchboard_operator: User, traffic_queue: Queue, clock: Clock
) -> None:
    _take_in(MISSED)

    (call,) = selectors.earlier_calls(actor=switchboard_operator, number="08-123 456 78")

    assert call.caller_number == "+46812345678"

"""The resident follows the case by its private link: status, answers, replies, rating."""

from __future__ import annotations

import pytest
from django.test import Client

from kontaktcenter.accounts.actors import ResidentActor
from kontaktcenter.accounts.models import User
from kontaktcenter.cases import services
from kontaktcenter.cases.models import Case, CaseEventKind, Channel, SatisfactionAnswer
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


def _url(case: Case) -> str:
    return f"/e-tjanst/arende/{case.tracking_token}/"


def test_the_link_shows_status_and_the_residents_words(client: Client, web_case: Case) -> None:
    page = client.get(_url(web_case)).content.decode()

    assert web_case.reference in page
    assert "Received, not yet started" in page
    assert "Lampan vid Rinkeby torg är släckt." in page


def test_an_unknown_link_is_not_found(client: Client, web_case: Case) -> None:
    assert client.get("/e-tjanst/arende/not-a-real-code/").status_code == 404


def test_the_officers_answer_is_shown_but_not_internal_notes(
    client: Client, web_case: Case, traffic_officer: User
) -> None:
    services.case_add_note(actor=traffic_officer, case=web_case, text="Ring elektrikern Olle.")
    services.case_reply(actor=traffic_officer, case=web_case, text="Vi lagar lampan på torsdag.")

    page = client.get(_url(web_case)).content.decode()

    assert "Vi lagar lampan på torsdag." in page
    assert "Olle" not in page
    assert "Answer from Stockholm city" in page


def test_the_resident_replies_on_the_page(client: Client, web_case: Case) -> None:
    response = client.post(_url(web_case), {"text": "Nu är två lampor släckta.", "website": ""})

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Nu är två lampor släckta." in page
    assert "Your message has been sent." in page
    assert web_case.events.filter(kind=CaseEventKind.RESIDENT_WROTE).count() == 1


def test_an_empty_reply_is_refused_with_a_message(client: Client, web_case: Case) -> None:
    response = client.post(_url(web_case), {"text": "", "website": ""})

    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_after_closing_the_resident_rates_the_help(
    client: Client, web_case: Case, traffic_officer: User
) -> None:
    services.case_close(actor=traffic_officer, case=web_case, resolution="Lampan är lagad.")
    page = client.get(_url(web_case) + "?betyg=4").content.decode()
    assert "Did you get the help you needed?" in page
    assert 'value="4" required id="id_score_3" checked' in page or "checked" in page

    response = client.post(
        _url(web_case) + "betyg/", {"score": "4", "comment": "Snabb hjälp, tack."}
    )

    assert response.status_code == 302
    assert SatisfactionAnswer.objects.get().score == 4
    assert "Thank you for your answer!" in client.get(response["Location"]).content.decode()


def test_writing_to_a_case_closed_long_ago_starts_a_new_case(
    client: Client, web_case: Case, traffic_officer: User, clock: Clock
) -> None:
    services.case_close(actor=traffic_officer, case=web_case, resolution="Lagad.")
    clock.advance(days=60)

    response = client.post(_url(web_case), {"text": "Släckt igen.", "website": ""})

    follow_up = Case.objects.exclude(pk=web_case.pk).get()
    assert response["Location"] == f"/e-tjanst/kvitto/{follow_up.tracking_token}/"
    page = client.get(_url(follow_up)).content.decode()
    assert f"This case follows case {web_case.reference}" in page

"""A tier-2 case that came in by e-mail, in a real browser: the officer takes it, fills its case
type's form, answers from a template and resolves it; the answer reaches the resident's mailbox
on a real SMTP server through the residents' mail outbox."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from kontaktcenter.accounts.actors import ResidentActor
from kontaktcenter.accounts.models import User
from kontaktcenter.cases import services
from kontaktcenter.cases.models import Case, CaseStatus, Channel
from kontaktcenter.email_channel import outgoing
from kontaktcenter.routing.models import Category
from tests.forwarding.smtp_fixtures import SmtpServer, smtp_server

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

__all__ = ["smtp_server"]

PASSWORD = "demo-stockholm-2026"

LAMP_FORM = """\
Stolpnummer | text | * | Numret på stolpens skylt
Lampan blinkar | yes_no
"""


def test_an_officer_takes_a_fault_report_from_its_form_to_resolution_and_the_resident_is_told(
    page: Page,
    live_server,
    operator: object,
    street_lighting: Category,
    traffic_admin: User,
    traffic_officer: User,
    smtp_server: SmtpServer,
) -> None:
    case_type = services.case_type_save(
        actor=traffic_admin,
        category=street_lighting,
        name="Felanmälan gatubelysning",
        fields_text=LAMP_FORM,
        checklist_text="Kontrollera stolpen",
    )
    services.answer_template_save(
        actor=traffic_admin,
        case_type=case_type,
        name="Lampan lagas",
        body="Hej {{ resident_name }}! Vi lagar lampan på stolpe {{ stolpnummer }} "
        "(ärende {{ reference }}).",
    )
    case = services.written_inquiry_register(
        actor=ResidentActor(),
        channel=Channel.EMAIL,
        category=street_lighting,
        subject="Trasig gatlampa",
        description="Lampan vid Rinkeby torg är släckt sedan i måndags.",
        language="sv",
        resident_name="Anna Svensson",
        resident_email="anna.svensson@example.se",
    )
    traffic_officer.set_password(PASSWORD)
    traffic_officer.save()

    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("Username").fill(traffic_officer.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/arenden/{case.reference}/")

    page.get_by_role("button", name="Assign to me").click()
    expect(page.get_by_text("The case is now assigned to you.")).to_be_visible()
    page.get_by_label("Stolpnummer").fill("4711")
    page.get_by_role("button", name="Save the form").click()
    expect(page.get_by_text("The form was saved.")).to_be_visible()
    page.get_by_role("button", name="Use template").click()
    expect(page.get_by_label("Reply to the resident")).to_contain_text("stolpe 4711")
    page.get_by_role("button", name="Save reply").click()
    expect(page.get_by_text("The reply was saved.")).to_be_visible()
    page.get_by_label("How the matter was resolved").fill("Lampan är utbytt.")
    page.get_by_role("button", name="Mark as resolved").click()
    expect(page.get_by_text("The case was marked as resolved.")).to_be_visible()

    assert Case.objects.get(pk=case.pk).status == CaseStatus.RESOLVED
    outgoing.send_due("e2e-worker")
    answers = [
        message
        for message in smtp_server.mailbox.messages
        if "stolpe 4711" in message.get_content()
    ]
    assert len(answers) == 1
    assert answers[0]["To"] == "anna.svensson@example.se"
    assert case.reference in answers[0]["Subject"]
    assert "Hej Anna Svensson!" in answers[0].get_content()

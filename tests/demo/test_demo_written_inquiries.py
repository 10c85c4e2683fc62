"""The demo shows the e-service and the e-mail channel: written inquiries in every state, and
a local dovecot mailbox whose new mail the worker takes in."""

from __future__ import annotations

import pytest
from pytest_django.fixtures import Settings as SettingsWrapper

from kontaktcenter.cases.models import Case, Channel, SatisfactionAnswer
from kontaktcenter.demo.eservice import start_demo_mailbox
from kontaktcenter.demo.services import demo_load
from kontaktcenter.email_channel import intake
from kontaktcenter.email_channel.devserver import start_dovecot, stop_dovecot
from kontaktcenter.email_channel.models import InboundOutcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings: SettingsWrapper) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.FORWARDING_ALLOWED_HOSTS = ["127.0.0.1"]
    demo_load(history_days=2, contacts_per_day=5)


def test_the_demo_has_answered_closed_and_rated_written_inquiries(demo: None) -> None:
    written = Case.objects.filter(channel__in=[Channel.WEB, Channel.EMAIL])
    assert written.filter(correspondence__language="en").exists()
    assert written.filter(status="closed").count() >= 2
    assert SatisfactionAnswer.objects.count() == 2
    assert written.filter(events__kind="reply_sent").distinct().count() >= 3


def test_the_demo_mailbox_takes_in_a_residents_mail_and_ignores_the_auto_reply(
    demo: None,
) -> None:
    server, process = start_dovecot()
    try:
        mailbox = start_demo_mailbox(server)
        report = intake.read_mailbox(mailbox)
    finally:
        stop_dovecot(server, process)
    assert (report.new_cases, report.ignored) == (1, 1)
    taken_in = mailbox.mails.filter(outcome=InboundOutcome.NEW_CASE).get().case
    assert taken_in is not None
    assert taken_in.subject == "Trasig gatlampa på Sveavägen 44"

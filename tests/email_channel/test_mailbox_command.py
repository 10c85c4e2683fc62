"""Operators set up and read functional mailboxes with `kontaktcenter mailbox`."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from kontaktcenter.cases.models import Case
from kontaktcenter.directory.models import Organisation
from kontaktcenter.email_channel.devserver import PASSWORD
from kontaktcenter.email_channel.models import Mailbox
from kontaktcenter.routing.models import Category
from tests.conftest import Clock
from tests.email_channel.conftest import write_mail
from tests.email_channel.dovecot import Dovecot


def _run(*arguments: str) -> str:
    out = io.StringIO()
    call_command("mailbox", *arguments, stdout=out)
    return out.getvalue()


def test_a_mailbox_set_up_on_the_command_line_is_read(
    dovecot: Dovecot,
    imap_user: str,
    traffic_office: Organisation,
    street_lighting: Category,
    operator: Organisation,
    clock: Clock,
) -> None:
    _run(
        "add", "--organisation", "trafikkontoret", "--address", "trafik@stockholm.se",
        "--category", street_lighting.code, "--host", "127.0.0.1", "--port", str(dovecot.port),
        "--no-tls", "--user", imap_user, "--password", PASSWORD,
    )  # fmt: skip
    dovecot.deliver(imap_user, write_mail())

    output = _run("read")

    assert "trafik@stockholm.se: 1 new cases" in output
    assert Case.objects.count() == 1
    assert "trafik@stockholm.se" in _run("list")


def test_a_category_that_needs_a_district_is_refused_for_a_mailbox(
    traffic_office: Organisation, financial_support: Category
) -> None:
    with pytest.raises(CommandError, match="district"):
        _run(
            "add", "--organisation", "trafikkontoret", "--address", "x@stockholm.se",
            "--category", financial_support.code, "--host", "h", "--user", "u",
            "--password", "p",
        )  # fmt: skip
    assert not Mailbox.objects.exists()


def test_an_unreachable_server_is_reported_and_stops_nothing(
    traffic_office: Organisation, street_lighting: Category, operator: Organisation
) -> None:
    Mailbox.objects.create(
        organisation=traffic_office, address="trafik@stockholm.se", category=street_lighting,
        host="127.0.0.1", port=1, use_tls=False, username="u", password="p",
    )  # fmt: skip

    output = _run("read")

    assert "0 new cases" in output
    assert Mailbox.objects.get().last_error

"""Debian's dovecot as the real IMAP server of the e-mail channel's tests (one per test process;
each test gets a mailbox user of its own, so tests never see each other's mail)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kontaktcenter.email_channel.devserver import (
    PASSWORD,
    Dovecot,
    DovecotError,
    start_dovecot,
    stop_dovecot,
)

__all__ = ["PASSWORD", "Dovecot", "dovecot"]


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    try:
        server, process = start_dovecot()
    except DovecotError as error:
        pytest.fail(str(error))
    yield server
    stop_dovecot(server, process)

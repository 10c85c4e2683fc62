"""Fixtures of the forwarding tests: real peers on 127.0.0.1."""

from tests.forwarding.smtp_fixtures import smtp_server

__all__ = ["smtp_server"]

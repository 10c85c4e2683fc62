"""Structured logs without personal data (issue 16)."""

from __future__ import annotations

import json
import logging

import pytest
from django.test import Client
from django.urls import reverse

from kontaktcenter.core.logs import JsonFormatter, redact


def _record(message: str, *args: object, **extra: object) -> logging.LogRecord:
    record = logging.LogRecord(
        "kontaktcenter.test", logging.WARNING, __file__, 1, message, args, None
    )
    record.__dict__.update(extra)
    return record


def test_a_line_is_one_json_object_with_level_logger_and_extra_fields():
    line = JsonFormatter().format(
        _record("delivery %s failed", 42, request_id="abc123", status=502)
    )

    entry = json.loads(line)
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "kontaktcenter.test"
    assert entry["message"] == "delivery 42 failed"
    assert (entry["request_id"], entry["status"]) == ("abc123", 502)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Not Found: /sok?q=19121212-1212", "Not Found: /sok?q=[personnummer]"),
        ("svar till anna.berg@example.se skickat", "svar till [e-mail] skickat"),
        ("ring 070-123 45 67 i morgon", "ring [phone] i morgon"),
        ("ring +46 8 508 000 00", "ring [phone]"),
        ("ärende KC-2026-000123 stängt", "ärende KC-2026-000123 stängt"),
    ],
)
def test_what_could_identify_a_person_is_blanked(text: str, expected: str):
    assert redact(text) == expected


def test_objects_passed_along_and_exception_texts_stay_out():
    try:
        raise ValueError("personnummer 191212121212 är ogiltigt")
    except ValueError:
        record = _record("could not parse", resident=object())
        record.exc_info = __import__("sys").exc_info()

    entry = json.loads(JsonFormatter().format(record))

    assert "resident" not in entry
    assert entry["error"] == "ValueError"
    assert "191212121212" not in json.dumps(entry)


@pytest.mark.django_db
def test_each_request_is_logged_with_route_status_and_request_id(
    client: Client, street_light_case, tier1_agent, caplog: pytest.LogCaptureFixture
):
    client.force_login(tier1_agent)

    with caplog.at_level(logging.INFO, logger="kontaktcenter.requests"):
        response = client.get(reverse("desk:case", args=[street_light_case.reference]))

    (record,) = [r for r in caplog.records if r.name == "kontaktcenter.requests"]
    entry = json.loads(JsonFormatter().format(record))
    assert (entry["route"], entry["status"], entry["method"]) == ("desk:case", 200, "GET")
    assert entry["request_id"] == response["X-Request-ID"]
    assert entry["user_id"] == tier1_agent.pk
    assert street_light_case.reference not in json.dumps(entry)


def test_a_hexadecimal_id_that_starts_with_digits_is_not_taken_for_a_phone_number() -> None:
    assert redact("request 01637909d121442a8aecda6afd89fc29 done") == (
        "request 01637909d121442a8aecda6afd89fc29 done"
    )
    assert redact("ring 070-123 45 67 eller 19811218-9876") == ("ring [phone] eller [personnummer]")

"""Refusals carry a stable code; their words come in the reader's language when they are read.

Tests elsewhere assert codes only. This module checks what people and API clients get from a
refusal: the message in Swedish or English, and the body an API returns.
"""

from __future__ import annotations

import importlib
import json
import pkgutil

import pytest
from django.utils import translation

import kontaktcenter
from kontaktcenter.cases import errors, selectors, services
from kontaktcenter.core.errors import (
    NotFound,
    PermissionDenied,
    ServiceError,
    ValidationError,
    declared_codes,
    error_code,
)

# Codes are declared next to the rules that raise them, in these kinds of modules.
DECLARING_MODULE_NAMES = {"errors", "services", "selectors"}


def _import_every_module_that_may_declare_codes() -> None:
    for module in pkgutil.walk_packages(kontaktcenter.__path__, "kontaktcenter."):
        parts = module.name.split(".")
        if "migrations" in parts or "management" in parts:
            continue
        if DECLARING_MODULE_NAMES & set(parts[2:]):
            importlib.import_module(module.name)


def _refused_close(case, actor) -> ServiceError:
    with pytest.raises(PermissionDenied) as caught:
        services.case_close(actor=actor, case=case, resolution="Klart.")
    return caught.value


def _missing_subject(make_case) -> ServiceError:
    with pytest.raises(ValidationError) as caught:
        make_case(subject="  ")
    return caught.value


def test_a_refusal_reads_in_english_for_an_english_reader(street_light_case, tier1_agent):
    refusal = _refused_close(street_light_case, tier1_agent)

    with translation.override("en"):
        assert refusal.message == "You cannot handle this case."


def test_the_same_refusal_reads_in_swedish_for_a_swedish_reader(street_light_case, tier1_agent):
    refusal = _refused_close(street_light_case, tier1_agent)

    with translation.override("sv"):
        assert refusal.message == "Du kan inte handlägga det här ärendet."


def test_a_refusal_is_worded_when_it_is_read_not_when_it_is_raised(street_light_case, tier1_agent):
    """The service runs in whatever language; the desk reads the message in the user's."""
    with translation.override("en"):
        refusal = _refused_close(street_light_case, tier1_agent)

    with translation.override("sv"):
        assert refusal.message == "Du kan inte handlägga det här ärendet."


def test_a_message_names_what_it_is_about_in_either_language(tier1_agent, operator):
    with pytest.raises(NotFound) as caught:
        selectors.case_get(actor=tier1_agent, reference="kc-2026-000042")

    with translation.override("en"):
        assert caught.value.message == "No case with reference KC-2026-000042."
    with translation.override("sv"):
        swedish = caught.value.message
    assert "KC-2026-000042" in swedish
    assert "ärende" in swedish


def test_as_dict_gives_the_code_field_parameters_and_message(make_case):
    refusal = _missing_subject(make_case)

    assert refusal.as_dict() == {
        "code": "required",
        "field": "subject",
        "params": {"label": "Subject"},
        "message": "Subject must not be empty.",
    }


def test_as_dict_words_the_parameters_in_the_readers_language(make_case):
    refusal = _missing_subject(make_case)

    with translation.override("sv"):
        body = refusal.as_dict()

    assert (body["code"], body["field"]) == ("required", "subject")
    assert body["params"] == {"label": "Rubrik"}
    assert "Rubrik" in body["message"]


def test_as_dict_is_plain_data_an_api_can_send(
    street_light_case, traffic_officer, district_officer
):
    with pytest.raises(ValidationError) as caught:
        services.case_assign(
            actor=traffic_officer, case=street_light_case, assignee=district_officer
        )

    body = json.loads(json.dumps(caught.value.as_dict()))

    assert body == {
        "code": "case.assignee_outside",
        "field": "assignee",
        "params": {"name": "Amina Yusuf"},
        "message": "Amina Yusuf cannot handle cases of this organisation.",
    }


def test_a_refusal_without_a_field_says_so(street_light_case, tier1_agent):
    assert _refused_close(street_light_case, tier1_agent).as_dict()["field"] is None


def test_a_code_cannot_be_declared_twice():
    """Two rules sharing a code would make every test and API client that asserts it lie."""
    with pytest.raises(RuntimeError) as caught:
        error_code("case.not_found", "Some other words.")

    assert "case.not_found" in str(caught.value)
    assert declared_codes()["case.not_found"] is errors.CASE_NOT_FOUND


def test_every_declared_code_has_swedish_words():
    _import_every_module_that_may_declare_codes()

    untranslated = []
    for code, declared in declared_codes().items():
        with translation.override("en"):
            english = str(declared.text)
        with translation.override("sv"):
            swedish = str(declared.text)
        if swedish == english:
            untranslated.append(code)

    assert untranslated == []

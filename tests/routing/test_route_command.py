"""`kontaktcenter route`: the JSON others script against, one line out per line in."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kontaktcenter.directory.models import Organisation
from kontaktcenter.routing.models import Category
from tests.factories import DistrictFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def skarpnack(db: None) -> Organisation:
    return DistrictFactory.create(
        name="Skarpnäck stadsdelsförvaltning", short_name="Skarpnäck", code="skarpnack"
    )


def route(*arguments: str) -> list[dict[str, object]]:
    out = StringIO()
    call_command("route", *arguments, "--json", stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_one_text_prints_one_object_of_the_agreed_shape(
    trained_categories: dict[str, Category], skarpnack: Organisation
) -> None:
    [answer] = route(
        "--text",
        "jag behöver ekonomiskt bistånd har inga pengar till hyran",
        "--address",
        "Bagarmossen",
        "--channel",
        "phone",
    )

    assert set(answer) == {"suggestions", "category", "organisation", "tier", "district", "reason"}
    assert answer["category"] == {
        "code": "socialtjanst-ekonomiskt-bistand",
        "name": trained_categories["socialtjanst-ekonomiskt-bistand"].name,
    }
    assert answer["district"] == {"id": skarpnack.pk, "name": skarpnack.name}
    assert answer["organisation"] == {"id": skarpnack.pk, "name": skarpnack.name}
    assert answer["tier"] == "forward"
    assert "Skarpnäck" in str(answer["reason"])
    suggestions = answer["suggestions"]
    assert isinstance(suggestions, list)
    assert len(suggestions) == 3
    assert set(suggestions[0]) == {"category", "confidence"}


def test_an_unsure_text_names_no_category_and_no_organisation(
    trained_categories: dict[str, Category],
) -> None:
    [answer] = route("--text", "asdf qwerty zxcv")

    assert answer["category"] is None
    assert answer["organisation"] is None
    assert answer["tier"] == "undecided"


def test_a_district_matter_without_a_known_address_asks_for_the_district(
    trained_categories: dict[str, Category], skarpnack: Organisation
) -> None:
    [answer] = route("--text", "min pappa behöver mer hjälp från hemtjänsten")

    assert answer["category"] is not None
    assert answer["organisation"] is None
    assert answer["district"] is None


def test_jsonl_gives_one_line_out_per_line_in_in_order(
    trained_categories: dict[str, Category], skarpnack: Organisation, tmp_path: Path
) -> None:
    lines = [
        {"text": "gatlampan är trasig", "channel": "web"},
        "not json",
        {"text": "jag behöver försörjningsstöd", "address": "Skarpnäcks gård"},
        {"text": "soporna har inte hämtats", "channel": "fax"},
        {"address": "Götgatan 1"},
    ]
    source = tmp_path / "in.jsonl"
    source.write_text(
        "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines),
        encoding="utf-8",
    )

    answers = route("--jsonl", str(source))

    assert len(answers) == 5
    assert answers[0]["category"] == {
        "code": "gata-trafik-gatubelysning",
        "name": trained_categories["gata-trafik-gatubelysning"].name,
    }
    assert answers[1]["error"]["code"] == "route.bad_json"  # type: ignore[index]
    assert answers[2]["district"] == {"id": skarpnack.pk, "name": skarpnack.name}
    assert answers[3]["error"]["code"] == "route.unknown_channel"  # type: ignore[index]
    assert answers[4]["error"]["code"] == "route.text_required"  # type: ignore[index]


def test_a_missing_file_is_a_clear_error(trained_categories: dict[str, Category]) -> None:
    with pytest.raises(CommandError, match="cannot read"):
        route("--jsonl", "/nonexistent/in.jsonl")

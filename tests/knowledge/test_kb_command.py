"""kontaktcenter kb import|export|search: the interface others script against (issue 9)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from kontaktcenter.knowledge.models import Article


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("kb", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def articles_file(tmp_path: Path, operator, traffic_office, street_lighting) -> Path:
    lines = [
        {
            "title": "Sophämtning",
            "body": "Soporna hämtas varannan vecka.",
            "keywords": ["avfall"],
        },
        {
            "title": "Trasig gatubelysning",
            "body": "Felanmäl trasiga gatlampor i e-tjänsten.",
            "organisation": traffic_office.name,
            "audience": "public",
            "categories": [street_lighting.code],
        },
    ]
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n")
    return path


def test_import_publishes_every_line_and_export_gives_them_back(
    articles_file, operator, traffic_office, street_lighting
):
    _out, progress = run("import", str(articles_file))

    assert "Imported 2 of 2" in progress
    exported = [json.loads(line) for line in run("export")[0].splitlines()]
    assert [(a["title"], a["organisation"], a["audience"]) for a in exported] == [
        ("Sophämtning", operator.code, "both"),
        ("Trasig gatubelysning", traffic_office.code, "public"),
    ]
    assert exported[0]["keywords"] == ["avfall"]
    assert exported[1]["categories"] == [street_lighting.code]
    assert exported[0]["body"] == "<p>Soporna hämtas varannan vecka.</p>"


def test_one_bad_line_imports_nothing_and_names_the_line(tmp_path: Path, operator):
    path = tmp_path / "bad.jsonl"
    path.write_text(
        '{"title": "Bra", "body": "Text"}\n'
        '{"title": "Fel", "body": "Text", "organisation": "Finns inte"}\n'
        "not json\n"
    )

    with pytest.raises(CommandError, match="2 line"):
        run("import", str(path))

    assert not Article.objects.exists()


def test_search_json_lists_hits_best_first(articles_file):
    run("import", str(articles_file))

    hits = json.loads(run("search", "gatlampor", "--json", "--limit", "5")[0])

    assert hits[0]["title"] == "Trasig gatubelysning"
    assert {"id", "title", "score"} <= set(hits[0])
    assert [hit["score"] for hit in hits] == sorted((hit["score"] for hit in hits), reverse=True)


def test_search_jsonl_answers_each_line_in_order(articles_file, tmp_path: Path):
    run("import", str(articles_file))
    queries = tmp_path / "queries.jsonl"
    queries.write_text('{"query": "sopor"}\n{"query": "brandlarm"}\n{"query": "gatlampa"}\n')

    lines = run("search", "--jsonl", str(queries), "--json", "--limit", "1")[0].splitlines()

    answers = [json.loads(line) for line in lines]
    assert [answer["query"] for answer in answers] == ["sopor", "brandlarm", "gatlampa"]
    assert [[hit["title"] for hit in answer["hits"]] for answer in answers] == [
        ["Sophämtning"],
        [],
        ["Trasig gatubelysning"],
    ]


def test_search_without_json_prints_a_did_you_mean(articles_file):
    run("import", str(articles_file))

    out, _err = run("search", "sophämtnig")

    assert "Did you mean: sophämtning" in out
    assert "Sophämtning" in out

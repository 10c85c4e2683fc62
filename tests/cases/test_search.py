"""Case search by words through the full-text index, on the real database (SQLite or PostgreSQL)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kontaktcenter.cases import search, selectors
from kontaktcenter.cases.models import Case, case_search_text


def found(actor, query: str) -> list[str]:
    return [case.subject for case in selectors.case_search(actor=actor, query=query)]


@pytest.fixture(params=["through the index", "newest first", "newest first, many old matches"])
def way(request, monkeypatch):
    """The ways search can take, which must find the same cases.

    A word with a page of matches among the newest cases is looked for newest first; others
    through the index, unless they match very many (older) cases.
    """
    if request.param == "newest first":
        monkeypatch.setattr(search, "A_PAGE", 1)  # one recent match makes a word common
    elif request.param == "newest first, many old matches":
        monkeypatch.setattr(search, "MANY_MATCHES", 1)
    return request.param


@pytest.fixture
def lamp_cases(make_case, clock, way):
    """Three cases about lamps in different forms, and one about something else."""
    subjects = ["Trasig lampa i parken", "Lampan vid Kista torg blinkar", "Tre gatlampor släckta"]
    for subject in subjects:
        make_case(subject=subject, resident_name="Örjan Åberg")
        clock.advance(minutes=1)
    make_case(subject="Cykel övergiven på Götgatan", resident_name="Lisa Sjöberg")


@pytest.mark.parametrize("query", ["lampa", "lampan", "lampor", "LAMPORNA"])
def test_any_form_of_a_word_finds_the_others(lamp_cases, tier1_agent, query):
    assert found(tier1_agent, query) == ["Lampan vid Kista torg blinkar", "Trasig lampa i parken"]


@pytest.mark.parametrize("query", ["gatlampa", "gatlam", "gatlamporna"])
def test_a_compound_word_is_found_by_its_beginning_and_its_forms(lamp_cases, tier1_agent, query):
    assert found(tier1_agent, query) == ["Tre gatlampor släckta"]


@pytest.mark.parametrize("query", ["aberg", "Åberg", "orjan aberg", "ÖRJAN"])
def test_swedish_letters_are_found_with_or_without_their_rings_and_dots(
    lamp_cases, tier1_agent, query
):
    assert len(found(tier1_agent, query)) == 3


def test_every_word_must_match_somewhere_in_subject_or_name(lamp_cases, tier1_agent):
    assert found(tier1_agent, "lampa kista åberg") == ["Lampan vid Kista torg blinkar"]
    assert found(tier1_agent, "gotgatan sjoberg") == ["Cykel övergiven på Götgatan"]
    assert found(tier1_agent, "lampa sjöberg") == []


@pytest.mark.parametrize("query", ["brandlarm", "x", "lampskärm", "0000", "parkering"])
def test_a_word_that_matches_nothing_finds_nothing(lamp_cases, tier1_agent, query):
    assert found(tier1_agent, query) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"lampa', 2),
        ("lampa*", 2),
        ("lampa & kista", 1),
        ("lampa | cykel", 0),  # both words must match; | is not "or"
        ("!lampa", 2),
        ("(lampa)", 2),
        ("lampa:*", 2),
        ("'lampa'", 2),
        ("lampa\\", 2),
        ("NEAR(lampa kista)", 0),
        ("lampa NEAR kista", 0),
        ("lampa OR cykel", 0),
        ("lampa -kista", 1),
        ("lampa AND", 0),
        ('"', 0),
        ("*", 0),
        ("'", 0),
        ("&|!():*", 0),
        ("lampa; DROP TABLE cases_case; --", 0),
        ("ลำปาง 中文 ωμέγα", 0),
    ],
)
def test_search_syntax_and_odd_characters_are_taken_as_plain_words(
    lamp_cases, tier1_agent, query, expected
):
    assert len(found(tier1_agent, query)) == expected


def test_a_query_of_many_words_is_cut_to_the_first_terms_not_refused(lamp_cases, tier1_agent):
    words = ["lampa", "kista", *[f"ord{n}" for n in range(50)]]

    assert found(tier1_agent, " ".join(words)) == []
    assert len(words) > search.MAX_QUERY_TERMS


def test_search_still_finds_by_reference_email_and_phone_together_with_words(
    make_case, tier1_agent
):
    by_words = make_case(subject="Klotter på skolan", resident_email="a@example.se")
    by_email = make_case(subject="Annat", resident_email="Klotter@Example.se")

    assert list(selectors.case_search(actor=tier1_agent, query="klotter@example.se")) == [by_email]
    assert list(selectors.case_search(actor=tier1_agent, query="klotter")) == [by_words]
    assert list(selectors.case_search(actor=tier1_agent, query=by_words.reference.lower())) == [
        by_words
    ]


def test_the_document_follows_a_changed_subject(make_case, tier1_agent):
    case = make_case(subject="Trasig lampa")
    case.subject = "Nedfallet träd"
    case.search_text = case_search_text(subject=case.subject, resident_name=case.party.name)
    case.save()

    assert found(tier1_agent, "lampa") == []
    assert found(tier1_agent, "träd") == ["Nedfallet träd"]


def test_saving_a_case_without_changing_its_words_keeps_it_findable(make_case, tier1_agent):
    case = make_case(subject="Trasig lampa")
    case.status = "in_progress"
    case.save()

    assert found(tier1_agent, "lampa") == ["Trasig lampa"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 index is SQLite's")
def test_the_sqlite_index_agrees_with_the_cases_after_insert_update_and_delete(make_case):
    kept = make_case(subject="Trasig lampa")
    changed = make_case(subject="Klotter")
    deleted = Case.objects.create(
        reference="KC-2026-999999",
        tracking_token="token",
        channel=kept.channel,
        category=kept.category,
        responsible_organisation=kept.responsible_organisation,
        subject="Utan händelser",
        search_text=case_search_text(subject="Utan händelser", resident_name=""),
        received_at=kept.created_at,
        created_at=kept.created_at,
        updated_at=kept.created_at,
    )
    Case.objects.filter(pk=changed.pk).update(
        search_text=case_search_text(subject="Nedskräpning", resident_name="")
    )
    deleted.delete()

    with connection.cursor() as cursor:
        # Checks the index against cases_case; raises when they differ.
        cursor.execute(
            "INSERT INTO cases_case_search (cases_case_search, rank) VALUES ('integrity-check', 1)"
        )
        cursor.execute("SELECT rowid FROM cases_case_search WHERE cases_case_search MATCH 'ned*'")
        assert cursor.fetchall() == [(changed.pk,)]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the triggers are SQLite's")
def test_the_triggers_come_back_after_a_migration_rebuilt_the_cases_table(make_case, tier1_agent):
    """Django rebuilds a SQLite table for most column changes, which drops its triggers."""
    with connection.cursor() as cursor:
        for trigger in search.SQLITE_TRIGGERS:
            cursor.execute(f"DROP TRIGGER {trigger}")

    search.restore_sqlite_triggers(using=connection.alias)
    make_case(subject="Skadegörelse på lekplatsen")

    assert found(tier1_agent, "skadegörelse") == ["Skadegörelse på lekplatsen"]


def test_rewriting_the_documents_in_batches_reaches_every_case(make_case, tier1_agent):
    cases = [make_case(subject=f"Trasig lampa nummer {n}") for n in range(5)]
    Case.objects.update(search_text="")
    assert found(tier1_agent, "lampa") == []

    changed = search.rewrite_documents(Case, using=connection.alias, batch_size=2)

    assert changed == len(cases)
    assert len(found(tier1_agent, "lampa")) == len(cases)
    assert search.rewrite_documents(Case, using=connection.alias, batch_size=2) == 0


@pytest.mark.django_db(transaction=True)
def test_the_search_migrations_can_be_reversed_and_applied_again(make_case, tier1_agent):
    make_case(subject="Trasig gatlampa", resident_name="Örjan Åberg")
    before_index = [("cases", "0006_case_consent_and_external_updates")]

    executor = MigrationExecutor(connection)
    executor.migrate(before_index)
    # Only the column that existed then: later migrations add columns the model knows.
    assert Case.objects.values_list("search_text", flat=True).get() == (
        "trasig gatlampa\nörjan åberg"
    )

    executor = MigrationExecutor(connection)
    # Every app forward again: later migrations of other apps were unapplied with these.
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert found(tier1_agent, "gatlampor aberg") == ["Trasig gatlampa"]

"""Finding cases by words: the analysed document in `Case.search_text` and its full-text index.

`Case.search_text` holds the terms of the subject and the resident's name as the Swedish
analyser (`core.text.analyse`) makes them, separated by spaces. A query matches a case when
every one of its terms (`core.text.query_terms`) begins some term of the document.

The index differs per database, and both are kept up to date by the database itself:
- PostgreSQL: a GIN index over `to_tsvector('simple', search_text)`, queried with
  `to_tsquery('simple', 'term1:* & term2:*')`. The analyser's terms are letters and digits
  between spaces, which PostgreSQL's parser takes as one word each, and the 'simple'
  configuration neither stems nor drops words, so they are indexed as they are.
- SQLite: the FTS5 table `cases_case_search`, an external-content index over
  `cases_case.search_text` (it stores no copy of the text), kept in step by three triggers.

The migrations `0007_analyse_case_search_text` and `0008_case_search_index` call the functions
here, so their names and arguments must stay.
"""

from __future__ import annotations

from collections.abc import Callable

from django.apps import apps
from django.db import connection, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.models import Max, Min, Model, Q
from django.db.models.expressions import RawSQL
from django.db.utils import NotSupportedError

from kontaktcenter.core.text import analyse, query_terms

# Enough for any real query; a pasted paragraph is cut here rather than sent whole.
MAX_QUERY_TERMS = 12
BACKFILL_BATCH_SIZE = 2000
# How text_match tells a common word: a page of matches (what the desk shows) among the
# newest cases, which are read in a millisecond or two; so a word in one case in 40.
A_PAGE = 50
RECENT_CASES = 2_000
# More matches than this are not fetched through the index but looked for newest first: a word
# common only in older cases, at worst as slow as the old LIKE search. Fetching m matches and
# reading newest first cost the same at m ≈ √(6 × cases), so this suits up to about four
# million cases and should grow beyond.
MANY_MATCHES = 5_000

POSTGRES_INDEX = "cases_case_search_text_gin"
SQLITE_TABLE = "cases_case_search"
SQLITE_TRIGGERS = {
    "cases_case_search_insert": """
        CREATE TRIGGER cases_case_search_insert AFTER INSERT ON cases_case BEGIN
            INSERT INTO cases_case_search (rowid, search_text) VALUES (new.id, new.search_text);
        END""",
    # Saving a case writes every column; only a changed document is indexed again.
    "cases_case_search_update": """
        CREATE TRIGGER cases_case_search_update AFTER UPDATE OF search_text ON cases_case
        WHEN old.search_text IS NOT new.search_text BEGIN
            INSERT INTO cases_case_search (cases_case_search, rowid, search_text)
                VALUES ('delete', old.id, old.search_text);
            INSERT INTO cases_case_search (rowid, search_text) VALUES (new.id, new.search_text);
        END""",
    "cases_case_search_delete": """
        CREATE TRIGGER cases_case_search_delete AFTER DELETE ON cases_case BEGIN
            INSERT INTO cases_case_search (cases_case_search, rowid, search_text)
                VALUES ('delete', old.id, old.search_text);
        END""",
}


def case_document(*, subject: str, resident_name: str) -> str:
    """What `Case.search_text` holds: the analysed terms of subject and name, each once."""
    terms = analyse(subject) + analyse(resident_name)
    return " ".join(dict.fromkeys(terms))


def text_match(query: str) -> Q:
    """The cases whose document has a term beginning with each term of the query.

    A query without terms (only punctuation, say) matches nothing. Only the analyser's terms
    reach the database, quoted and as parameters, so no input can change a query's syntax.

    The condition returned is one of two that find the same cases; which one depends on how
    common the words are, asked of the database before (one to three small queries):
    - a common word (at least a page of matches among the newest RECENT_CASES cases):
      each term checked on the document itself, which the database reads newest first until
      the page is full, as fast as the old LIKE search. Fetching every match through the index
      would read one case in six for a word like "gata": 1.4 s at a million cases;
    - otherwise the matches, through the full-text index, when fewer than MANY_MATCHES: rare
      words and words that match nothing no longer read every case.
    Neither database's planner can be left to choose: PostgreSQL estimates a prefix that is not
    among its most common words at about 0.5 % of the cases and so reads the whole history
    newest first looking for a rare word (3 s at a million cases), and SQLite has no row
    counts for FTS5 at all.
    """
    terms = query_terms(query)[:MAX_QUERY_TERMS]
    if not terms:
        return Q(pk__in=[])
    in_document = Q(
        *(Q(search_text__startswith=term) | Q(search_text__contains=f" {term}") for term in terms)
    )
    if _fills_a_page_among_recent_cases(in_document):
        return in_document
    vendor = connection.vendor
    if vendor == "postgresql":
        ids = _postgres_matching_ids(terms)
        return in_document if len(ids) >= MANY_MATCHES else Q(pk__in=ids)
    if vendor == "sqlite":
        through_index = _sqlite_matches(terms)
        return in_document if through_index is None else through_index
    raise NotSupportedError(f"case search has no full-text index on {vendor}")


def _fills_a_page_among_recent_cases(in_document: Q) -> bool:
    # The document holds terms separated by single spaces, so "a term begins with t" is "the
    # document begins with t, or contains ' t'". Ids grow with time, so the newest cases are
    # the top id range, which both databases read backwards on the primary key.
    cases = apps.get_model("cases", "Case")._default_manager
    newest = cases.aggregate(newest=Max("pk"))["newest"]
    if newest is None:
        return False
    recent = cases.filter(in_document, pk__gt=newest - RECENT_CASES).order_by("-pk")
    return len(recent.values_list("pk", flat=True)[:A_PAGE]) == A_PAGE


def _postgres_matching_ids(terms: list[str]) -> list[int]:
    """Up to MANY_MATCHES ids through the GIN index.

    MATERIALIZED keeps the LIMIT from reaching the planner, which would otherwise bet on a
    sequential scan finding the rows early and read every case for a word that is rare.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "WITH matching AS MATERIALIZED (SELECT id FROM cases_case"
            " WHERE to_tsvector('simple', search_text) @@ to_tsquery('simple', %s))"
            " SELECT id FROM matching LIMIT %s",
            (_tsquery(terms), MANY_MATCHES),
        )
        return [case_id for (case_id,) in cursor.fetchall()]


def _sqlite_matches(terms: list[str]) -> Q | None:
    """The cases FTS5 finds, unless there are MANY_MATCHES or more.

    The condition is a subquery rather than a list of ids, which SQLite builds limit to 999
    parameters: SQLite reads it once, next to the unique index on the reference.
    """
    match = _fts5_query(terms)
    fts = "SELECT rowid FROM cases_case_search WHERE cases_case_search MATCH %s"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM (SELECT 1 FROM cases_case_search"
            " WHERE cases_case_search MATCH %s LIMIT %s)",
            (match, MANY_MATCHES),
        )
        (matches,) = cursor.fetchone()
    if matches >= MANY_MATCHES:
        return None
    return Q(pk__in=RawSQL(fts, (match,)))  # noqa: S611 - the query is a parameter


def _tsquery(terms: list[str]) -> str:
    """'lamp':* & 'kist':* — each term quoted as a tsquery string, so it is only ever a word."""
    quoted = ("'" + term.replace("\\", "\\\\").replace("'", "''") + "'" for term in terms)
    return " & ".join(f"{term}:*" for term in quoted)


def _fts5_query(terms: list[str]) -> str:
    """The FTS5 query "lamp"* "kist"*: quoted strings, AND'ed, so NEAR, OR or - are only words."""
    return " ".join('"' + term.replace('"', '""') + '"*' for term in terms)


# --- the index, for the migrations ------------------------------------------------------------


def create_index(schema_editor: BaseDatabaseSchemaEditor) -> None:
    """Create the full-text index over the documents already written, on either database.

    PostgreSQL builds the index CONCURRENTLY, so a large table stays writable meanwhile; that
    needs a migration outside a transaction (atomic = False).
    """
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {POSTGRES_INDEX} "
            "ON cases_case USING gin (to_tsvector('simple', search_text))"
        )
    elif vendor == "sqlite":
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute(
                "CREATE VIRTUAL TABLE cases_case_search USING fts5(search_text, "
                "content='cases_case', content_rowid='id', "
                # The documents are already analysed: 'ascii' splits only at spaces (and ASCII
                # punctuation, which they lack), and no phrase searches need word positions.
                "tokenize='ascii', detail='none')"
            )
            _create_sqlite_triggers(schema_editor.connection)


def drop_index(schema_editor: BaseDatabaseSchemaEditor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {POSTGRES_INDEX}")
    elif vendor == "sqlite":
        with transaction.atomic(using=schema_editor.connection.alias):
            for trigger in SQLITE_TRIGGERS:
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger}")
            schema_editor.execute("DROP TABLE IF EXISTS cases_case_search")


def _create_sqlite_triggers(database: BaseDatabaseWrapper) -> None:
    """Create the triggers and index every document again (FTS5 'rebuild')."""
    with database.cursor() as cursor:
        for trigger, sql in SQLITE_TRIGGERS.items():
            cursor.execute(f"DROP TRIGGER IF EXISTS {trigger}")
            cursor.execute(sql)
        cursor.execute("INSERT INTO cases_case_search (cases_case_search) VALUES ('rebuild')")


def restore_sqlite_triggers(*, using: str, **_signal: object) -> None:
    """After `migrate`: put the triggers back if a migration rebuilt the cases table.

    Django changes most columns on SQLite by copying the table to a new one and dropping the
    old, and the triggers go with the old table; the index would then silently miss every new
    or changed case. Connected to post_migrate; does nothing on PostgreSQL, before the index
    exists, or when the triggers are in place.
    """
    database = connections[using]
    if database.vendor != "sqlite":
        return
    with database.cursor() as cursor:
        cursor.execute(
            "SELECT type, name FROM sqlite_master WHERE name = %s OR type = 'trigger'",
            (SQLITE_TABLE,),
        )
        present = {name for _type, name in cursor.fetchall()}
    if SQLITE_TABLE in present and not set(SQLITE_TRIGGERS) <= present:
        with transaction.atomic(using=using):
            _create_sqlite_triggers(database)


# --- the documents, for the migrations --------------------------------------------------------


def rewrite_documents(
    case_model: type[Model],
    *,
    using: str,
    document: Callable[..., str] = case_document,
    batch_size: int = BACKFILL_BATCH_SIZE,
) -> int:
    """Write `document(subject=…, resident_name=…)` into every case's search_text.

    In id ranges of `batch_size`, each range in a transaction of its own, so a table of
    millions of rows is never locked or held in memory at once and a stopped run can simply be
    run again. Returns how many cases changed.
    """
    database = connections[using]
    cases = case_model._default_manager.db_manager(using)
    bounds = cases.aggregate(first=Min("pk"), last=Max("pk"))
    if bounds["first"] is None:
        return 0
    table = database.ops.quote_name(case_model._meta.db_table)
    update = f"UPDATE {table} SET search_text = %s WHERE id = %s"  # noqa: S608 - a table name
    changed = 0
    for start in range(bounds["first"], bounds["last"] + 1, batch_size):
        with transaction.atomic(using=using):
            # The resident's name lives in the case's party record (cases.models.Party).
            rows = cases.filter(pk__gte=start, pk__lt=start + batch_size).values_list(
                "pk", "subject", "party__name", "search_text"
            )
            updates = [
                (new, pk)
                for pk, subject, name, old in rows
                if (new := document(subject=subject, resident_name=name or "")) != old
            ]
            if updates:
                with database.cursor() as cursor:
                    cursor.executemany(update, updates)
            changed += len(updates)
    return changed

"""Finding cases by words: the analysed document in `Case.search_text` and its full-text index.

`Case.search_text` holds the terms of the subject and the resident's name as the Swedish
analyser (`core.text.analyse`) makes them, separated by spaces. A query matches a case when
every one of its terms (`core.text.query_terms`) begins some term of the document.

The index differs per database, and both are kept up to date by the database itself:
- PostgreSQL: a GIN index over `to_tsvector('simple', search_text)`, queried with
  `to_tsquery('simple', 'term1:* & term2:*')`. The 'simple' configuration only splits on spaces
  and lowers case, which leaves the analyser's terms as they are.
- SQLite: the FTS5 table `cases_case_search`, an external-content index over
  `cases_case.search_text` (it stores no copy of the text), kept in step by three triggers.

The migrations `0004_analyse_case_search_text` and `0005_case_search_index` call the functions
here, so their names and arguments must stay.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from django.db import connection, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.models import F, Func, Lookup, Max, Min, Model, Q, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.sql.compiler import SQLCompiler
from django.db.utils import NotSupportedError

from kontaktcenter.core.text import analyse, query_terms

# Enough for any real query; a pasted paragraph is cut here rather than sent whole.
MAX_QUERY_TERMS = 12
BACKFILL_BATCH_SIZE = 2000
# Below this, FTS5 is always used on SQLite (see _sqlite_text_match).
SQLITE_MIN_COMMON_MATCHES = 200

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
    reach the database, quoted and as a parameter, so no input can change the query's syntax.
    """
    terms = query_terms(query)[:MAX_QUERY_TERMS]
    if not terms:
        return Q(pk__in=[])
    if connection.vendor == "postgresql":
        return Q(
            _Matches(_SimpleTsVector(F("search_text")), _SimpleTsQuery(Value(_tsquery(terms))))
        )
    if connection.vendor == "sqlite":
        return _sqlite_text_match(terms)
    raise NotSupportedError(f"case search has no full-text index on {connection.vendor}")


def _sqlite_text_match(terms: list[str]) -> Q:
    """Through FTS5 when few cases match; by reading the newest cases when many do.

    PostgreSQL chooses between its index and reading newest first from its statistics. SQLite
    has none for FTS5, and fetching, joining and sorting every case with a common word (one in
    seven, say) costs far more than reading the newest cases until the page is full. So the
    index is asked first how many cases match, up to a threshold. Both ways find the same
    cases: the document's terms are separated by single spaces, so "a term begins with t" is
    "the document begins with t, or contains ' t'".
    """
    match = _fts5_query(terms)
    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM cases_case")
        (newest_id,) = cursor.fetchone()
        threshold = _sqlite_common_threshold(newest_id or 0)
        cursor.execute(
            "SELECT count(*) FROM (SELECT 1 FROM cases_case_search"
            " WHERE cases_case_search MATCH %s LIMIT %s)",
            (match, threshold),
        )
        (matches,) = cursor.fetchone()
    if matches < threshold:
        fts = "SELECT rowid FROM cases_case_search WHERE cases_case_search MATCH %s"
        return Q(pk__in=RawSQL(fts, (match,)))  # noqa: S611 - a parameter
    return Q(
        *(Q(search_text__startswith=term) | Q(search_text__contains=f" {term}") for term in terms)
    )


def _sqlite_common_threshold(cases: int) -> int:
    """How many matches make a word common enough to read the newest cases instead.

    Fetching m matches costs about m × 5.6 µs; reading newest first until 50 are found about
    50 × cases / m × 0.65 µs (measured at 100 000 cases). The two are equal at m ≈ √(6 × cases):
    about 800 matches at 100 000 cases, 2 400 at a million.
    """
    return max(SQLITE_MIN_COMMON_MATCHES, math.isqrt(6 * cases))


def _tsquery(terms: list[str]) -> str:
    """'lamp':* & 'kist':* — each term quoted as a tsquery string, so it is only ever a word."""
    quoted = ("'" + term.replace("\\", "\\\\").replace("'", "''") + "'" for term in terms)
    return " & ".join(f"{term}:*" for term in quoted)


def _fts5_query(terms: list[str]) -> str:
    """The FTS5 query "lamp"* "kist"*: quoted strings, AND'ed, so NEAR, OR or - are only words."""
    return " ".join('"' + term.replace('"', '""') + '"*' for term in terms)


class _SimpleTsVector(Func):
    # Exactly the expression the GIN index is built on, or PostgreSQL will not use the index.
    function = "to_tsvector"
    template = "%(function)s('simple', %(expressions)s)"
    output_field = TextField()


class _SimpleTsQuery(Func):
    function = "to_tsquery"
    template = "%(function)s('simple', %(expressions)s)"
    output_field = TextField()


class _Matches(Lookup[Any]):
    """tsvector @@ tsquery; used as an expression, not registered on any field."""

    lookup_name = "text_search_matches"

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> Any:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} @@ {rhs}", (*lhs_params, *rhs_params)


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
            rows = cases.filter(pk__gte=start, pk__lt=start + batch_size).values_list(
                "pk", "subject", "resident_name", "search_text"
            )
            updates = [
                (new, pk)
                for pk, subject, name, old in rows
                if (new := document(subject=subject, resident_name=name)) != old
            ]
            if updates:
                with database.cursor() as cursor:
                    cursor.executemany(update, updates)
            changed += len(updates)
    return changed

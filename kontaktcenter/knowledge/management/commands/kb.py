"""kontaktcenter kb import|export|search: the knowledge base from the command line.

    kontaktcenter kb import FILE            JSON Lines, one article a line (see below)
    kontaktcenter kb export                 JSON Lines of every published article, to stdout
    kontaktcenter kb search "query" [--json] [--limit N] [--audience public|internal]
    kontaktcenter kb search --jsonl FILE --json [--limit N]

An imported line has `title` and `body` (plain text or HTML, sanitised), and may have
`organisation` (name or code; the operator organisation when left out), `audience`
(`internal`, `public` or `both`, the default), `categories` (category codes) and `keywords`
(list of words). Every line is checked before any is imported: one bad line stops the import
with every problem listed, and nothing is imported. Imported articles are published at once,
as approved texts from another system are.

`search --json` prints a list of hits, best first, each with `id`, `title`, `score`,
`organisation_id`, `audience` and `snippet`; `--jsonl` answers one query per line
(`{"query": ...}`) with one line `{"query": ..., "hits": [...]}` in the same order, and
`"did_you_mean"` when a word was corrected. Other scripts depend on these fields: keep them.
The command acts as the system actor "command line".
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kontaktcenter.accounts.actors import SystemActor
from kontaktcenter.core.errors import ServiceError
from kontaktcenter.directory.models import Organisation
from kontaktcenter.directory.selectors import operator_organisation, organisation_by_name
from kontaktcenter.knowledge import selectors, services
from kontaktcenter.knowledge.choices import Audience
from kontaktcenter.routing.models import Category
from kontaktcenter.routing.selectors import categories_by_code

COMMAND_LINE = SystemActor("command-line")
CHUNK = 500


class Command(BaseCommand):
    help = "Import, export and search the knowledge base."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        load = actions.add_parser("import", help="import articles from a JSON Lines file")
        load.add_argument("file", help="JSON Lines file, - for standard input")
        actions.add_parser("export", help="write every published article as JSON Lines")
        find = actions.add_parser("search", help="search the published articles")
        find.add_argument("query", nargs="?", default=None)
        find.add_argument("--jsonl", metavar="FILE", help='one {"query": ...} a line')
        find.add_argument("--json", action="store_true", help="print JSON")
        find.add_argument("--limit", type=int, default=10)
        find.add_argument("--audience", choices=[Audience.INTERNAL, Audience.PUBLIC])

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            self._import(options["file"])
        elif options["action"] == "export":
            self._export()
        else:
            self._search(options)

    # -- import --------------------------------------------------------------------------

    def _import(self, file_name: str) -> None:
        rows, problems = self._read_rows(file_name)
        if problems:
            for problem in problems[:50]:
                self.stderr.write(problem)
            if len(problems) > 50:
                self.stderr.write(f"… and {len(problems) - 50} more problems.")
            raise CommandError(f"Nothing imported: {len(problems)} line(s) have problems.")
        done = 0
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            services.articles_import(actor=COMMAND_LINE, rows=chunk)
            done += len(chunk)
            self.stderr.write(f"Imported {done} of {len(rows)} articles")
        self.stdout.write(f"Imported {done} articles.")

    def _read_rows(self, file_name: str) -> tuple[list[services.ImportRow], list[str]]:
        rows: list[services.ImportRow] = []
        problems: list[str] = []
        organisations: dict[str, Organisation | None] = {}
        categories: dict[str, Category | None] = {}
        try:
            operator: Organisation | None = operator_organisation()
        except ServiceError:
            operator = None
        with _open(file_name) as lines:
            for number, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                try:
                    row = _row(line, operator, organisations, categories)
                    rows.append(services.import_row_check(row))
                except _LineError as problem:
                    problems.append(f"Line {number}: {problem}")
                except ServiceError as error:
                    problems.append(f"Line {number}: {error.code}: {error.message}")
        return rows, problems

    # -- export --------------------------------------------------------------------------

    def _export(self) -> None:
        for article in selectors.articles_for_export(actor=COMMAND_LINE):
            version = article.published
            assert version is not None
            line = {
                "id": article.pk,
                "title": version.title,
                "body": version.body,
                "organisation": article.organisation.code,
                "audience": article.audience,
                "categories": [category.code for category in article.categories.all()],
                "keywords": version.keywords,
                "version": version.number,
                "review_by": article.review_by.isoformat() if article.review_by else None,
                "eservice_path": article.eservice_path,
            }
            self.stdout.write(json.dumps(line, ensure_ascii=False))

    # -- search --------------------------------------------------------------------------

    def _search(self, options: dict[str, Any]) -> None:  # noqa: PLR0912 - two forms of output
        limit = options["limit"]
        if limit < 1:
            raise CommandError("--limit must be at least 1.")
        audiences = [options["audience"], Audience.BOTH] if options["audience"] else None
        if options["jsonl"]:
            if not options["json"]:
                raise CommandError("--jsonl answers in JSON: add --json.")
            with _open(options["jsonl"]) as lines:
                for number, line in enumerate(lines, start=1):
                    if not line.strip():
                        continue
                    try:
                        query = json.loads(line)["query"]
                        if not isinstance(query, str):
                            raise TypeError
                    except (ValueError, KeyError, TypeError):
                        raise CommandError(f'Line {number}: expected {{"query": "..."}}.') from None
                    result = self._run(query, limit, audiences)
                    answer: dict[str, Any] = {"query": query, "hits": _hits(result)}
                    if result.did_you_mean:
                        answer["did_you_mean"] = result.did_you_mean
                    self.stdout.write(json.dumps(answer, ensure_ascii=False))
            return
        if options["query"] is None:
            raise CommandError('Give a query ("kb search \\"sophämtning\\"") or --jsonl FILE.')
        result = self._run(options["query"], limit, audiences)
        if options["json"]:
            self.stdout.write(json.dumps(_hits(result), ensure_ascii=False))
            return
        if result.did_you_mean:
            self.stdout.write(f"Did you mean: {result.did_you_mean}")
        if not result.hits:
            self.stdout.write("No articles found.")
        for hit in result.hits:
            self.stdout.write(f"{hit.score:8.4f}  {hit.id:>6}  {hit.title}")

    def _run(self, query: str, limit: int, audiences: list[str] | None) -> selectors.SearchResult:
        # Scripts' searches (evaluations, batch runs) are not counted among the searches that
        # found nothing: that report is about what agents and residents miss.
        return selectors.search(actor=COMMAND_LINE, query=query, limit=limit, audiences=audiences)


class _LineError(Exception):
    pass


def _open(file_name: str) -> TextIO:
    if file_name == "-":
        return sys.stdin
    try:
        return Path(file_name).open(encoding="utf-8")
    except OSError as error:
        raise CommandError(f"Cannot read {file_name}: {error.strerror}.") from None


def _row(  # noqa: PLR0912 - one check per documented field
    line: str,
    operator: Organisation | None,
    organisations: dict[str, Organisation | None],
    categories: dict[str, Category | None],
) -> services.ImportRow:
    try:
        data = json.loads(line)
    except ValueError:
        raise _LineError("not valid JSON.") from None
    if not isinstance(data, dict):
        raise _LineError("expected a JSON object.")
    for field in ("title", "body"):
        if not isinstance(data.get(field), str):
            raise _LineError(f'"{field}" is missing or not text.')
    name = data.get("organisation")
    organisation = operator
    if name in (None, "") and operator is None:
        raise _LineError('no operator organisation is set up: give "organisation".')
    if name not in (None, ""):
        if not isinstance(name, str):
            raise _LineError('"organisation" must be a name or code.')
        if name not in organisations:
            organisations[name] = organisation_by_name(name)
        found = organisations[name]
        if found is None:
            raise _LineError(f"no organisation called {name!r}.")
        organisation = found
    row_categories = []
    for code in _strings(data, "categories"):
        if code not in categories:
            matches = categories_by_code([code])
            categories[code] = matches[0] if matches else None
        category = categories[code]
        if category is None:
            raise _LineError(f"no category with code {code!r}.")
        row_categories.append(category)
    audience = data.get("audience") or Audience.BOTH
    if audience not in Audience.values:
        raise _LineError('"audience" must be internal, public or both.')
    assert organisation is not None
    return services.ImportRow(
        title=data["title"],
        body=data["body"],
        organisation=organisation,
        audience=audience,
        keywords=tuple(_strings(data, "keywords")),
        categories=tuple(row_categories),
    )


def _strings(data: dict[str, Any], name: str) -> Iterator[str]:
    value = data.get(name) or []
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",")]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _LineError(f'"{name}" must be a list of text.')
    return (item for item in value if item)


def _hits(result: selectors.SearchResult) -> list[dict[str, Any]]:
    return [
        {
            "id": hit.id,
            "title": hit.title,
            "score": hit.score,
            "organisation_id": hit.organisation_id,
            "audience": hit.audience,
            "snippet": "".join(text for text, _match in hit.snippet),
        }
        for hit in result.hits
    ]

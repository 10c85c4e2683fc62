"""The knowledge-base measures of one database; `benchmarks.knowledge_run` calls `run`.

Django must be set up before this module is imported. Prints nothing but progress; writes its
figures as JSON for `benchmarks.knowledge` to lay out.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

from django.core.management import call_command

from benchmarks import knowledge_data as data
from benchmarks.timing import Summary
from kontaktcenter.accounts.actors import SystemActor
from kontaktcenter.directory.models import Organisation, OrganisationKind
from kontaktcenter.knowledge import search, selectors, services

BENCHMARK = SystemActor("benchmark")
CHUNK = 500


def _say(message: str, label: str) -> None:
    print(f"  [{label}] {message}", flush=True)


class PlainWordMatching:
    """The baseline: BM25 over lower-cased words, no stemming, stop words, compounds or
    typo handling — what a search box that matches words as typed gives."""

    def __init__(self, documents: list[str]) -> None:
        self.terms = [Counter(re.findall(r"\w+", text.lower())) for text in documents]
        self.lengths = [sum(terms.values()) for terms in self.terms]
        self.average = sum(self.lengths) / len(self.lengths)
        frequency: Counter[str] = Counter()
        for terms in self.terms:
            frequency.update(terms.keys())
        count = len(documents)
        self.idf = {
            term: math.log(1 + (count - df + 0.5) / (df + 0.5)) for term, df in frequency.items()
        }

    def rank(self, query: str, limit: int = 10) -> list[int]:
        words = set(re.findall(r"\w+", query.lower()))
        scored = []
        for index, terms in enumerate(self.terms):
            score = 0.0
            for word in words:
                frequency = terms.get(word, 0)
                if frequency:
                    norm = 1.2 * (1 - 0.75 + 0.75 * self.lengths[index] / self.average)
                    score += self.idf[word] * frequency * 2.2 / (frequency + norm)
            if score > 0:
                scored.append((-score, index))
        return [index for _score, index in sorted(scored)[:limit]]


def _quality(collection: data.Collection, article_ids: list[int]) -> dict[str, Any]:
    position = {article_id: index for index, article_id in enumerate(article_ids)}
    baseline = PlainWordMatching(
        [f"{data.title_of(answer)} {answer}" for answer in collection.answers]
    )
    figures: dict[str, Any] = {}
    rankings: dict[str, list[list[int]]] = {}
    for kind, questions in (
        ("plain", collection.questions),
        ("typos", data.typo_questions(collection.questions)),
    ):
        ours = []
        for question in questions:
            hits = selectors.search(actor=BENCHMARK, query=question.text, limit=10).hits
            ours.append([position[hit.id] for hit in hits])
        words = [baseline.rank(question.text) for question in questions]
        rankings[kind] = ours
        for name, ranked in (("ours", ours), ("baseline", words)):
            pairs = list(zip(ranked, questions, strict=True))
            figures[f"quality.{kind}.{name}.mrr10"] = sum(
                data.reciprocal_rank(r, q.answer_index) for r, q in pairs
            ) / len(pairs)
            figures[f"quality.{kind}.{name}.recall5"] = sum(
                data.found_within(r, q.answer_index) for r, q in pairs
            ) / len(pairs)
    figures["quality.rankings"] = hashlib.sha256(json.dumps(rankings).encode()).hexdigest()
    return figures


def _synthetic_rows(
    collection: data.Collection, count: int, organisation: Organisation
) -> list[services.ImportRow]:
    """Articles made of SweFAQ's sentences recombined: Swedish of the right kind and length."""
    rng = random.Random(9)
    sentences = [
        sentence
        for answer in collection.answers
        for sentence in re.split(r"(?<=[.!?])\s+", answer)
        if len(sentence) > 20
    ]
    words = sorted({word for sentence in sentences for word in re.findall(r"\w{5,}", sentence)})
    rows = []
    for _ in range(count):
        title = " ".join(rng.sample(words, 4)).capitalize()
        body = " ".join(rng.sample(sentences, rng.randint(3, 8)))
        rows.append(
            services.ImportRow(title=title, body=body, organisation=organisation, keywords=())
        )
    return rows


def _import(rows: list[services.ImportRow]) -> list[int]:
    ids: list[int] = []
    for start in range(0, len(rows), CHUNK):
        articles = services.articles_import(actor=BENCHMARK, rows=rows[start : start + CHUNK])
        ids.extend(article.pk for article in articles)
    return ids


def _timed_searches(queries: list[str]) -> tuple[list[float], list[float]]:
    """Wall time and this process's CPU time of each search: on a machine shared with other
    work the wall time includes waiting for a core, the CPU time does not."""
    wall, cpu = [], []
    for query in queries:
        started, started_cpu = time.perf_counter(), time.process_time()
        selectors.search(actor=BENCHMARK, query=query, limit=10)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return wall, cpu


def run(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json-out", required=True)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--label", default="?")
    args = parser.parse_args(argv)
    label = args.label

    call_command("migrate", verbosity=0)
    operator = Organisation.objects.create(
        name="Serviceförvaltningen",
        code="sf",
        kind=OrganisationKind.ADMINISTRATION,
        is_operator=True,
    )
    collection = data.load()
    figures: dict[str, Any] = {}

    _say(f"SweFAQ: {len(collection.answers)} answers, {len(collection.questions)} questions", label)
    answer_ids = _import(
        [
            services.ImportRow(title=data.title_of(answer), body=answer, organisation=operator)
            for answer in collection.answers
        ]
    )
    figures.update(_quality(collection, answer_ids))

    _say(f"importing {args.articles} articles more", label)
    started = time.perf_counter()
    _import(_synthetic_rows(collection, args.articles - len(answer_ids), operator))
    figures["import.per_second"] = (args.articles - len(answer_ids)) / (
        time.perf_counter() - started
    )
    search.forget_index()
    started, started_cpu = time.perf_counter(), time.process_time()
    search.current_index()
    figures["index_build.seconds"] = time.perf_counter() - started
    figures["index_build_cpu.seconds"] = time.process_time() - started_cpu

    questions = [question.text for question in collection.questions]
    typos = [question.text for question in data.typo_questions(collection.questions)]
    # The first pass also fills the per-term caches, as a day of searches would.
    first_wall, _first_cpu = _timed_searches(questions + typos)
    figures["search_first_pass.p95_ms"] = Summary.of(first_wall).p95_ms
    wall, cpu = _timed_searches(questions + typos + questions + typos)
    summary, cpu_summary = Summary.of(wall), Summary.of(cpu)
    figures["search.median_ms"] = summary.median_ms
    figures["search.p95_ms"] = summary.p95_ms
    figures["search_cpu.median_ms"] = cpu_summary.median_ms
    figures["search_cpu.p95_ms"] = cpu_summary.p95_ms
    figures["search.count"] = summary.count

    # A change published, then the next search: the index reads only what changed.
    update_samples = []
    for number in range(5):
        services.articles_import(
            actor=BENCHMARK,
            rows=[
                services.ImportRow(
                    title=f"Ny artikel {number}",
                    body=collection.answers[number],
                    organisation=operator,
                )
            ],
        )
        started = time.perf_counter()
        selectors.search(actor=BENCHMARK, query=questions[number], limit=10)
        update_samples.append(time.perf_counter() - started)
    figures["search_after_change.median_ms"] = Summary.of(update_samples).median_ms
    figures["articles"] = args.articles
    Path(args.json_out).write_text(json.dumps(figures))
    _say("done", label)

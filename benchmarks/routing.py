"""Routing benchmark: decisions per second, rules only and with the classifier, and the
latency of one category suggestion.

    python -m benchmarks.routing                  # 200 rules, 2 000 matters, 500 suggestions
    python -m benchmarks.routing --rules 50 --matters 500 --suggestions 200

Prints, measured side by side in one run in one process (no database: the pure functions the
services call, on the shipped training messages):
- rules only: `routing.rules.evaluate_rules` over the rule set, then the category's own
  handling (`decide_route`) when no rule matches → decisions per second;
- with the classifier: the same after `TrainedClassifier.suggest` picked the category from the
  text → decisions per second, and the ratio to rules only;
- one suggestion: `suggest` on one text at a time, the newest messages held out of training →
  p50 and p95 ms of wall time (the goal is under 20 ms) and p95 of the thread's CPU time (what
  the suggestion costs when other processes do not take the cores meanwhile), and the
  throughput of `suggest_many` over the held-out messages.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import date
from datetime import time as clock_time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kontaktcenter.settings")
os.environ.setdefault("KONTAKTCENTER_SECRET_KEY", "benchmark-only-" + "x" * 40)

import django

django.setup()

from benchmarks.timing import percentile  # noqa: E402
from kontaktcenter.core.text import analyse  # noqa: E402
from kontaktcenter.routing.classifier.dataset import (  # noqa: E402
    shipped_messages,
    shipped_vocabulary,
    split_by_time,
)
from kontaktcenter.routing.classifier.model import train  # noqa: E402
from kontaktcenter.routing.models import Handling  # noqa: E402
from kontaktcenter.routing.rules import (  # noqa: E402
    CategoryRule,
    Matter,
    RuleSpec,
    Switchboard,
    Target,
    Tier,
    decide_route,
    evaluate_rules,
)

OPERATOR = 1
CHANNELS = ("phone", "email", "web", "visit", "letter")


def make_rules(count: int, categories: list[int], districts: list[int], rng: random.Random):
    """Rules as administrators write them: most on a category or two, some with districts,
    channels, keywords, office hours or validity dates."""
    words = ["essingeled", "bostadsbidrag", "fardtjanst", "jour", "akut", "larm", "e4", "sl kort"]
    rules = []
    for number in range(1, count + 1):
        with_time = rng.random() < 0.2
        rules.append(
            RuleSpec(
                id=number,
                name=f"rule {number}",
                priority=rng.randrange(1, 200),
                tier=Tier.FORWARD,
                target=Target.ORGANISATION,
                target_organisation_id=rng.randrange(2, 60),
                categories=frozenset(rng.sample(categories, rng.choice((1, 1, 2)))),
                districts=frozenset(rng.sample(districts, 2))
                if rng.random() < 0.3
                else frozenset(),
                channels=frozenset(rng.sample(CHANNELS, 2)) if rng.random() < 0.3 else frozenset(),
                switchboard=Switchboard.NOT_JOINED if rng.random() < 0.1 else Switchboard.ANY,
                keywords=frozenset(rng.sample(words, 2)) if rng.random() < 0.3 else frozenset(),
                valid_from=date(2026, 1, 1) if rng.random() < 0.2 else None,
                valid_until=date(2026, 12, 31) if rng.random() < 0.2 else None,
                time_from=clock_time(17) if with_time else None,
                time_until=clock_time(8) if with_time else None,
            )
        )
    return rules


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--rules", type=int, default=200)
    parser.add_argument("--matters", type=int, default=2000)
    parser.add_argument("--suggestions", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args(argv)
    rng = random.Random(options.seed)

    messages = shipped_messages()
    older, newest = split_by_time(messages)
    codes = sorted({message.category for message in messages})
    category_ids = {code: number for number, code in enumerate(codes, start=100)}
    handlings = {
        code: Handling.RESIDENT_DISTRICT if code.startswith(("socialtjanst", "forskola"))
        else Handling.ORGANISATION
        for code in codes
    }  # fmt: skip
    districts = list(range(1000, 1011))
    rules = make_rules(options.rules, list(category_ids.values()), districts, rng)

    started = time.perf_counter()
    known = {message.category for message in older}
    classifier = train(
        [m.labelled() for m in older] + [v for v in shipped_vocabulary() if v.category in known]
    )
    training = time.perf_counter() - started

    texts = [rng.choice(newest).text for _ in range(options.matters)]
    context = [
        (rng.choice(districts), rng.choice(CHANNELS), clock_time(rng.randrange(24)))
        for _ in range(options.matters)
    ]

    def decide(code: str, text: str, district: int, channel: str, at: clock_time) -> object:
        matter = Matter(
            category_path=(category_ids[code],),
            district_id=district,
            channel=channel,
            terms=frozenset(analyse(text)),
            on=date(2026, 11, 26),
            at=at,
        )
        rule = evaluate_rules(rules, matter)
        if rule is not None:
            return rule
        return decide_route(
            CategoryRule(handlings[code], 2), district_id=district, operator_id=OPERATOR
        )

    truth = [rng.choice(codes) for _ in range(options.matters)]
    started = time.perf_counter()
    for code, text, (district, channel, at) in zip(truth, texts, context, strict=True):
        decide(code, text, district, channel, at)
    rules_only = options.matters / (time.perf_counter() - started)

    started = time.perf_counter()
    for text, (district, channel, at) in zip(texts, context, strict=True):
        suggestions = classifier.suggest(text)
        decide(suggestions[0].category, text, district, channel, at)
    with_classifier = options.matters / (time.perf_counter() - started)

    for text in texts[:20]:  # warm-up
        classifier.suggest(text)
    latencies = []
    cpu = []
    for index in range(options.suggestions):
        text = newest[index % len(newest)].text
        started, started_cpu = time.perf_counter(), time.thread_time()
        classifier.suggest(text)
        latencies.append((time.perf_counter() - started) * 1000)
        cpu.append((time.thread_time() - started_cpu) * 1000)
    started = time.perf_counter()
    classifier.suggest_many([message.text for message in newest])
    batch = len(newest) / (time.perf_counter() - started)

    out = sys.stdout.write
    out(f"Routing benchmark: {options.rules} rules, {len(codes)} categories, "
        f"{options.matters} matters; classifier trained on {len(older)} messages "
        f"in {training:.1f} s\n\n")  # fmt: skip
    out(f"{'measure':44}{'value':>14}\n")
    out(f"{'decisions/s, rules only':44}{rules_only:>14,.0f}\n")
    out(f"{'decisions/s, classifier + rules':44}{with_classifier:>14,.0f}\n")
    out(f"{'ratio rules only / with classifier':44}{rules_only / with_classifier:>14.1f}\n")
    out(f"{'one suggestion, p50 ms':44}{percentile(latencies, 0.50):>14.2f}\n")
    out(f"{'one suggestion, p95 ms (goal < 20)':44}{percentile(latencies, 0.95):>14.2f}\n")
    out(f"{'one suggestion, CPU p95 ms':44}{percentile(cpu, 0.95):>14.2f}\n")
    out(f"{'suggestions/s one after another':44}{batch:>14,.0f}\n")


if __name__ == "__main__":
    main()

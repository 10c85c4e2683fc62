"""How good the classifier is, measured on the newest messages it did not learn from."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support  # type: ignore[import-untyped]

from kontaktcenter.routing.classifier.dataset import Message, shipped_vocabulary, split_by_time
from kontaktcenter.routing.classifier.model import Labelled, TrainedClassifier, train

COVERAGE_THRESHOLDS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


@dataclass(frozen=True, slots=True)
class CategoryScore:
    category: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True, slots=True)
class CoveragePoint:
    threshold: float
    coverage: float  # share of messages the classifier decided instead of abstaining
    accuracy: float  # accuracy on those


@dataclass(frozen=True, slots=True)
class Scores:
    accuracy: float
    macro_f1: float
    top3: float
    organisation: float | None


@dataclass(frozen=True, slots=True)
class Report:
    trained_on: int
    tested_on: int
    first_tested: str
    model: Scores
    baseline: Scores
    baseline_category: str
    per_category: list[CategoryScore]
    coverage: list[CoveragePoint]
    mean_confidence: float


def _organisation_accuracy(
    truth: Sequence[str], predicted: Sequence[str], destination: Mapping[str, str] | None
) -> float | None:
    if not destination:
        return None
    right = sum(
        destination.get(p, f"?{p}") == destination.get(t, f"!{t}")
        for t, p in zip(truth, predicted, strict=True)
    )
    return right / len(truth)


def evaluate(
    messages: list[Message],
    *,
    destination: Mapping[str, str] | None = None,
    held_out: float = 0.25,
    extra_training: Sequence[Labelled] | None = None,
) -> Report:
    """Train on the older messages, test on the newest `held_out` share.

    `destination` maps a category to where its matters go (an organisation, or "the
    resident's district"), for the share of messages sent to the right place.
    """
    older, newest = split_by_time(messages, held_out=held_out)
    vocabulary = shipped_vocabulary() if extra_training is None else list(extra_training)
    known = {message.category for message in older}
    classifier: TrainedClassifier = train(
        [m.labelled() for m in older] + [v for v in vocabulary if v.category in known]
    )
    truth = [message.category for message in newest]
    ranked = classifier.suggest_many([message.text for message in newest])
    predicted = [suggestions[0].category for suggestions in ranked]
    top3 = sum(t in [s.category for s in r] for t, r in zip(truth, ranked, strict=True))
    majority = Counter(message.category for message in older).most_common(1)[0][0]
    baseline = [majority] * len(truth)
    labels = sorted(set(truth) | set(predicted))
    precision, recall, f1, support = precision_recall_fscore_support(
        truth, predicted, labels=labels, zero_division=0
    )
    per_category = [
        CategoryScore(label, float(p), float(r), float(f), int(s))
        for label, p, r, f, s in zip(labels, precision, recall, f1, support, strict=True)
        if s > 0
    ]
    coverage = []
    for threshold in COVERAGE_THRESHOLDS:
        decided = [
            (t, r[0].category) for t, r in zip(truth, ranked, strict=True)
            if r[0].confidence >= threshold
        ]  # fmt: skip
        coverage.append(
            CoveragePoint(
                threshold,
                len(decided) / len(truth),
                sum(t == p for t, p in decided) / len(decided) if decided else 0.0,
            )
        )
    return Report(
        trained_on=len(older),
        tested_on=len(newest),
        first_tested=newest[0].received.date().isoformat() if newest else "",
        model=Scores(
            float(accuracy_score(truth, predicted)),
            float(f1_score(truth, predicted, average="macro", zero_division=0)),
            top3 / len(truth),
            _organisation_accuracy(truth, predicted, destination),
        ),
        baseline=Scores(
            float(accuracy_score(truth, baseline)),
            float(f1_score(truth, baseline, average="macro", zero_division=0)),
            sum(t == majority for t in truth) / len(truth),
            _organisation_accuracy(truth, baseline, destination),
        ),
        baseline_category=majority,
        per_category=per_category,
        coverage=coverage,
        mean_confidence=sum(r[0].confidence for r in ranked) / len(ranked),
    )


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:5.1f} %"


def format_report(report: Report) -> str:
    lines = [
        f"Trained on {report.trained_on} messages, tested on the {report.tested_on} newest "
        f"(received {report.first_tested} or later).",
        "",
        f"{'':28}{'classifier':>12}{'majority class':>16}",
    ]
    rows = (
        ("accuracy", report.model.accuracy, report.baseline.accuracy),
        ("macro-F1", report.model.macro_f1, report.baseline.macro_f1),
        ("top-3 accuracy", report.model.top3, report.baseline.top3),
        ("right organisation", report.model.organisation, report.baseline.organisation),
    )
    for name, model, baseline in rows:
        lines.append(f"{name:28}{_percent(model):>12}{_percent(baseline):>16}")
    lines += [
        f"{'mean top confidence':28}{_percent(report.mean_confidence):>12}",
        f"(majority class: {report.baseline_category})",
        "",
        "Accuracy against coverage (the classifier decides when its confidence reaches the",
        "threshold, else the agent chooses):",
        f"{'threshold':>10}{'coverage':>10}{'accuracy':>10}",
    ]
    for point in report.coverage:
        lines.append(
            f"{point.threshold:>10.2f}{_percent(point.coverage):>10}{_percent(point.accuracy):>10}"
        )
    lines += ["", f"{'category':40}{'precision':>10}{'recall':>10}{'F1':>8}{'n':>5}"]
    for score in report.per_category:
        lines.append(
            f"{score.category:40}{score.precision:>10.2f}{score.recall:>10.2f}"
            f"{score.f1:>8.2f}{score.support:>5}"
        )
    return "\n".join(lines)

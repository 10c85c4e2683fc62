"""Train and apply the text classifier, without the database.

TF-IDF over character n-grams (2–5, within words) and Swedish-analysed words (`features`)
and a linear SVM (one against the rest). Its margins become probabilities by a softmax with a
temperature fitted on cross-validated margins (temperature scaling: the value that makes the
held-out texts' own categories most likely), so a confidence of 0.8 means about 8 in 10 such
suggestions are right; one scalar keeps a suggestion as fast as the SVM itself. Below
`abstain_below` the classifier offers its top three but names no category: the agent chooses.
"""

from __future__ import annotations

import io
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import joblib  # type: ignore[import-untyped]
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]
from sklearn.model_selection import StratifiedKFold, cross_val_predict  # type: ignore[import-untyped]
from sklearn.pipeline import FeatureUnion  # type: ignore[import-untyped]
from sklearn.svm import LinearSVC  # type: ignore[import-untyped]

from kontaktcenter.routing.classifier.features import SwedishWords, has_content, prepare

DEFAULT_ABSTAIN_BELOW = 0.4
TOP = 3
# Calibration needs each category in every fold; categories with fewer examples are left to
# the memory of corrections until they have enough.
MIN_EXAMPLES = 3
# How alike (cosine of the feature vectors) a remembered correction must be to decide.
MEMORY_SIMILARITY = 0.55


@dataclass(frozen=True, slots=True)
class Suggestion:
    category: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Labelled:
    text: str
    category: str


Vector = tuple[np.ndarray, np.ndarray]  # the feature indices of a text and their weights


@dataclass
class Memory:
    """Corrections since the model was trained: a near-identical text decides at once. Kept as
    an inverted index (feature → the corrections that have it), so recalling costs as many
    steps as the text has features, whatever the number of corrections."""

    postings: dict[int, list[tuple[int, float]]] = field(default_factory=dict)
    categories: list[str] = field(default_factory=list)


class TrainedClassifier:
    def __init__(
        self,
        features: FeatureUnion,
        model: LinearSVC,
        *,
        temperature: float,
        examples: int,
        abstain_below: float = DEFAULT_ABSTAIN_BELOW,
    ) -> None:
        self.features = features
        self.model = model
        self.temperature = temperature
        self.examples = examples
        self.abstain_below = abstain_below
        self.memory = Memory()
        self._prepare_fast_path()

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state["memory"] = Memory()
        state.pop("_blocks", None)
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._prepare_fast_path()

    def _prepare_fast_path(self) -> None:
        """What one text's vector needs from the fitted vectorisers, taken out once.

        scikit-learn's `transform` checks and converts its input on every call, which costs
        ten times the arithmetic for one short text; `_vector` does the same arithmetic as
        TfidfVectorizer (sublinear tf, idf, L2 per block) without it. A test checks that both
        give the same margins.
        """
        blocks = []
        offset = 0
        for _name, vectoriser in self.features.transformer_list:
            blocks.append(
                (vectoriser.build_analyzer(), vectoriser.vocabulary_, vectoriser.idf_, offset)
            )
            offset += len(vectoriser.vocabulary_)
        self._blocks = blocks
        self._coef_t = np.ascontiguousarray(self.model.coef_.T)
        self._intercept = self.model.intercept_

    @property
    def categories(self) -> list[str]:
        return [str(category) for category in self.model.classes_]

    def _vector(self, text: str) -> Vector:
        prepared = prepare(text)
        indices: list[np.ndarray] = []
        weights: list[np.ndarray] = []
        for analyzer, vocabulary, idf, offset in self._blocks:
            counts: dict[int, int] = {}
            for term in analyzer(prepared):
                index = vocabulary.get(term)
                if index is not None:
                    counts[index] = counts.get(index, 0) + 1
            if not counts:
                continue
            block = np.fromiter(counts, dtype=np.int64, count=len(counts))
            values = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64))) * idf[block]
            values /= np.sqrt(values @ values)
            indices.append(block + offset)
            weights.append(values)
        if not indices:
            return np.empty(0, dtype=np.int64), np.empty(0)
        return np.concatenate(indices), np.concatenate(weights)

    def _margins(self, vector: Vector) -> np.ndarray:
        indices, weights = vector
        margins: np.ndarray = weights @ self._coef_t[indices] + self._intercept
        if margins.shape[-1] == 1:  # two categories: one margin for the second
            margins = np.concatenate([-margins, margins])
        return margins

    def remember(self, corrections: Sequence[Labelled]) -> None:
        """Replace the memory with these corrections (text already masked)."""
        memory = Memory(categories=[item.category for item in corrections])
        for row, item in enumerate(corrections):
            for index, weight in zip(*self._vector(item.text), strict=True):
                memory.postings.setdefault(int(index), []).append((row, float(weight)))
        self.memory = memory

    def suggest(self, text: str, *, top: int = TOP) -> list[Suggestion]:
        vector = self._vector(text)
        row = softmax(self._margins(vector)[np.newaxis, :], self.temperature)[0]
        classes = self.categories
        ranked = self._ranked(row, classes)
        recalled = self._recall(vector)
        if recalled is not None:
            category, similarity = recalled
            first = Suggestion(category, round(max(similarity, ranked[0].confidence), 4))
            ranked = [first, *(s for s in ranked if s.category != category)]
        return ranked[:top]

    def suggest_many(self, texts: Sequence[str], *, top: int = TOP) -> list[list[Suggestion]]:
        return [self.suggest(text, top=top) for text in texts]

    def decide(self, suggestions: list[Suggestion], text: str | None = None) -> str | None:
        """The category to take, or None to abstain: when the top confidence is low, or the
        text (if given) says nothing about the matter."""
        if text is not None and not has_content(text):
            return None
        if suggestions and suggestions[0].confidence >= self.abstain_below:
            return suggestions[0].category
        return None

    @staticmethod
    def _ranked(row: np.ndarray, classes: list[str]) -> list[Suggestion]:
        return [Suggestion(classes[i], round(float(row[i]), 4)) for i in np.argsort(-row)]

    def _recall(self, vector: Vector) -> tuple[str, float] | None:
        memory = self.memory
        if not memory.categories:
            return None
        scores: dict[int, float] = {}
        for index, weight in zip(*vector, strict=True):
            for row, other in memory.postings.get(int(index), ()):
                scores[row] = scores.get(row, 0.0) + float(weight) * other
        if not scores:
            return None
        # Each of the two feature blocks is L2-normalised, so the dot product is at most 2.
        # Ties go to the newest correction, which `remember` is given first.
        best = max(scores, key=lambda row: (scores[row], -row))
        similarity = scores[best] / 2
        return (memory.categories[best], similarity) if similarity >= MEMORY_SIMILARITY else None

    def dumps(self) -> bytes:
        buffer = io.BytesIO()
        joblib.dump(self, buffer, compress=3)
        return buffer.getvalue()

    @staticmethod
    def loads(blob: bytes) -> TrainedClassifier:
        loaded = joblib.load(io.BytesIO(blob))
        if not isinstance(loaded, TrainedClassifier):
            raise TypeError("not a trained classifier")
        return loaded


def softmax(margins: np.ndarray, temperature: float) -> np.ndarray:
    scaled = margins / temperature
    scaled -= scaled.max(axis=1, keepdims=True)
    exponentials = np.exp(scaled)
    result: np.ndarray = exponentials / exponentials.sum(axis=1, keepdims=True)
    return result


def fit_temperature(margins: np.ndarray, truth: np.ndarray) -> float:
    """The temperature that minimises the negative log-likelihood of the true categories,
    searched on a log scale (the likelihood is smooth and has one minimum in it)."""
    rows = np.arange(len(truth))
    best, best_loss = 1.0, float("inf")
    for temperature in np.geomspace(0.02, 5.0, 80):
        loss = -np.log(softmax(margins, float(temperature))[rows, truth] + 1e-12).mean()
        if loss < best_loss:
            best, best_loss = float(temperature), float(loss)
    return best


def build_features(texts: Sequence[str]) -> FeatureUnion:
    return FeatureUnion(
        [
            (
                "characters",
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=1
                ),
            ),
            (
                "words",
                TfidfVectorizer(
                    analyzer=SwedishWords(SwedishWords.vocabulary(texts)), sublinear_tf=True
                ),
            ),
        ]
    )


def trainable(examples: Sequence[Labelled]) -> list[Labelled]:
    counts = Counter(example.category for example in examples)
    return [example for example in examples if counts[example.category] >= MIN_EXAMPLES]


C = 1.0


def train(
    examples: Sequence[Labelled], *, abstain_below: float = DEFAULT_ABSTAIN_BELOW
) -> TrainedClassifier:
    """Fit the classifier on labelled texts; categories with too few examples are left out."""
    usable = trainable(examples)
    if len({example.category for example in usable}) < 2:
        raise ValueError("at least two categories with three examples each are needed")
    texts = [prepare(example.text) for example in usable]
    labels = [example.category for example in usable]
    features = build_features(texts)
    matrix = features.fit_transform(texts)
    model = LinearSVC(C=C)
    folds = StratifiedKFold(n_splits=MIN_EXAMPLES, shuffle=True, random_state=0)
    with warnings.catch_warnings():
        # Small categories make uneven folds; the margins are still fine, it just says so.
        warnings.simplefilter("ignore", UserWarning)
        margins = cross_val_predict(model, matrix, labels, cv=folds, method="decision_function")
    model.fit(matrix, labels)
    truth = np.searchsorted(model.classes_, labels)
    return TrainedClassifier(
        features,
        model,
        temperature=fit_temperature(margins, truth),
        examples=len(usable),
        abstain_below=abstain_below,
    )

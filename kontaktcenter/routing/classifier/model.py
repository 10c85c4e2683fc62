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
from scipy.sparse import csr_matrix  # type: ignore[import-untyped]
from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]
from sklearn.model_selection import StratifiedKFold, cross_val_predict  # type: ignore[import-untyped]
from sklearn.pipeline import FeatureUnion  # type: ignore[import-untyped]
from sklearn.svm import LinearSVC  # type: ignore[import-untyped]

from kontaktcenter.routing.classifier.features import SwedishWords, prepare

DEFAULT_ABSTAIN_BELOW = 0.25
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


@dataclass
class Memory:
    """Corrections since the model was trained: a near-identical text decides at once."""

    vectors: csr_matrix | None = None
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

    @property
    def categories(self) -> list[str]:
        return [str(category) for category in self.model.classes_]

    def remember(self, corrections: Sequence[Labelled]) -> None:
        """Replace the memory with these corrections (text already masked)."""
        if not corrections:
            self.memory = Memory()
            return
        vectors = self.features.transform([prepare(item.text) for item in corrections])
        self.memory = Memory(csr_matrix(vectors), [item.category for item in corrections])

    def suggest(self, text: str, *, top: int = TOP) -> list[Suggestion]:
        return self.suggest_many([text], top=top)[0]

    def suggest_many(self, texts: Sequence[str], *, top: int = TOP) -> list[list[Suggestion]]:
        vectors = self.features.transform([prepare(text) for text in texts])
        probabilities = softmax(self.model.decision_function(vectors), self.temperature)
        classes = self.categories
        remembered = self._recall(vectors)
        results = []
        for row, recalled in zip(probabilities, remembered, strict=True):
            order = np.argsort(-row)[:top]
            ranked = [Suggestion(classes[i], round(float(row[i]), 4)) for i in order]
            if recalled is not None:
                category, similarity = recalled
                ranked = [Suggestion(category, round(max(similarity, ranked[0].confidence), 4))]
                ranked += [s for s in self._ranked(row, classes) if s.category != category]
                ranked = ranked[:top]
            results.append(ranked)
        return results

    def decide(self, suggestions: list[Suggestion]) -> str | None:
        """The category to take, or None to abstain."""
        if suggestions and suggestions[0].confidence >= self.abstain_below:
            return suggestions[0].category
        return None

    @staticmethod
    def _ranked(row: np.ndarray, classes: list[str]) -> list[Suggestion]:
        return [Suggestion(classes[i], round(float(row[i]), 4)) for i in np.argsort(-row)]

    def _recall(self, vectors: csr_matrix) -> list[tuple[str, float] | None]:
        memory = self.memory
        if memory.vectors is None:
            return [None] * vectors.shape[0]
        # Each of the two feature blocks is L2-normalised, so the dot product is at most 2.
        similarities = (vectors @ memory.vectors.T).toarray() / 2
        recalled: list[tuple[str, float] | None] = []
        for row in similarities:
            best = int(np.argmax(row))
            recalled.append(
                (memory.categories[best], float(row[best]))
                if row[best] >= MEMORY_SIMILARITY
                else None
            )
        return recalled

    def dumps(self) -> bytes:
        buffer = io.BytesIO()
        memory, self.memory = self.memory, Memory()
        try:
            joblib.dump(self, buffer, compress=3)
        finally:
            self.memory = memory
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

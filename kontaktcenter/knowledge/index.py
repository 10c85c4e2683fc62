"""The in-memory search index of the knowledge base: pure Python and numpy, no ORM.

Two rankings are kept side by side and fused, as on this kind of data neither is enough alone:

- **words**: BM25 over Swedish stems (`core.text.content_stems`) with the title and the keywords
  weighted above the body; compounds split into their known parts ("sophämtning" also counts
  as "sop" and "hämtning"); a query word the index does not know is replaced by the nearest
  known words (typos), and synonyms add their words;
- **character n-grams**: BM25 over the 3- and 4-grams of every content word, which forgives the
  typos, inflections and compounds the stems miss.

The two scores are each divided by their best score, then added with weights (`WORD_WEIGHT`,
`GRAM_WEIGHT`), so an article strong in both comes first. Every number is computed here, so
the ranking is the same whichever database stored the articles.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from kontaktcenter.core.text import (
    character_ngrams,
    compound_parts,
    content_stems,
    edit_distance,
    fold,
    tokens,
)

# BM25's usual constants: k1 how fast repeated words stop counting, b how much length matters.
K1 = 1.2
B = 0.75
# How much a word in the title or among the keywords counts, against one in the body.
TITLE_WEIGHT = 3.0
KEYWORD_WEIGHT = 2.0
BODY_WEIGHT = 1.0
# A compound's parts count for less than the word itself.
PART_WEIGHT = 0.5
# A corrected or synonym word counts for less than the word typed.
CORRECTION_WEIGHT = 0.7
SYNONYM_WEIGHT = 0.9
WORD_WEIGHT = 0.5
GRAM_WEIGHT = 1.0
GRAM_SIZES = (3, 4)
AVERAGE_DRIFT = 0.05
# How many known words sharing most n-grams with a misspelt word are measured against it.
CORRECTION_CANDIDATES = 60
MIN_GRAM_COVERAGE = 0.5

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Document:
    """What the index needs of one published article."""

    article_id: int
    organisation_id: int
    audience: str
    title: str
    body_text: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Hit:
    article_id: int
    score: float


@dataclass
class Ranked:
    hits: list[Hit]
    # Folded stems the query matched on (typed, corrected, synonyms, parts), for highlighting.
    matched_stems: frozenset[str]
    # The query with misspelt words replaced by the nearest known ones; "" when none was.
    suggestion: str


@dataclass
class _Postings:
    """term → {slot: weighted term frequency}, with numpy copies made on first use.

    The copies hold each article's BM25 term weight (without the idf), computed with the
    average length of the day; they are made again when that average has moved by more than
    `AVERAGE_DRIFT`, so the weights stay true without redoing them at every change."""

    by_term: dict[str, dict[int, float]] = field(default_factory=lambda: defaultdict(dict))
    arrays: dict[str, tuple[IntArray, FloatArray]] = field(default_factory=dict)
    average_used: float = 0.0

    def add(self, slot: int, frequencies: dict[str, float]) -> None:
        arrays = self.arrays
        for term, frequency in frequencies.items():
            self.by_term[term][slot] = frequency
            if arrays and term in arrays:
                del arrays[term]

    def remove(self, slot: int, terms: Iterable[str]) -> None:
        for term in terms:
            postings = self.by_term.get(term)
            if postings is not None:
                postings.pop(slot, None)
                if not postings:
                    del self.by_term[term]
            self.arrays.pop(term, None)

    def document_frequency(self, term: str) -> int:
        postings = self.by_term.get(term)
        return len(postings) if postings else 0

    def weights(
        self, term: str, lengths: FloatArray, average: float
    ) -> tuple[IntArray, FloatArray] | None:
        if abs(average - self.average_used) > AVERAGE_DRIFT * max(self.average_used, 1.0):
            self.arrays.clear()
            self.average_used = average
        cached = self.arrays.get(term)
        if cached is None:
            postings = self.by_term.get(term)
            if not postings:
                return None
            slots = np.fromiter(postings.keys(), dtype=np.int64, count=len(postings))
            frequencies = np.fromiter(postings.values(), dtype=np.float64, count=len(postings))
            norm = K1 * (1 - B + B * lengths[slots] / self.average_used)
            cached = (slots, frequencies * (K1 + 1) / (frequencies + norm))
            self.arrays[term] = cached
        return cached


def _weighted_fields(document: Document) -> list[tuple[str, float]]:
    return [
        (document.title, TITLE_WEIGHT),
        (" ".join(document.keywords), KEYWORD_WEIGHT),
        (document.body_text, BODY_WEIGHT),
    ]


class KnowledgeIndex:
    """Published articles, ready to rank. Add, replace and remove articles one by one."""

    def __init__(self) -> None:
        self._slot_of: dict[int, int] = {}
        self._free_slots: list[int] = []
        self._article_ids: list[int] = []
        self._organisation: list[int] = []
        self._audience: list[str] = []
        self._documents: dict[int, Document] = {}
        self._words = _Postings()
        self._grams = _Postings()
        self._word_length: list[float] = []
        self._gram_length: list[float] = []
        self._terms_of_slot: dict[int, tuple[list[str], list[str]]] = {}
        # Folded whole word → how many articles use it (for "did you mean").
        self._word_count: Counter[str] = Counter()
        self._words_of_slot: dict[int, list[str]] = {}
        self._stem_of_word: dict[str, str] = {}
        self._word_grams: dict[str, set[str]] | None = None
        self._synonyms: dict[str, set[str]] = {}
        # A stem's compound parts, found once against the vocabulary of that moment.
        self._parts_of: dict[str, list[str]] = {}
        self._corrections_of: dict[str, list[str]] = {}
        self._arrays_dirty = True
        self._slot_article = np.zeros(0, dtype=np.int64)
        self._slot_organisation = np.zeros(0, dtype=np.int64)
        self._slot_audience = np.zeros(0, dtype=object)
        self._word_length_array = np.zeros(0)
        self._gram_length_array = np.zeros(0)

    def __len__(self) -> int:
        return len(self._slot_of)

    def __contains__(self, article_id: int) -> bool:
        return article_id in self._slot_of

    def document(self, article_id: int) -> Document | None:
        return self._documents.get(article_id)

    # -- changes -----------------------------------------------------------------------------

    def set_synonyms(self, groups: Iterable[Sequence[str]]) -> None:
        """Each group's words find each other: [["sophämtning", "avfallshämtning"], …]."""
        synonyms: dict[str, set[str]] = defaultdict(set)
        for group in groups:
            stems = {stemmed for word in group for stemmed, _ in content_stems(word)}
            for stemmed in stems:
                synonyms[stemmed] |= stems - {stemmed}
        self._synonyms = dict(synonyms)

    def put(self, document: Document) -> None:
        """Add the article, or replace what the index held of it."""
        self.remove(document.article_id)
        slot = self._free_slots.pop() if self._free_slots else len(self._article_ids)
        if slot == len(self._article_ids):
            self._article_ids.append(document.article_id)
            self._organisation.append(document.organisation_id)
            self._audience.append(document.audience)
            self._word_length.append(0.0)
            self._gram_length.append(0.0)
        else:
            self._article_ids[slot] = document.article_id
            self._organisation[slot] = document.organisation_id
            self._audience[slot] = document.audience
        self._slot_of[document.article_id] = slot
        self._documents[document.article_id] = document

        # Each distinct word once: its weight summed over the fields, then its stem and n-grams.
        word_weights: dict[tuple[str, str], float] = defaultdict(float)
        for text, weight in _weighted_fields(document):
            for pair in content_stems(text):
                word_weights[pair] += weight
        word_frequencies: dict[str, float] = defaultdict(float)
        gram_frequencies: dict[str, float] = defaultdict(float)
        stem_of_word = self._stem_of_word
        for (stemmed, folded), weight in word_weights.items():
            word_frequencies[stemmed] += weight
            if folded not in stem_of_word:
                stem_of_word[folded] = stemmed
            for gram in _grams(folded):
                gram_frequencies[gram] += weight
        for stemmed in list(word_frequencies):
            for part in self._parts(stemmed):
                word_frequencies[part] += PART_WEIGHT * word_frequencies[stemmed]
        distinct_words = sorted({folded for _stemmed, folded in word_weights})
        self._word_count.update(distinct_words)
        self._words_of_slot[slot] = distinct_words
        if self._word_grams is not None:
            for word in distinct_words:
                for gram in _grams(word):
                    self._word_grams.setdefault(gram, set()).add(word)

        self._words.add(slot, word_frequencies)
        self._grams.add(slot, gram_frequencies)
        self._word_length[slot] = sum(word_frequencies.values())
        self._gram_length[slot] = sum(gram_frequencies.values())
        self._terms_of_slot[slot] = (list(word_frequencies), list(gram_frequencies))
        self._corrections_of.clear()
        self._arrays_dirty = True

    def remove(self, article_id: int) -> None:
        slot = self._slot_of.pop(article_id, None)
        if slot is None:
            return
        del self._documents[article_id]
        words, grams = self._terms_of_slot.pop(slot)
        self._words.remove(slot, words)
        self._grams.remove(slot, grams)
        self._word_count.subtract(self._words_of_slot.pop(slot))
        self._word_length[slot] = 0.0
        self._gram_length[slot] = 0.0
        self._article_ids[slot] = 0
        self._free_slots.append(slot)
        self._corrections_of.clear()
        self._arrays_dirty = True

    def _parts(self, stemmed: str) -> list[str]:
        if len(stemmed) < 6:
            return []
        parts = self._parts_of.get(stemmed)
        if parts is None:
            parts = [p for p in compound_parts(stemmed, self._is_known_stem) if p != stemmed]
            self._parts_of[stemmed] = parts
        return parts

    def _is_known_stem(self, candidate: str) -> bool:
        return self._words.document_frequency(candidate) > 0

    # -- ranking -----------------------------------------------------------------------------

    def rank(
        self,
        query: str,
        *,
        limit: int = 10,
        audiences: Iterable[str] | None = None,
        organisation_ids: Iterable[int] | None = None,
    ) -> Ranked:
        """The best articles for the query, best first, among those the filters allow."""
        pairs = content_stems(query)
        if not pairs or not self._slot_of:
            return Ranked(hits=[], matched_stems=frozenset(), suggestion="")
        self._refresh_arrays()
        word_query, matched, suggestion = self._word_query(query, pairs)
        gram_query: dict[str, float] = defaultdict(float)
        for _stemmed, folded in pairs:
            for gram in _grams(folded):
                gram_query[gram] += 1.0
        word_scores, _shared_words = self._bm25(self._words, word_query, self._word_length_array)
        gram_scores, coverage = self._bm25(self._grams, gram_query, self._gram_length_array)
        scores = WORD_WEIGHT * _scaled(word_scores) + GRAM_WEIGHT * _scaled(gram_scores)
        # An article that shares no word with the query is a hit through n-grams only when it
        # has at least half of the query's n-grams: a typo, not a chance likeness.
        allowed = self._allowed(audiences, organisation_ids)
        scores[~allowed] = 0.0
        scores[(word_scores <= 0) & (coverage < MIN_GRAM_COVERAGE * len(gram_query))] = 0.0
        candidates = np.flatnonzero(scores > 0)
        if candidates.size == 0:
            return Ranked(hits=[], matched_stems=frozenset(matched), suggestion=suggestion)
        if candidates.size > limit:
            best = np.argpartition(-scores[candidates], limit - 1)[:limit]
            candidates = candidates[best]
        order = sorted(
            candidates.tolist(), key=lambda slot: (-scores[slot], self._article_ids[slot])
        )
        hits = [Hit(self._article_ids[slot], round(float(scores[slot]), 6)) for slot in order]
        return Ranked(hits=hits, matched_stems=frozenset(matched), suggestion=suggestion)

    def _word_query(
        self, query: str, pairs: list[tuple[str, str]]
    ) -> tuple[dict[str, float], set[str], str]:
        weights: dict[str, float] = defaultdict(float)
        matched: set[str] = set()
        corrected_words: dict[str, str] = {}
        for stemmed, folded in pairs:
            if self._words.document_frequency(stemmed):
                weights[stemmed] += 1.0
                matched.add(stemmed)
            else:
                corrections = self._corrections(folded)
                if corrections:
                    corrected_words[folded] = corrections[0]
                for correction in corrections:
                    correction_stem = self._stem_of_word.get(correction, correction)
                    weights[correction_stem] += CORRECTION_WEIGHT / len(corrections)
                    matched.add(correction_stem)
                for part in self._parts(stemmed):
                    weights[part] += PART_WEIGHT
                    matched.add(part)
            for synonym in self._synonyms.get(stemmed, ()):
                weights[synonym] += SYNONYM_WEIGHT
                matched.add(synonym)
        return weights, matched, self._suggestion(query, corrected_words)

    def _corrections(self, folded: str, most: int = 2) -> list[str]:
        """The known words nearest a word the index does not have, most used first."""
        if len(folded) < 4 or not folded.isalpha() or self._word_count[folded] > 0:
            return []
        cached = self._corrections_of.get(folded)
        if cached is not None:
            return cached
        limit = 1 if len(folded) < 8 else 2
        word_grams = self._word_gram_index()
        shared: Counter[str] = Counter()
        for gram in set(_grams(folded)):
            shared.update(word_grams.get(gram, ()))
        near = []
        for candidate, _count in shared.most_common(CORRECTION_CANDIDATES):
            if abs(len(candidate) - len(folded)) > limit or self._word_count[candidate] <= 0:
                continue
            distance = edit_distance(folded, candidate, limit)
            if distance <= limit:
                near.append((distance, -self._word_count[candidate], candidate))
        near.sort()
        corrections = [candidate for _d, _c, candidate in near[:most]]
        if len(self._corrections_of) > 10_000:
            self._corrections_of.clear()
        self._corrections_of[folded] = corrections
        return corrections

    def _word_gram_index(self) -> dict[str, set[str]]:
        if self._word_grams is None:
            index: dict[str, set[str]] = {}
            for word, count in self._word_count.items():
                if count > 0:
                    for gram in _grams(word):
                        index.setdefault(gram, set()).add(word)
            self._word_grams = index
        return self._word_grams

    def _suggestion(self, query: str, corrected: dict[str, str]) -> str:
        if not corrected:
            return ""
        words = []
        for word in tokens(query):
            replacement = corrected.get(fold(word))
            words.append(self._shown_form(replacement) if replacement else word)
        return " ".join(words)

    def _shown_form(self, folded: str) -> str:
        """The word as an article writes it, with its å, ä and ö: "sophamtning" → "sophämtning"."""
        postings = self._words.by_term.get(self._stem_of_word.get(folded, folded), {})
        for slot in list(postings)[:20]:
            document = self._documents.get(self._article_ids[slot])
            if document is None:
                continue
            text = f"{document.title} {' '.join(document.keywords)} {document.body_text}"
            for word in tokens(text):
                if fold(word) == folded:
                    return word
        return folded

    def _bm25(
        self, postings: _Postings, query: dict[str, float], lengths: FloatArray
    ) -> tuple[FloatArray, FloatArray]:
        """BM25 scores per slot, and how many of the query's terms each slot has."""
        scores = np.zeros(len(self._article_ids))
        shared = np.zeros(len(self._article_ids))
        count = len(self._slot_of)
        live_lengths = lengths[lengths > 0]
        average = float(live_lengths.mean()) if live_lengths.size else 1.0
        for term, query_weight in query.items():
            found = postings.weights(term, lengths, average)
            if found is None:
                continue
            slots, weights = found
            frequency = slots.size
            idf = math.log(1 + (count - frequency + 0.5) / (frequency + 0.5))
            scores[slots] += (query_weight * idf) * weights
            shared[slots] += 1
        return scores, shared

    def _allowed(
        self, audiences: Iterable[str] | None, organisation_ids: Iterable[int] | None
    ) -> npt.NDArray[np.bool_]:
        allowed: npt.NDArray[np.bool_] = np.not_equal(self._slot_article, 0)
        if audiences is not None:
            allowed &= np.isin(self._slot_audience, list(audiences))
        if organisation_ids is not None:
            allowed &= np.isin(self._slot_organisation, list(organisation_ids))
        return allowed

    def _refresh_arrays(self) -> None:
        if not self._arrays_dirty:
            return
        self._slot_article = np.array(self._article_ids, dtype=np.int64)
        self._slot_organisation = np.array(self._organisation, dtype=np.int64)
        self._slot_audience = np.array(self._audience, dtype=object)
        self._word_length_array = np.array(self._word_length, dtype=np.float64)
        self._gram_length_array = np.array(self._gram_length, dtype=np.float64)
        self._arrays_dirty = False


@lru_cache(maxsize=200_000)
def _grams(folded: str) -> tuple[str, ...]:
    return tuple(character_ngrams(folded, GRAM_SIZES))


def _scaled(scores: FloatArray) -> FloatArray:
    best = float(scores.max()) if scores.size else 0.0
    return scores / best if best > 0 else scores


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def snippet(
    text: str, matched_stems: frozenset[str], *, length: int = 240
) -> list[tuple[str, bool]]:
    """The passage of the text with most query words, as (text, is_match) pieces to show with
    the matches marked. Words match by their folded stem, so "soporna" marks "sopor"."""
    sentences = [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]
    if not sentences:
        return []

    def hits(sentence: str) -> int:
        return sum(1 for word in tokens(sentence) if _word_matches(word, matched_stems))

    best = max(range(len(sentences)), key=lambda index: (hits(sentences[index]), -index))
    passage = sentences[best]
    following = best + 1
    while len(passage) < length and following < len(sentences):
        passage = f"{passage} {sentences[following]}"
        following += 1
    if len(passage) > length:
        passage = passage[:length].rsplit(" ", 1)[0] + " …"
    pieces: list[tuple[str, bool]] = []
    position = 0
    for match in re.finditer(r"\w+", passage):
        if _word_matches(match.group(), matched_stems):
            if match.start() > position:
                pieces.append((passage[position : match.start()], False))
            pieces.append((match.group(), True))
            position = match.end()
    if position < len(passage):
        pieces.append((passage[position:], False))
    return pieces


def _word_matches(word: str, matched_stems: frozenset[str]) -> bool:
    return any(
        stemmed in matched_stems or folded in matched_stems
        for stemmed, folded in content_stems(word)
    )

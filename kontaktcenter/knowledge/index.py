"""The in-memory search index of the knowledge base: pure Python and numpy, no ORM.

Two rankings are kept side by side and fused, as on this kind of data neither is enough alone:

- **stems**: BM25 over Swedish stems (`core.text.content_stems`) with the title and the
  keywords weighted above the body; compounds also count as their known parts ("sophämtning"
  as "sop" and "hämtning"), and administrators' synonyms add their words;
- **near forms**: each query word is matched to the written forms of the vocabulary whose
  character 3- and 4-grams it shares most (Dice coefficient), so a typo ("sophämtnig"), another
  inflection ("simhallarnas") or a compound's part still finds the article; BM25 over those
  forms, each weighted by its likeness.

The n-grams index the *vocabulary* (tens of thousands of words), not every article, so memory
and the time to build and search grow with the articles' words, not with their n-grams. The two
scores are each divided by their best, then added with weights. Every number is computed here,
so the ranking is the same whichever database stored the articles.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
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
# A compound's parts count for less than the word itself; so does a synonym.
PART_WEIGHT = 0.5
SYNONYM_WEIGHT = 0.9
STEM_WEIGHT = 0.5
GRAM_WEIGHT = 1.0
# A word the index does not know is replaced by its nearest known forms, at this weight.
CORRECTION_WEIGHT = 0.7
GRAM_SIZES = (3, 4)
# An n-gram found in more than this share of the vocabulary's forms (endings such as "ing_")
# tells little about an article, costs most to gather, and is left out of the ranking.
MAX_GRAM_SHARE = 0.02
MIN_GRAM_COVERAGE = 0.5
# The n-grams of a misspelt word match nothing; its correction's n-grams stand in, at this weight.
CORRECTION_GRAM_WEIGHT = 0.5
# A written form is near a query word from this Dice likeness of their n-grams on: a typo or
# another ending stays above it, a word that only shares an ending ("-ning") falls below.
MIN_LIKENESS = 0.5
# How many near forms one query word may bring in, the nearest first.
NEAR_FORMS = 8


FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
_AUDIENCE_CODES = {"internal": 1, "public": 2, "both": 3}


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
    # Folded stems and forms the query matched on (typed, near, synonyms, parts): highlighting.
    matched: frozenset[str]
    # The query with misspelt words replaced by the nearest known ones; "" when none was.
    suggestion: str


@dataclass
class _Postings:
    """term → {slot: weighted term frequency}, with numpy copies made on first use and
    dropped when the term changes."""

    by_term: dict[str, dict[int, float]] = field(default_factory=lambda: defaultdict(dict))
    raw_arrays: dict[str, tuple[IntArray, FloatArray]] = field(default_factory=dict)

    def add(self, slot: int, frequencies: dict[str, float]) -> None:
        raw_arrays = self.raw_arrays
        for term, frequency in frequencies.items():
            self.by_term[term][slot] = frequency
            if raw_arrays and term in raw_arrays:
                del raw_arrays[term]

    def remove(self, slot: int, terms: Iterable[str]) -> None:
        for term in terms:
            postings = self.by_term.get(term)
            if postings is not None:
                postings.pop(slot, None)
                if not postings:
                    del self.by_term[term]
            self.raw_arrays.pop(term, None)

    def document_frequency(self, term: str) -> int:
        postings = self.by_term.get(term)
        return len(postings) if postings else 0

    def raw(self, term: str) -> tuple[IntArray, FloatArray] | None:
        """The term's slots and plain weighted frequencies, kept until the term changes."""
        cached = self.raw_arrays.get(term)
        if cached is None:
            postings = self.by_term.get(term)
            if not postings:
                return None
            cached = (
                np.fromiter(postings.keys(), dtype=np.int64, count=len(postings)),
                np.fromiter(postings.values(), dtype=np.float64, count=len(postings)),
            )
            self.raw_arrays[term] = cached
        return cached

    def weights(self, term: str, norms: FloatArray) -> tuple[IntArray, FloatArray] | None:
        """The term's slots and BM25 weights without the idf, for the lengths of now."""
        found = self.raw(term)
        if found is None:
            return None
        slots, frequencies = found
        return slots, frequencies * (K1 + 1) / (frequencies + norms[slots])


class _Vocabulary:
    """The written forms the articles use, findable by their n-grams."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.forms: list[str] = []
        self.gram_counts: list[int] = []
        self.articles: list[int] = []  # how many articles use the form now
        self._by_gram: dict[str, list[int]] = defaultdict(list)
        self._gram_arrays: dict[str, IntArray] = {}
        self._gram_count_array: FloatArray | None = None

    def add(self, form: str) -> None:
        form_id = self.ids.get(form)
        if form_id is None:
            form_id = self.ids[form] = len(self.forms)
            self.forms.append(form)
            grams = set(_grams(form))
            self.gram_counts.append(len(grams))
            self.articles.append(0)
            for gram in grams:
                self._by_gram[gram].append(form_id)
                self._gram_arrays.pop(gram, None)
            self._gram_count_array = None
        self.articles[form_id] += 1

    def drop(self, form: str) -> None:
        self.articles[self.ids[form]] -= 1

    def count(self, form: str) -> int:
        form_id = self.ids.get(form)
        return self.articles[form_id] if form_id is not None else 0

    def near(self, word: str) -> list[tuple[str, float]]:
        """The forms in use nearest the word, as (form, likeness), nearest first."""
        grams = set(_grams(word))
        if not grams or not self.forms:
            return []
        found = [self._array(gram) for gram in grams if gram in self._by_gram]
        if not found:
            return []
        shared = np.bincount(np.concatenate(found), minlength=len(self.forms))
        if self._gram_count_array is None:
            self._gram_count_array = np.array(self.gram_counts, dtype=np.float64)
        likeness = 2.0 * shared / (len(grams) + self._gram_count_array)
        candidates = np.flatnonzero(likeness >= MIN_LIKENESS)
        if candidates.size > 4 * NEAR_FORMS:
            candidates = candidates[np.argsort(-likeness[candidates])[: 4 * NEAR_FORMS]]
        near = [
            (self.forms[index], float(likeness[index]))
            for index in candidates.tolist()
            if self.articles[index] > 0
        ]
        near.sort(key=lambda pair: (-pair[1], -self.articles[self.ids[pair[0]]], pair[0]))
        return near[:NEAR_FORMS]

    def with_gram(self, gram: str) -> list[int]:
        return self._by_gram.get(gram, [])

    def _array(self, gram: str) -> IntArray:
        cached = self._gram_arrays.get(gram)
        if cached is None:
            cached = self._gram_arrays[gram] = np.array(self._by_gram[gram], dtype=np.int64)
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
        self._audience: list[int] = []
        self._documents: dict[int, Document] = {}
        self._stems = _Postings()
        self._forms = _Postings()
        self._stem_length: list[float] = []
        self._gram_length: list[float] = []
        # An n-gram's articles and frequencies, gathered from the forms that contain it.
        self._gram_postings: dict[str, tuple[IntArray, FloatArray]] = {}
        # Changes to cached n-grams not yet merged into them: merging costs one pass over the
        # n-gram's array, gathering again from every form that has it costs far more.
        self._gram_added: dict[str, dict[int, float]] = defaultdict(dict)
        self._gram_removed: dict[str, set[int]] = defaultdict(set)
        self._terms_of_slot: dict[int, tuple[list[str], list[str]]] = {}
        self._vocabulary = _Vocabulary()
        self._stem_of_form: dict[str, str] = {}
        self._synonyms: dict[str, set[str]] = {}
        # A stem's compound parts, found once against the vocabulary of that moment.
        self._parts_of: dict[str, list[str]] = {}
        self._near_of: dict[str, list[tuple[str, float]]] = {}
        self._arrays_dirty = True
        self._slot_article = np.zeros(0, dtype=np.int64)
        self._slot_organisation = np.zeros(0, dtype=np.int64)
        self._slot_audience = np.zeros(0, dtype=np.int64)
        self._stem_length_array = np.zeros(0)
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
        audience = _AUDIENCE_CODES.get(document.audience, 0)
        if slot == len(self._article_ids):
            self._article_ids.append(document.article_id)
            self._organisation.append(document.organisation_id)
            self._audience.append(audience)
            self._stem_length.append(0.0)
            self._gram_length.append(0.0)
        else:
            self._article_ids[slot] = document.article_id
            self._organisation[slot] = document.organisation_id
            self._audience[slot] = audience
        self._slot_of[document.article_id] = slot
        self._documents[document.article_id] = document

        # Each distinct word once: its weight summed over the fields.
        word_weights: dict[tuple[str, str], float] = defaultdict(float)
        for text, weight in _weighted_fields(document):
            for pair in content_stems(text):
                word_weights[pair] += weight
        stem_frequencies: dict[str, float] = defaultdict(float)
        form_frequencies: dict[str, float] = defaultdict(float)
        stem_of_form = self._stem_of_form
        for (stemmed, form), weight in word_weights.items():
            stem_frequencies[stemmed] += weight
            form_frequencies[form] += weight
            if form not in stem_of_form:
                stem_of_form[form] = stemmed
        for stemmed in list(stem_frequencies):
            for part in self._parts(stemmed):
                stem_frequencies[part] += PART_WEIGHT * stem_frequencies[stemmed]
        for form, frequency in form_frequencies.items():
            self._vocabulary.add(form)
            self._note_grams_added(slot, form, frequency)

        self._stems.add(slot, stem_frequencies)
        self._forms.add(slot, form_frequencies)
        self._stem_length[slot] = sum(stem_frequencies.values())
        self._gram_length[slot] = sum(
            frequency * len(_grams(form)) for form, frequency in form_frequencies.items()
        )
        self._terms_of_slot[slot] = (list(stem_frequencies), list(form_frequencies))
        self._near_of.clear()
        self._arrays_dirty = True

    def remove(self, article_id: int) -> None:
        slot = self._slot_of.pop(article_id, None)
        if slot is None:
            return
        del self._documents[article_id]
        stems, forms = self._terms_of_slot.pop(slot)
        self._stems.remove(slot, stems)
        self._forms.remove(slot, forms)
        for form in forms:
            self._vocabulary.drop(form)
            self._note_grams_removed(slot, form)
        self._stem_length[slot] = 0.0
        self._gram_length[slot] = 0.0
        self._article_ids[slot] = 0
        self._free_slots.append(slot)
        self._near_of.clear()
        self._arrays_dirty = True

    def _note_grams_added(self, slot: int, form: str, frequency: float) -> None:
        cached = self._gram_postings
        if cached:
            for gram in set(_grams(form)):
                if gram in cached:
                    added = self._gram_added[gram]
                    added[slot] = added.get(slot, 0.0) + frequency

    def _note_grams_removed(self, slot: int, form: str) -> None:
        cached = self._gram_postings
        if cached:
            for gram in set(_grams(form)):
                if gram in cached:
                    self._gram_added.get(gram, {}).pop(slot, None)
                    self._gram_removed[gram].add(slot)

    def _parts(self, stemmed: str) -> list[str]:
        if len(stemmed) < 6:
            return []
        parts = self._parts_of.get(stemmed)
        if parts is None:
            parts = [p for p in compound_parts(stemmed, self._is_known_stem) if p != stemmed]
            self._parts_of[stemmed] = parts
        return parts

    def _is_known_stem(self, candidate: str) -> bool:
        return self._stems.document_frequency(candidate) > 0

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
            return Ranked(hits=[], matched=frozenset(), suggestion="")
        self._refresh_arrays()
        stem_query, gram_query, matched, corrected = self._queries(pairs)
        stem_scores = self._bm25(self._stems, stem_query, self._stem_length_array)
        gram_scores, coverage = self._gram_bm25(gram_query)
        scores = STEM_WEIGHT * _scaled(stem_scores) + GRAM_WEIGHT * _scaled(gram_scores)
        # An article that shares no word with the query is a hit through n-grams only when it
        # has at least half of the query's n-grams: a typo, not a chance likeness.
        scores[(stem_scores <= 0) & (coverage < MIN_GRAM_COVERAGE)] = 0.0
        scores[~self._allowed(audiences, organisation_ids)] = 0.0
        candidates = np.flatnonzero(scores > 0)
        suggestion = self._suggestion(query, corrected)
        if candidates.size == 0:
            return Ranked(hits=[], matched=frozenset(matched), suggestion=suggestion)
        if candidates.size > limit:
            best = np.argpartition(-scores[candidates], limit - 1)[:limit]
            candidates = candidates[best]
        order = sorted(
            candidates.tolist(), key=lambda slot: (-scores[slot], self._article_ids[slot])
        )
        hits = [Hit(self._article_ids[slot], round(float(scores[slot]), 6)) for slot in order]
        return Ranked(hits=hits, matched=frozenset(matched), suggestion=suggestion)

    def _queries(
        self, pairs: list[tuple[str, str]]
    ) -> tuple[dict[str, float], dict[str, float], set[str], dict[str, str]]:
        stem_query: dict[str, float] = defaultdict(float)
        gram_query: dict[str, float] = defaultdict(float)
        matched: set[str] = set()
        corrected: dict[str, str] = {}
        for stemmed, form in pairs:
            for gram in _grams(form):
                gram_query[gram] += 1.0
            if self._stems.document_frequency(stemmed):
                stem_query[stemmed] += 1.0
                matched.add(stemmed)
            else:
                corrections = self._corrections(form)
                if corrections:
                    corrected[form] = corrections[0]
                for correction in corrections:
                    correction_stem = self._stem_of_form.get(correction, correction)
                    stem_query[correction_stem] += CORRECTION_WEIGHT / len(corrections)
                    matched.update((correction, correction_stem))

                    for gram in _grams(correction):
                        gram_query[gram] += CORRECTION_GRAM_WEIGHT / len(corrections)
                for part in self._parts(stemmed):
                    stem_query[part] += PART_WEIGHT
                    matched.add(part)
            for synonym in self._synonyms.get(stemmed, ()):
                stem_query[synonym] += SYNONYM_WEIGHT
                matched.add(synonym)
        return stem_query, gram_query, matched, corrected

    def _corrections(self, form: str, most: int = 2) -> list[str]:
        """The known forms nearest a word the index does not have, nearest first."""
        if len(form) < 4 or not form.isalpha() or self._vocabulary.count(form) > 0:
            return []
        near = self._near(form)
        limit = 1 if len(form) < 8 else 2
        return [
            candidate
            for candidate, _likeness in near
            if edit_distance(form, candidate, limit) <= limit
        ][:most]

    def _near(self, form: str) -> list[tuple[str, float]]:
        cached = self._near_of.get(form)
        if cached is None:
            if len(self._near_of) > 10_000:
                self._near_of.clear()
            cached = self._near_of[form] = self._vocabulary.near(form)
        return cached

    def _suggestion(self, query: str, corrected: dict[str, str]) -> str:
        if not corrected:
            return ""
        words = []
        for word in tokens(query):
            replacement = corrected.get(fold(word))
            words.append(self._shown_form(replacement) if replacement else word)
        return " ".join(words)

    def _shown_form(self, form: str) -> str:
        """The word as an article writes it, with its å, ä and ö: "sophamtning" → "sophämtning"."""
        for slot in list(self._forms.by_term.get(form, {}))[:20]:
            document = self._documents.get(self._article_ids[slot])
            if document is None:
                continue
            text = f"{document.title} {' '.join(document.keywords)} {document.body_text}"
            for word in tokens(text):
                if fold(word) == form:
                    return word
        return form

    def _bm25(
        self, postings: _Postings, query: dict[str, float], lengths: FloatArray
    ) -> FloatArray:
        scores = np.zeros(len(self._article_ids))
        count = len(self._slot_of)
        norms = _length_norms(lengths)
        for term, query_weight in query.items():
            found = postings.weights(term, norms)
            if found is None:
                continue
            slots, weights = found
            frequency = slots.size
            idf = math.log(1 + (count - frequency + 0.5) / (frequency + 0.5))
            scores[slots] += (query_weight * idf) * weights
        return scores

    def _gram_bm25(self, query: dict[str, float]) -> tuple[FloatArray, FloatArray]:
        """BM25 over the query's n-grams, and the share of them each article has (the n-grams
        too common to count left out of both)."""
        scores = np.zeros(len(self._article_ids))
        shared = np.zeros(len(self._article_ids))
        considered = 0
        count = len(self._slot_of)
        norms = _length_norms(self._gram_length_array)
        most_forms = max(50, MAX_GRAM_SHARE * len(self._vocabulary.forms))
        for gram, query_weight in query.items():
            if len(self._vocabulary.with_gram(gram)) > most_forms:
                continue
            considered += 1
            found = self._gram_frequencies(gram)
            if found is None:
                continue
            slots, frequencies = found
            frequency = slots.size
            idf = math.log(1 + (count - frequency + 0.5) / (frequency + 0.5))
            scores[slots] += (
                (query_weight * idf) * frequencies * (K1 + 1) / (frequencies + norms[slots])
            )
            shared[slots] += 1
        return scores, shared / max(considered, 1)

    def _gram_frequencies(self, gram: str) -> tuple[IntArray, FloatArray] | None:
        """The articles with the n-gram and its weighted frequency in each, gathered from the
        forms that contain it once, then kept up to date with the changes since."""
        cached = self._gram_postings.get(gram)
        if cached is None:
            cached = self._gather(gram)
            self._gram_added.pop(gram, None)
            self._gram_removed.pop(gram, None)
        else:
            removed = self._gram_removed.pop(gram, None)
            added = self._gram_added.pop(gram, None)
            if removed or added:
                cached = _patched(cached, removed or set(), added or {})
        if cached is None or cached[0].size == 0:
            self._gram_postings.pop(gram, None)
            return None
        self._gram_postings[gram] = cached
        return cached

    def _gather(self, gram: str) -> tuple[IntArray, FloatArray] | None:
        slot_parts = []
        frequency_parts = []
        forms = self._vocabulary.forms
        for form_id in self._vocabulary.with_gram(gram):
            found = self._forms.raw(forms[form_id])
            if found is not None:
                slot_parts.append(found[0])
                frequency_parts.append(found[1])
        if not slot_parts:
            return None
        slots, inverse = np.unique(np.concatenate(slot_parts), return_inverse=True)
        return slots, _summed(inverse, np.concatenate(frequency_parts))

    def _allowed(
        self, audiences: Iterable[str] | None, organisation_ids: Iterable[int] | None
    ) -> npt.NDArray[np.bool_]:
        allowed: npt.NDArray[np.bool_] = np.not_equal(self._slot_article, 0)
        if audiences is not None:
            codes = [_AUDIENCE_CODES[audience] for audience in audiences]
            allowed &= np.isin(self._slot_audience, codes)
        if organisation_ids is not None:
            allowed &= np.isin(self._slot_organisation, list(organisation_ids))
        return allowed

    def _refresh_arrays(self) -> None:
        if not self._arrays_dirty:
            return
        self._slot_article = np.array(self._article_ids, dtype=np.int64)
        self._slot_organisation = np.array(self._organisation, dtype=np.int64)
        self._slot_audience = np.array(self._audience, dtype=np.int64)
        self._stem_length_array = np.array(self._stem_length, dtype=np.float64)
        self._gram_length_array = np.array(self._gram_length, dtype=np.float64)
        self._arrays_dirty = False


def _patched(
    postings: tuple[IntArray, FloatArray], removed: set[int], added: dict[int, float]
) -> tuple[IntArray, FloatArray]:
    slots, frequencies = postings
    if removed:
        keep = ~np.isin(slots, np.fromiter(removed, dtype=np.int64, count=len(removed)))
        slots, frequencies = slots[keep], frequencies[keep]
    if added:
        slots = np.concatenate([slots, np.fromiter(added, dtype=np.int64, count=len(added))])
        frequencies = np.concatenate(
            [frequencies, np.fromiter(added.values(), dtype=np.float64, count=len(added))]
        )
        slots, inverse = np.unique(slots, return_inverse=True)
        frequencies = _summed(inverse, frequencies)
    return slots, frequencies


def _length_norms(lengths: FloatArray) -> FloatArray:
    """BM25's k1 · (1 − b + b · length / average length) for every slot at once."""
    live = lengths[lengths > 0]
    average = float(live.mean()) if live.size else 1.0
    norms: FloatArray = K1 * (1 - B + B * lengths / average)
    return norms


def _summed(groups: IntArray, values: FloatArray) -> FloatArray:
    """The values added up per group (numpy's stubs do not know bincount gives floats here)."""
    summed: FloatArray = np.bincount(groups, weights=values).astype(np.float64, copy=False)
    return summed


@lru_cache(maxsize=200_000)
def _grams(folded: str) -> tuple[str, ...]:
    return tuple(character_ngrams(folded, GRAM_SIZES))


def _scaled(scores: FloatArray) -> FloatArray:
    best = float(scores.max()) if scores.size else 0.0
    return scores / best if best > 0 else scores


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def snippet(text: str, matched: frozenset[str], *, length: int = 240) -> list[tuple[str, bool]]:
    """The passage of the text with most query words, as (text, is_match) pieces to show with
    the matches marked. Words match by their folded stem or form, so "soporna" marks "sopor"."""
    sentences = [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]
    if not sentences:
        return []

    def hits(sentence: str) -> int:
        return sum(1 for word in tokens(sentence) if _word_matches(word, matched))

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
        if _word_matches(match.group(), matched):
            if match.start() > position:
                pieces.append((passage[position : match.start()], False))
            pieces.append((match.group(), True))
            position = match.end()
    if position < len(passage):
        pieces.append((passage[position:], False))
    return pieces


def _word_matches(word: str, matched: frozenset[str]) -> bool:
    return any(stemmed in matched or form in matched for stemmed, form in content_stems(word))

"""What the classifier sees of a text: character n-grams and Swedish-analysed words.

Residents misspell ("gatlampan", "gatlamman"), write dialect and run words together, so the
character n-grams (within words) carry most of the signal. The word features add Snowball
stems and the parts of compounds: "boendeparkeringstillstånd" also counts as "boend",
"parkering" and "tillstand" when those parts are words of the training texts, so a compound
never seen before still shares features with its parts.
"""

from __future__ import annotations

from collections.abc import Iterable

from kontaktcenter.core.text import fold, normalise, stem, tokens
from kontaktcenter.routing.masking import mask_personal_data

MIN_PART = 3
# Linking letters between the parts of a Swedish compound ("parkering-s-tillstånd",
# "gat-u-belysning" is rare enough to leave out).
_LINKS = ("s", "e", "")


# Words that say nothing about the matter: greetings, pronouns, auxiliaries, politeness. A text
# made only of these ("hej", "kan ni ringa mig", "jag har en fråga") gets no category, however
# confident the model is about such short input.
# fmt: off
FUNCTION_WORDS = frozenset(
    [
        "hej", "hejsan", "hallå", "halla", "tjena", "god", "morgon", "dag", "kväll", "kvall",
        "tack", "tackar", "snälla", "snalla", "ok", "okej", "ja", "nej", "jo", "jag", "du", "ni",
        "vi", "han", "hon", "de", "dom", "det", "den", "detta", "denna", "en", "ett", "och",
        "eller", "men", "att", "som", "är", "ar", "var", "har", "hade", "kan", "kunde", "vill",
        "ska", "skulle", "får", "far", "måste", "maste", "blir", "bli", "mig", "mej", "dig", "er",
        "oss", "min", "mitt", "mina", "din", "ditt", "er", "ert", "sin", "sitt", "sina", "om",
        "till", "för", "for", "med", "av", "på", "pa", "i", "ur", "från", "fran", "hur", "vad",
        "var", "när", "nar", "varför", "varfor", "vem", "vilken", "vilket", "sak", "fråga",
        "fraga", "frågor", "fragor", "undrar", "undra", "ringa", "ring", "ringer", "mejla",
        "maila", "svara", "svar", "hjälp", "hjalp", "behöver", "behover", "bara", "nu", "så", "sa",
        "inte", "int", "ingen", "inget", "något", "nagot", "någon", "nagon", "lite", "mycket",
        "också", "ocksa", "här", "har", "där", "dar", "asså", "assa", "typ", "liksom", "alltså",
        "alltsa", "hälsningar", "halsningar", "mvh",
    ]
)
# fmt: on


def has_content(text: str) -> bool:
    """Whether the text has at least one word that is not a function word."""
    return any(
        word.isalpha() and len(word) > 1 and fold(word) not in FUNCTION_WORDS
        and word not in FUNCTION_WORDS
        for word in tokens(mask_personal_data(text))
    )  # fmt: skip


def prepare(text: str) -> str:
    """The text as the classifier reads it: personal data masked, normalised, folded."""
    return fold(normalise(mask_personal_data(text)))


class SwedishWords:
    """A scikit-learn analyzer: each word's stem, and the stems of its compound parts.

    `parts` is the vocabulary compounds are split into, made from the training texts; it is
    a plain attribute so the analyzer pickles with the model.
    """

    def __init__(self, parts: Iterable[str] = ()) -> None:
        self.parts = frozenset(parts)

    @staticmethod
    def vocabulary(texts: Iterable[str]) -> frozenset[str]:
        words: set[str] = set()
        for text in texts:
            for word in tokens(text):
                if word.isalpha() and len(word) >= MIN_PART:
                    words.add(fold(word))
                    words.add(fold(stem(word)))
        return frozenset(words)

    def __call__(self, text: str) -> list[str]:
        terms: list[str] = []
        for word in tokens(text):
            if not word.isalpha():
                terms.append("#")
                continue
            folded = fold(stem(word))
            terms.append(folded)
            terms.extend(f"~{part}" for part in self.split(fold(word)))
        return terms

    def split(self, word: str) -> list[str]:
        """The parts of a compound, longest known head first: "sophamtning" → ["sop",
        "hamtning"]; [] when the word is not a compound of known parts."""
        if len(word) < 2 * MIN_PART + 1 or not self.parts:
            return []
        for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
            head, tail = word[:cut], word[cut:]
            for link in _LINKS:
                base = head[: len(head) - len(link)] if link else head
                if link and not head.endswith(link):
                    continue
                if len(base) >= MIN_PART and base in self.parts:
                    rest = self.split(tail) or ([tail] if self._known(tail) else [])
                    if rest:
                        return [base, *rest]
        return []

    def _known(self, word: str) -> bool:
        return word in self.parts or fold(stem(word)) in self.parts

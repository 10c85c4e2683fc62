"""SweFAQ for the knowledge-base benchmark: read in place, typos made with a fixed seed.

The data is read from `../shared/data/swefaq/` beside the repository (never copied into it).
Every distinct answer becomes an article; each question is a query whose right article is the
answer at its `label`.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

SWEFAQ_FILE = (
    Path(__file__).resolve().parent.parent.parent
    / "shared"
    / "data"
    / "swefaq"
    / "swefaq_dev.jsonl"
)
TYPO_SHARE = 0.35
TYPO_SEED = 20260
_LETTERS = "abcdefghijklmnopqrstuvwxyzåäö"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


@dataclass(frozen=True)
class Question:
    text: str
    answer_index: int


@dataclass(frozen=True)
class Collection:
    answers: list[str]
    questions: list[Question]


def load(path: Path = SWEFAQ_FILE) -> Collection:
    answers: list[str] = []
    position: dict[str, int] = {}
    questions: list[Question] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            for answer in row["candidate_answers"]:
                if answer not in position:
                    position[answer] = len(answers)
                    answers.append(answer)
            right = row["candidate_answers"][row["label"]]
            questions.append(Question(text=row["question"], answer_index=position[right]))
    return Collection(answers=answers, questions=questions)


def title_of(answer: str, most: int = 90) -> str:
    """An answer has no title: its first sentence, cut at a word, stands in for one."""
    first = _SENTENCE_END.split(answer.strip(), maxsplit=1)[0]
    if len(first) <= most:
        return first
    return first[:most].rsplit(" ", 1)[0]


def with_typos(text: str, rng: random.Random, share: float = TYPO_SHARE) -> str:
    """The text with one typo (a letter dropped, doubled, swapped or replaced) in `share` of
    its words longer than five letters."""

    def change(match: re.Match[str]) -> str:
        word = match.group()
        if len(word) <= 5 or rng.random() >= share:
            return word
        position = rng.randrange(1, len(word) - 1)
        kind = rng.choice(("drop", "insert", "swap", "replace"))
        if kind == "drop":
            return word[:position] + word[position + 1 :]
        if kind == "insert":
            return word[:position] + rng.choice(_LETTERS) + word[position:]
        if kind == "swap":
            return word[:position] + word[position + 1] + word[position] + word[position + 2 :]
        return word[:position] + rng.choice(_LETTERS) + word[position + 1 :]

    return re.sub(r"\w+", change, text)


def typo_questions(questions: list[Question]) -> list[Question]:
    rng = random.Random(TYPO_SEED)
    return [
        Question(with_typos(question.text, rng), question.answer_index) for question in questions
    ]


def reciprocal_rank(ranked: list[int], right: int, depth: int = 10) -> float:
    for position, answer in enumerate(ranked[:depth], start=1):
        if answer == right:
            return 1 / position
    return 0.0


def found_within(ranked: list[int], right: int, depth: int = 5) -> float:
    return 1.0 if right in ranked[:depth] else 0.0

"""The training messages the project ships (`data/messages.tsv`): realistic resident messages
written for this project, one per line as `received<TAB>category<TAB>text`.

They are written the way residents write: typos, dialect, no punctuation, several matters in
one message. `received` lets the evaluation hold out the newest messages, as a model in use
only ever predicts messages newer than those it learned from.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

from kontaktcenter.routing.classifier.model import Labelled

DATA_DIR = Path(__file__).resolve().parent / "data"
MESSAGES_FILE = DATA_DIR / "messages.tsv"
VOCABULARY_FILE = DATA_DIR / "vocabulary.tsv"


@dataclass(frozen=True, slots=True)
class Message:
    received: datetime
    category: str
    text: str

    def labelled(self) -> Labelled:
        return Labelled(self.text, self.category)


def shipped_messages(path: Path = MESSAGES_FILE) -> list[Message]:
    return list(_read_messages(path))


@cache
def _read_messages(path: Path) -> tuple[Message, ...]:
    with path.open(encoding="utf-8", newline="") as file:
        rows = csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE)
        messages = [
            Message(datetime.fromisoformat(row["received"]), row["category"], row["text"])
            for row in rows
        ]
    return tuple(sorted(messages, key=lambda message: message.received))


def shipped_vocabulary(path: Path = VOCABULARY_FILE) -> list[Labelled]:
    return list(_read_vocabulary(path))


@cache
def _read_vocabulary(path: Path) -> tuple[Labelled, ...]:
    """Each category's words: names, synonyms and what residents call things ("dagis",
    "soc", "p-bot"), one line per category. Always trained on, never tested on: they tell the
    model words a few dozen messages cannot."""
    with path.open(encoding="utf-8", newline="") as file:
        rows = csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE)
        return tuple(Labelled(row["words"], row["category"]) for row in rows)


def split_by_time(
    messages: list[Message], *, held_out: float = 0.25
) -> tuple[list[Message], list[Message]]:
    """The older messages to train on and the newest `held_out` share to test on."""
    ordered = sorted(messages, key=lambda message: message.received)
    cut = round(len(ordered) * (1 - held_out))
    return ordered[:cut], ordered[cut:]

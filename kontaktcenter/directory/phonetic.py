"""A Swedish sound key for names, so that the switchboard finds a name however it was spelt.

Operators hear a name and type it: "Karlsson" may be written "Carlsson", "Sjöberg" may be
"Schöberg" or "Sjoberg", "Pettersson" may be "Petterson" or "Petersen". The key writes each
sound one way, so names that sound alike get the same key:

- the sj-sound (sj, sch, skj, stj, sh, ch, sk before a front vowel) → "x";
- the tj-sound (tj, kj) → "c";
- c → s before a front vowel, otherwise k; q, qu → k, kv; x → ks; z → s; w → v; ph → f;
- th, dt → t; ck → k; initial gj, dj, hj, lj → j, initial hv → v; a silent h after the first
  letter ("Ahlberg", "Dahl") is dropped;
- vowels in the forms people mix up: ä, e → e; å, o, ö → o; y, ü → i;
- a Danish or Norwegian "-sen" reads as the Swedish "-son";
- doubled letters are written once ("Pettersson" → "peterson").

Front vowels (e, i, y, ä, ö) are the ones that soften the consonant before them in Swedish.
The key is only ever compared as a prefix of another key, so typing the beginning of a name
finds it: "Carl" → "karl" begins "karlson".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kontaktcenter.core.text import normalise

_FRONT_VOWELS = frozenset("eiyäöéü")
_VOWEL_SOUNDS = str.maketrans(
    {
        "ä": "e",
        "æ": "e",
        "é": "e",
        "è": "e",
        "ê": "e",
        "ë": "e",
        "å": "o",
        "ö": "o",
        "ø": "o",
        "ó": "o",
        "ô": "o",
        "y": "i",
        "ü": "i",
        "í": "i",
        "á": "a",
        "à": "a",
        "â": "a",
    }
)


@dataclass(frozen=True, slots=True)
class _Rule:
    letters: str
    sound: str
    initial_only: bool = False
    before_front_vowel: bool = False

    def applies(self, text: str, index: int) -> bool:
        if self.initial_only and index > 0:
            return False
        if not text.startswith(self.letters, index):
            return False
        if self.before_front_vowel:
            end = index + len(self.letters)
            return end < len(text) and text[end] in _FRONT_VOWELS
        return True


# At each position the first rule that applies wins, so longer spellings come first.
_RULES: tuple[_Rule, ...] = (
    _Rule("gj", "j", initial_only=True),
    _Rule("dj", "j", initial_only=True),
    _Rule("hj", "j", initial_only=True),
    _Rule("lj", "j", initial_only=True),
    _Rule("hv", "v", initial_only=True),
    _Rule("g", "j", initial_only=True, before_front_vowel=True),
    _Rule("skj", "x"),
    _Rule("stj", "x"),
    _Rule("sch", "x"),
    _Rule("sj", "x"),
    _Rule("sh", "x"),
    _Rule("sk", "x", before_front_vowel=True),
    _Rule("chr", "kr"),
    _Rule("ch", "x"),
    _Rule("tj", "c"),
    _Rule("kj", "c"),
    _Rule("ph", "f"),
    _Rule("th", "t"),
    _Rule("dt", "t"),
    _Rule("ck", "k"),
    _Rule("qu", "kv"),
    _Rule("c", "s", before_front_vowel=True),
    _Rule("c", "k"),
    _Rule("q", "k"),
    _Rule("x", "ks"),
    _Rule("z", "s"),
    _Rule("w", "v"),
)


@lru_cache(maxsize=200_000)
def sound_key(word: str) -> str:
    """The sound key of one word: "Carlsson" → "karlson", "Schöberg" → "xoberg".

    Letters only count; a word without letters has an empty key.
    """
    text = "".join(character for character in normalise(word) if character.isalpha())
    spoken: list[str] = []
    index = 0
    while index < len(text):
        rule = next((rule for rule in _RULES if rule.applies(text, index)), None)
        if rule is not None:
            spoken.append(rule.sound)
            index += len(rule.letters)
            continue
        # A silent h: "Ahlberg", "Dahl", "Thor" (th is a rule above).
        if not (text[index] == "h" and index > 0):
            spoken.append(text[index])
        index += 1
    key = "".join(spoken).translate(_VOWEL_SOUNDS)
    if key.endswith("sen") and len(key) > 4:
        key = key[:-3] + "son"
    return _single_letters(key)


def _single_letters(key: str) -> str:
    collapsed: list[str] = []
    for character in key:
        if not collapsed or collapsed[-1] != character:
            collapsed.append(character)
    return "".join(collapsed)

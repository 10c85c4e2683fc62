"""Personal data out of free text (S10): what is kept for training, statistics or logs carries
no personnummer, phone number, e-mail address or street address with a number.

A pure function, so the classifier's training set, its correction memory, exports and log lines
all mask the same way. It errs on the side of masking: a number that looks like a phone number
is masked even if it was something else.
"""

from __future__ import annotations

import re

PERSONNUMMER = "[personnummer]"
PHONE = "[telefon]"
EMAIL = "[e-post]"
ADDRESS = "[adress]"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# ÅÅÅÅMMDD-NNNN, ÅÅMMDD-NNNN, with +, a space or nothing between; samordningsnummer too (day + 60).
_PERSONNUMMER = re.compile(
    r"(?<![\w-])(?:19|20)?\d{2}(?:0[1-9]|1[0-2])(?:[0-8]\d|9[01])[-+ ]?\d{4}(?![\w-])"
)
# Swedish numbers written as people write them: 08-123 456 78, 070 123 45 67, +46 70 123 45 67,
# 0046 8 123 45, (08) 123 45 67, 0701234567.
_PHONE = re.compile(r"(?<![\w-])(?:\+46|0046|0)\s?\(?\d{1,3}\)?(?:[\s-]?\d){5,8}(?![\w-])")
_STREET_SUFFIXES = (
    "gatan", "gata", "vägen", "väg", "gränd", "gränden", "backe", "backen", "torg", "torget",
    "allé", "alle", "plan", "stigen", "stig", "gången", "stråket", "strand", "kajen", "kaj",
    "esplanaden", "leden", "promenaden", "slingan", "terrassen", "platsen", "tappan", "hojden",
    "höjden", "trappan", "bron", "malarstrand", "mälarstrand",
)  # fmt: skip
# A street name and its number: "Götgatan 12", "Sankt Eriksgatan 5 B", "Renstiernas gata 3",
# "Norr Mälarstrand 64, 3 tr", "storgatan 3a". A capitalised word before the street belongs to
# its name ("Sankt", "Katarina", "Hammarby").
_ADDRESS = re.compile(
    r"(?<!\w)(?:(?:S:t|[A-ZÅÄÖÉ][a-zåäöé]+)\s)?(?i:[a-zåäöéü-]*(?:"
    + "|".join(_STREET_SUFFIXES)
    + r"))\s+\d{1,4}(?:\s?[A-Za-z](?!\w))?(?:\s*,?\s*\d+\s*(?:tr|trappor|trappa)\b)?"
)


def mask_personal_data(text: str) -> str:
    """The text with personal data replaced by placeholders such as "[telefon]"."""
    text = _EMAIL.sub(EMAIL, text)
    text = _PERSONNUMMER.sub(PERSONNUMMER, text)
    text = _PHONE.sub(PHONE, text)
    return _ADDRESS.sub(ADDRESS, text)

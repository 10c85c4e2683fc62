"""Structured logs: one JSON object a line, without personal data (issue 16).

Operators ship these lines to their log store; what a resident wrote must never end up there.
The formatter keeps the logger, level, message and the request id, and blanks anything in the
message that looks like a personnummer, an e-mail address or a phone number, because a message
from a library (Django's "Not Found: /path?q=…") may carry what a user typed.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime
from typing import Any

# Personnummer and samordningsnummer, with or without century and separator.
_PERSONNUMMER = re.compile(r"(?<!\w)(?:19|20)?\d{6}[-+]?\d{4}(?!\w)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Swedish and international phone numbers: 08-123 45 67, 070-123 45 67, +46 70 123 45 67; a
# leading 0 or + and 7 to 14 more digits, not inside a longer number, a reference (KC-2026-…)
# or a hexadecimal id such as a request id.
_PHONE = re.compile(r"(?<![\w-])[+0]\d(?:[\s-]?\d){6,13}(?!\w)")

# Attributes every LogRecord has; anything else was passed with `extra=` and is kept.
_STANDARD = frozenset(
    logging.LogRecord("", 0, "", 0, "", None, None).__dict__.keys() | {"message", "asctime"}
)


def redact(text: str) -> str:
    """`text` with what could identify a person replaced by a marker."""
    text = _EMAIL.sub("[e-mail]", text)
    text = _PERSONNUMMER.sub("[personnummer]", text)
    return _PHONE.sub("[phone]", text)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        for key, value in record.__dict__.items():
            if key in _STANDARD or key.startswith("_"):
                continue
            if isinstance(value, bool | int | float) or value is None:
                entry[key] = value
            elif isinstance(value, str):
                entry[key] = redact(value)
            # Anything else (a request object, a model) could carry personal data: left out.
        if record.exc_info and record.exc_info[0] is not None:
            # The type only: an exception's text may quote the data that failed.
            entry["error"] = record.exc_info[0].__name__
        return json.dumps(entry, ensure_ascii=False)

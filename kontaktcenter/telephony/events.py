"""One PBX event in the shape every adapter produces (queue_log, AMI, webhook).

The adapters are pure: they turn a line, an AMI message or a JSON object into `CallEvent`
values; `ingest` stores them once (by `source` and `key`) and rebuilds the calls they touch.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kontaktcenter.telephony.choices import EventKind, EventSource


@dataclass(frozen=True)
class CallEvent:
    source: EventSource
    # Unique per source: a re-delivered event has the same key and is stored once.
    key: str
    kind: EventKind
    occurred_at: datetime
    call_id: str = ""
    queue: str = ""
    agent: str = ""
    data: dict[str, Any] = field(default_factory=dict)


def event_key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:40]

"""Reading an Asterisk queue_log file as the PBX appends to it.

The file is read from where the last read stopped (a `QueueLogCursor` per path, saved in the
same transaction as the events it covered), so a restart resumes without reading twice and a
crash in between repeats at most one batch, which the events' keys make harmless. A line the
PBX is still writing (no newline yet) waits for the next read. A file that shrank or has a new
inode was rotated and is read from its start.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from kontaktcenter.core.clock import now
from kontaktcenter.core.errors import ValidationError
from kontaktcenter.telephony import errors
from kontaktcenter.telephony.adapters.queue_log import QueueLogLineError, parse_line
from kontaktcenter.telephony.events import CallEvent
from kontaktcenter.telephony.ingest import IngestReport, ingest
from kontaktcenter.telephony.models import QueueLogCursor

DEFAULT_BATCH_LINES = 5000
_SAMPLES = 5


@dataclass
class QueueLogReport:
    lines: int = 0
    ignored: int = 0
    bad_lines: int = 0
    bad_samples: list[str] = field(default_factory=list)
    ingest: IngestReport = field(default_factory=IngestReport)
    seconds: float = 0.0

    @property
    def events(self) -> int:
        return self.lines - self.ignored - self.bad_lines


def import_queue_log(
    path: Path,
    *,
    batch_lines: int = DEFAULT_BATCH_LINES,
    progress: Callable[[QueueLogReport], None] | None = None,
) -> QueueLogReport:
    """Read what was added to the file since the last read."""
    started = time.monotonic()
    report = QueueLogReport()
    try:
        resolved = path.resolve(strict=True)
        stat = resolved.stat()
        handle = resolved.open("rb")
    except OSError:
        raise ValidationError(errors.FILE_NOT_READABLE, field="file", path=str(path)) from None
    with handle:
        cursor, _created = QueueLogCursor.objects.get_or_create(
            path=str(resolved), defaults={"updated_at": now(), "inode": stat.st_ino}
        )
        offset = cursor.offset
        if cursor.inode != stat.st_ino or stat.st_size < offset:
            offset = 0
        handle.seek(offset)
        while True:
            chunk = handle.readlines(batch_lines * 120)
            if not chunk:
                break
            if not chunk[-1].endswith(b"\n"):
                # The PBX is still writing this line; read it whole next time.
                chunk.pop()
                if not chunk:
                    break
                handle.seek(offset + sum(len(line) for line in chunk))
            events = _parse(chunk, report)
            offset += sum(len(line) for line in chunk)
            with transaction.atomic():
                report.ingest.add(ingest(events))
                QueueLogCursor.objects.filter(pk=cursor.pk).update(
                    offset=offset, inode=stat.st_ino, updated_at=now()
                )
            if progress is not None:
                progress(report)
    report.seconds = time.monotonic() - started
    return report


def _parse(lines: list[bytes], report: QueueLogReport) -> list[CallEvent]:
    events: list[CallEvent] = []
    for raw in lines:
        report.lines += 1
        text = raw.decode("utf-8", errors="replace")
        if not text.strip():
            report.ignored += 1
            continue
        try:
            event = parse_line(text)
        except QueueLogLineError as error:
            report.bad_lines += 1
            if len(report.bad_samples) < _SAMPLES:
                report.bad_samples.append(str(error))
            continue
        if event is None:
            report.ignored += 1
        else:
            events.append(event)
    return events

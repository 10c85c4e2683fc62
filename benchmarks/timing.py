"""Small helpers for timing: percentiles and a summary of many samples."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass


def percentile(samples: list[float], share: float) -> float:
    """The nearest-rank percentile: the smallest sample at or above `share` of all samples."""
    if not samples:
        raise ValueError("percentile of no samples")
    ordered = sorted(samples)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def p95(samples: list[float]) -> float:
    return percentile(samples, 0.95)


@dataclass(frozen=True)
class Summary:
    """Milliseconds per request: median and 95th percentile over `count` samples."""

    count: int
    median_ms: float
    p95_ms: float

    @classmethod
    def of(cls, seconds: list[float]) -> Summary:
        return cls(
            count=len(seconds),
            median_ms=statistics.median(seconds) * 1000,
            p95_ms=p95(seconds) * 1000,
        )

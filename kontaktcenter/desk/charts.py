"""Geometry for the statistics page's charts, drawn as SVG by the desk's own templates.

Only numbers go in and coordinates come out; the templates (desk/_bar_chart.html,
_trend_chart.html, _heat_map.html) draw them and give each chart a table alternative.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from kontaktcenter.statistics.selectors import Row

BAR_START = 176
BAR_AREA = 250
TREND_WIDTH = 640
TREND_HEIGHT = 160


@dataclass(frozen=True)
class Bar:
    label: str
    count: int | None
    # Share of the widest bar, 0–100.
    length: float

    @property
    def width(self) -> float:
        """In the chart's units: labels take 0–176, bars 176–426, the count follows."""
        return round(self.length * BAR_AREA / 100, 1)

    @property
    def value_x(self) -> float:
        return round(BAR_START + self.width + 4, 1)


def bars(rows: Sequence[Row]) -> list[Bar]:
    widest = max((row.count or 0 for row in rows), default=0)
    return [
        Bar(row.label, row.count, round(100 * (row.count or 0) / widest, 1) if widest else 0.0)
        for row in rows
    ]


@dataclass(frozen=True)
class Trend:
    points: str  # the polyline's "x,y x,y …"
    area: str  # the same closed along the bottom, for the filled area
    highest: int
    first_day: date | None
    last_day: date | None
    width: int = TREND_WIDTH
    height: int = TREND_HEIGHT


def trend(by_day: Sequence[tuple[date, int]]) -> Trend:
    highest = max((count for _day, count in by_day), default=0)
    steps = max(len(by_day) - 1, 1)
    coordinates = [
        (
            round(TREND_WIDTH * index / steps, 1),
            round(TREND_HEIGHT - (TREND_HEIGHT * count / highest if highest else 0), 1),
        )
        for index, (_day, count) in enumerate(by_day)
    ]
    points = " ".join(f"{x},{y}" for x, y in coordinates)
    area = f"0,{TREND_HEIGHT} {points} {coordinates[-1][0]},{TREND_HEIGHT}" if coordinates else ""
    return Trend(
        points=points,
        area=area,
        highest=highest,
        first_day=by_day[0][0] if by_day else None,
        last_day=by_day[-1][0] if by_day else None,
    )


@dataclass(frozen=True)
class HeatCell:
    hour: int
    count: int
    # 0–1: how dark the cell is, relative to the busiest hour of the week.
    intensity: float


def heat_map(grid: Sequence[Sequence[int]]) -> list[list[HeatCell]]:
    busiest = max((count for row in grid for count in row), default=0)
    return [
        [
            HeatCell(hour, count, round(count / busiest, 2) if busiest else 0.0)
            for hour, count in enumerate(row)
        ]
        for row in grid
    ]

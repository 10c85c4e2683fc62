"""Which district committee a place belongs to: from a map position or from an address (S10).

Pure functions over the file the project ships (`data/stadsdelar.geojson` with each stadsdel's
polygon and district committee, `data/places.csv` with postcode areas, postal towns and street
names; see `data/README.md`). Nothing here touches the database: `selectors.district_for_address`
and `district_for_position` turn the district's code into the organisation.

An address is resolved only when what it says points to exactly one district. A street or
postcode area that spans several districts, or parts that contradict each other, give the
candidates instead, and the agent chooses; an address that names nothing known gives none.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from enum import Enum
from functools import cache
from pathlib import Path

from kontaktcenter.core.text import fold, normalise

DATA_DIR = Path(__file__).resolve().parent / "data"
AREAS_FILE = DATA_DIR / "stadsdelar.geojson"
PLACES_FILE = DATA_DIR / "places.csv"

Ring = tuple[tuple[float, float], ...]


class Evidence(Enum):
    """What in the input gave the district, strongest first."""

    POSITION = "position"
    STREET = "street"
    STADSDEL = "stadsdel"
    POSTCODE = "postcode"
    POSTAL_TOWN = "postal_town"


@dataclass(frozen=True, slots=True)
class Area:
    stadsdel: str
    district: str
    district_name: str
    bbox: tuple[float, float, float, float]
    rings: tuple[Ring, ...]  # the outer ring first, then holes

    def contains(self, lon: float, lat: float) -> bool:
        west, south, east, north = self.bbox
        if not (west <= lon <= east and south <= lat <= north):
            return False
        outer, *holes = self.rings
        return _inside(outer, lon, lat) and not any(_inside(hole, lon, lat) for hole in holes)


@dataclass(frozen=True, slots=True)
class Place:
    kind: str
    name: str
    districts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Atlas:
    areas: tuple[Area, ...]
    places: tuple[Place, ...]
    district_names: dict[str, str]


@dataclass(frozen=True, slots=True)
class Placement:
    """Where an input lies: one district (`district`), or the candidates to choose from."""

    candidates: tuple[str, ...]
    evidence: tuple[Evidence, ...] = ()
    stadsdel: str = ""

    @property
    def district(self) -> str | None:
        return self.candidates[0] if len(self.candidates) == 1 else None

    @property
    def is_ambiguous(self) -> bool:
        return len(self.candidates) > 1


NOWHERE = Placement(())


def _inside(ring: Ring, x: float, y: float) -> bool:
    """Ray casting: a point is inside when a ray from it crosses the ring an odd number of
    times."""
    inside = False
    count = len(ring)
    j = count - 1
    for i in range(count):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def _key(text: str) -> str:
    return fold(normalise(text))


@cache
def atlas() -> Atlas:
    collection = json.loads(AREAS_FILE.read_text(encoding="utf-8"))
    areas = []
    names: dict[str, str] = {}
    for feature in collection["features"]:
        properties = feature["properties"]
        rings = tuple(
            tuple((float(point[0]), float(point[1])) for point in ring)
            for ring in feature["geometry"]["coordinates"]
        )
        xs = [x for x, _y in rings[0]]
        ys = [y for _x, y in rings[0]]
        areas.append(
            Area(
                stadsdel=properties["stadsdel"],
                district=properties["district"],
                district_name=properties["district_name"],
                bbox=(min(xs), min(ys), max(xs), max(ys)),
                rings=rings,
            )
        )
        names[properties["district"]] = properties["district_name"]
    with PLACES_FILE.open(encoding="utf-8", newline="") as file:
        places = tuple(
            Place(row["kind"], row["name"], tuple(row["districts"].split()))
            for row in csv.DictReader(file)
        )
    return Atlas(tuple(areas), places, names)


def locate_position(lat: float, lon: float) -> Placement:
    """The stadsdel and district of a WGS 84 position; NOWHERE outside the city."""
    for area in atlas().areas:
        if area.contains(lon, lat):
            return Placement((area.district,), (Evidence.POSITION,), area.stadsdel)
    return NOWHERE


_POSTCODE = re.compile(r"(?<!\d)(1\d\d)\s?(\d\d)(?!\d)")


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], Evidence, tuple[str, ...], str], ...]:
    """Name patterns to look for in an address, longer names first so "Hässelby strand" wins
    over "Hässelby"."""
    entries: list[tuple[str, Evidence, tuple[str, ...], str]] = []
    kinds = {
        "street": Evidence.STREET,
        "area": Evidence.STADSDEL,
        "postal_town": Evidence.POSTAL_TOWN,
    }
    for place in atlas().places:
        if place.kind in kinds:
            entries.append((place.name, kinds[place.kind], place.districts, ""))
    for area in atlas().areas:
        entries.append((area.stadsdel, Evidence.STADSDEL, (area.district,), area.stadsdel))
    entries.sort(key=lambda entry: -len(entry[0]))
    return tuple(
        (re.compile(rf"(?<!\w){re.escape(_key(name))}(?!\w)"), evidence, districts, stadsdel)
        for name, evidence, districts, stadsdel in entries
    )


def locate_address(text: str) -> Placement:
    """The district of an address, postcode or postal town written as people write them:
    "Götgatan 12", "Bagarmossen", "124 33 Bandhagen", "Sankt Eriksgatan 5, 112 39 Stockholm".
    """
    key = _key(text)
    if not key.strip():
        return NOWHERE
    found: list[tuple[Evidence, tuple[str, ...], str]] = []
    taken: list[tuple[int, int]] = []
    for pattern, evidence, districts, stadsdel in _patterns():
        for match in pattern.finditer(key):
            # A shorter name inside a longer one already found ("Hässelby" in "Hässelby
            # strand") adds nothing.
            if any(start <= match.start() and match.end() <= end for start, end in taken):
                continue
            taken.append(match.span())
            found.append((evidence, districts, stadsdel))
    postcodes = {
        place.name: place.districts for place in atlas().places if place.kind == "postcode"
    }
    for match in _POSTCODE.finditer(key):
        area = postcodes.get(match.group(1))
        if area:
            found.append((Evidence.POSTCODE, area, ""))
    if not found:
        return NOWHERE
    return _combine(found)


def _combine(found: list[tuple[Evidence, tuple[str, ...], str]]) -> Placement:
    """Districts every piece of evidence allows; when they contradict each other, all that
    any of them names, for the agent to choose from."""
    order = list(Evidence)
    found.sort(key=lambda item: order.index(item[0]))
    allowed: list[str] | None = None
    union: list[str] = []
    for _evidence, districts, _stadsdel in found:
        union.extend(code for code in districts if code not in union)
        allowed = (
            list(districts) if allowed is None else [code for code in allowed if code in districts]
        )
    candidates = tuple(allowed) if allowed else tuple(union)
    evidence = tuple(dict.fromkeys(item[0] for item in found))
    stadsdelar = [stadsdel for _e, districts, stadsdel in found if stadsdel]
    stadsdel = stadsdelar[0] if len(candidates) == 1 and stadsdelar else ""
    return Placement(candidates, evidence, stadsdel)


def district_name(code: str) -> str:
    return atlas().district_names.get(code, code)

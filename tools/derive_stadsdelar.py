"""Derive the district file the project ships from the city's stadsdel boundaries.

    python tools/derive_stadsdelar.py ../shared/data/stockholm-stadsdelar/stadsdelar.geo.json \
        kontaktcenter/routing/data/stadsdelar.geojson

Each of the 117 stadsdelar keeps its polygon (CRS84, simplified as in the source) and gains
`stadsdel` (its name as the city writes it), `district` (the code of today's district committee
in the demo directory) and `district_name`. The stadsdel → district committee mapping is in
STADSDELSOMRADEN below; its sources are in kontaktcenter/routing/data/README.md. Run once when
the source or the mapping changes; nothing reads the source at run time.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

# Today's 11 stadsdelsområden (since 1 July 2023) and the stadsdelar each is made of.
STADSDELSOMRADEN: dict[tuple[str, str], tuple[str, ...]] = {
    ("jarva", "Järva"): (
        "Akalla", "Hansta", "Husby", "Kista", "Rinkeby", "Tensta", "Bromsten", "Flysta",
        "Lunda", "Solhem", "Sundby",
    ),
    ("hasselby-vallingby", "Hässelby-Vällingby"): (
        "Grimsta", "Hässelby gård", "Hässelby strand", "Hässelby villastad", "Kälvesta",
        "Nälsta", "Råcksta", "Vinsta", "Vällingby",
    ),
    ("bromma", "Bromma"): (
        "Abrahamsberg", "Alvik", "Beckomberga", "Blackeberg", "Bromma kyrka", "Bällsta",
        "Eneby", "Höglandet", "Mariehäll", "Nockeby", "Nockebyhov", "Norra Ängby", "Olovslund",
        "Riksby", "Smedslätten", "Stora Mossen", "Södra Ängby", "Traneberg", "Ulvsunda",
        "Ulvsunda industriområde", "Åkeshov", "Åkeslund", "Ålsten", "Äppelviken",
    ),
    ("kungsholmen", "Kungsholmen"): (
        "Kungsholmen", "Fredhäll", "Kristineberg", "Marieberg", "Stadshagen", "Lilla Essingen",
        "Stora Essingen",
    ),
    ("norra-innerstaden", "Norra innerstaden"): (
        "Norrmalm", "Vasastaden", "Östermalm", "Ladugårdsgärdet", "Norra Djurgården",
        "Djurgården", "Hjorthagen",
    ),
    ("sodermalm", "Södermalm"): (
        "Södermalm", "Gamla stan", "Riddarholmen", "Skeppsholmen", "Långholmen", "Reimersholme",
        "Södra Hammarbyhamnen",
    ),
    ("enskede-arsta-vantor", "Enskede-Årsta-Vantör"): (
        "Enskede gård", "Enskededalen", "Enskedefältet", "Gamla Enskede", "Johanneshov",
        "Stureby", "Årsta", "Östberga", "Bandhagen", "Högdalen", "Hagsätra", "Rågsved", "Örby",
    ),
    ("skarpnack", "Skarpnäck"): (
        "Skarpnäcks gård", "Bagarmossen", "Björkhagen", "Hammarbyhöjden", "Kärrtorp", "Flaten",
        "Orhem", "Skrubba",
    ),
    ("farsta", "Farsta"): (
        "Farsta", "Farsta strand", "Farstanäset", "Fagersjö", "Gubbängen", "Hökarängen",
        "Larsboda", "Sköndal", "Svedmyra", "Tallkrogen",
    ),
    ("hagersten-alvsjo", "Hägersten-Älvsjö"): (
        "Aspudden", "Fruängen", "Gröndal", "Hägersten", "Hägerstensåsen", "Liljeholmen",
        "Midsommarkransen", "Mälarhöjden", "Västberga", "Västertorp", "Älvsjö", "Herrängen",
        "Långbro", "Långsjö", "Liseberg", "Solberga", "Örby slott",
    ),
    ("skarholmen", "Skärholmen"): ("Skärholmen", "Bredäng", "Sätra", "Vårberg"),
}  # fmt: skip

# The source abbreviates one name.
SOURCE_NAMES = {"ULVSUNDA INDUSTRIOMR": "ULVSUNDA INDUSTRIOMRÅDE"}


def derive(source: Path, target: Path) -> None:
    by_name: dict[str, tuple[str, str, str]] = {}
    for (code, district_name), stadsdelar in STADSDELSOMRADEN.items():
        for stadsdel in stadsdelar:
            by_name[stadsdel.upper()] = (stadsdel, code, district_name)
    collection = json.loads(source.read_text(encoding="utf-8"))
    features = []
    missing = []
    for feature in collection["features"]:
        name = feature["properties"]["name"]
        name = SOURCE_NAMES.get(name, name)
        if name not in by_name:
            missing.append(name)
            continue
        stadsdel, code, district_name = by_name.pop(name)
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "stadsdel": stadsdel,
                    "district": code,
                    "district_name": district_name,
                },
                "geometry": feature["geometry"],
            }
        )
    if missing or by_name:
        sys.exit(f"not mapped: {missing}; not in the source: {sorted(by_name)}")
    features.sort(key=lambda feature: feature["properties"]["stadsdel"])
    target.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "name": "stockholm-stadsdelar-och-stadsdelsomraden",
                "crs": collection["crs"],
                "features": features,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )
        + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    derive(Path(sys.argv[1]), Path(sys.argv[2]))

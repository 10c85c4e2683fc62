"""District committee from a map position or an address; ambiguous ones make the agent choose."""

from __future__ import annotations

import pytest

from kontaktcenter.directory.models import Organisation
from kontaktcenter.routing import districts
from kontaktcenter.routing.districts import Evidence, locate_address, locate_position
from kontaktcenter.routing.selectors import district_for_address, district_for_position
from tests.factories import DistrictFactory


def test_every_stadsdel_of_the_city_belongs_to_one_of_the_eleven_district_committees() -> None:
    atlas = districts.atlas()

    assert len(atlas.areas) == 117
    assert len(atlas.district_names) == 11
    assert atlas.district_names["jarva"] == "Järva"


@pytest.mark.parametrize(
    ("lat", "lon", "stadsdel", "district"),
    [
        (59.3326, 18.0649, "Norrmalm", "norra-innerstaden"),  # Sergels torg
        (59.3150, 18.0720, "Södermalm", "sodermalm"),  # Medborgarplatsen
        (59.2667, 18.1333, "Skarpnäcks gård", "skarpnack"),  # Skarpnäck station
        (59.3880, 17.9290, "Rinkeby", "jarva"),
        (59.3620, 17.8720, "Vällingby", "hasselby-vallingby"),
        (59.3334, 17.9802, "Traneberg", "bromma"),  # by Alvik station
    ],
)
def test_a_position_is_placed_in_its_stadsdel_and_district(
    lat: float, lon: float, stadsdel: str, district: str
) -> None:
    placement = locate_position(lat, lon)

    assert (placement.stadsdel, placement.district) == (stadsdel, district)
    assert placement.evidence == (Evidence.POSITION,)


def test_a_position_outside_the_city_has_no_district() -> None:
    solna = locate_position(59.3600, 18.0000)
    gothenburg = locate_position(57.7089, 11.9746)

    assert solna.district is None
    assert gothenburg.district is None


@pytest.mark.parametrize(
    ("address", "district"),
    [
        ("Götgatan 12", "sodermalm"),
        ("gotgatan 12", "sodermalm"),
        ("Fleminggatan 20, 112 26 Stockholm", "kungsholmen"),
        ("Lagaholmsvägen 3, 128 47 Bagarmossen", "skarpnack"),
        ("124 33 Bandhagen", "enskede-arsta-vantor"),
        ("Vasastan", "norra-innerstaden"),
        ("Hässelby strand", "hasselby-vallingby"),
        ("Kista", "jarva"),
        # A street through two districts, settled by the postcode.
        ("Sankt Eriksgatan 5, 112 39 Stockholm", "kungsholmen"),
        ("Sankt Eriksgatan 100, 113 31 Stockholm", "norra-innerstaden"),
    ],
)
def test_an_address_postcode_or_postal_town_gives_one_district(address: str, district: str) -> None:
    assert locate_address(address).district == district


@pytest.mark.parametrize(
    ("address", "candidates"),
    [
        ("Sankt Eriksgatan 5", {"kungsholmen", "norra-innerstaden"}),
        ("Johanneshov", {"enskede-arsta-vantor", "skarpnack"}),
        ("117 43 Stockholm", {"sodermalm", "hagersten-alvsjo"}),
    ],
)
def test_an_ambiguous_address_gives_the_candidates_and_no_guess(
    address: str, candidates: set[str]
) -> None:
    placement = locate_address(address)

    assert placement.district is None
    assert placement.is_ambiguous
    assert set(placement.candidates) == candidates


def test_parts_of_an_address_that_contradict_each_other_leave_the_choice_to_the_agent() -> None:
    placement = locate_address("Götgatan 12, 162 55 Vällingby")

    assert placement.district is None
    assert set(placement.candidates) == {"sodermalm", "hasselby-vallingby"}


@pytest.mark.parametrize("address", ["", "   ", "Storgatan 1, Umeå", "vet inte"])
def test_an_unknown_address_has_no_district_and_no_candidates(address: str) -> None:
    assert locate_address(address) == districts.NOWHERE


@pytest.fixture
def city_districts(db: None) -> dict[str, Organisation]:
    return {
        code: DistrictFactory.create(name=f"{name} stadsdelsförvaltning", code=code)
        for code, name in districts.atlas().district_names.items()
    }


def test_the_selectors_give_the_district_organisation(
    city_districts: dict[str, Organisation],
) -> None:
    assert district_for_address("Bagarmossen").organisation == city_districts["skarpnack"]
    assert district_for_position(59.3880, 17.9290).organisation == city_districts["jarva"]


def test_the_selectors_give_candidates_to_choose_from_when_ambiguous(
    city_districts: dict[str, Organisation],
) -> None:
    lookup = district_for_address("Sankt Eriksgatan 5")

    assert lookup.organisation is None
    assert lookup.is_ambiguous
    assert set(lookup.candidates) == {
        city_districts["kungsholmen"],
        city_districts["norra-innerstaden"],
    }

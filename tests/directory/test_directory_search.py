"""The operator finds people, functions and units by name, spelling, sound, title, unit,
organisation, phone number and keyword, and sees how to reach them."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from kontaktcenter.accounts.actors import ResidentActor
from kontaktcenter.core.errors import NotFound
from kontaktcenter.directory.models import AbsenceReason, Organisation, Person
from kontaktcenter.directory.selectors import DirectoryHit, directory_search
from tests.conftest import Clock
from tests.directory.factories import absence, function, index, person
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def names(hits: list[DirectoryHit]) -> list[str]:
    return [hit.name for hit in hits]


@pytest.fixture
def city(traffic_office: Organisation, sports_administration: Organisation) -> None:
    lighting = UnitFactory.create(name="Gatubelysningsenheten", parent=traffic_office)
    person(traffic_office, "Anna", "Karlsson", title="Trafikplanerare", phone="08-508 271 10")
    person(lighting, "Erik", "Carlsson", title="Belysningsingenjör", phone="08-508 271 20")
    person(traffic_office, "Maria", "Sjöberg", title="Handläggare", mobile="070-123 45 67")
    person(sports_administration, "Per", "Pettersson", title="Bokningsansvarig")
    person(sports_administration, "Lars", "Larsson", title="Handläggare")
    function(
        traffic_office,
        "Bygglovsjouren",
        keywords="bygglov jour helg akut",
        phone="08-508 270 00",
        opening_hours="Dygnet runt",
    )
    index()


@pytest.mark.usefixtures("city")
def test_a_name_and_the_beginning_of_a_name_find_the_person() -> None:
    assert names(directory_search(query="Sjöberg")) == ["Maria Sjöberg"]
    assert names(directory_search(query="sjöb")) == ["Maria Sjöberg"]
    assert names(directory_search(query="maria sj")) == ["Maria Sjöberg"]


@pytest.mark.usefixtures("city")
def test_a_name_spelt_as_it_sounds_finds_the_person_with_the_exact_spelling_first() -> None:
    assert names(directory_search(query="Carlsson")) == ["Erik Carlsson", "Anna Karlsson"]
    assert names(directory_search(query="Karlsson")) == ["Anna Karlsson", "Erik Carlsson"]
    assert names(directory_search(query="Schöberg")) == ["Maria Sjöberg"]
    assert names(directory_search(query="Sjoberg")) == ["Maria Sjöberg"]
    assert names(directory_search(query="Petterson")) == ["Per Pettersson"]


@pytest.mark.usefixtures("city")
def test_title_unit_and_organisation_words_narrow_the_search() -> None:
    assert names(directory_search(query="handläggare trafik")) == ["Maria Sjöberg"]
    assert names(directory_search(query="gatubelysning")) == [
        "Gatubelysningsenheten",
        "Erik Carlsson",
    ]
    assert "Per Pettersson" in names(directory_search(query="idrottsförvaltningen"))


@pytest.mark.usefixtures("city")
@pytest.mark.parametrize(
    "typed", ["08-508 271 10", "+46 8 508 271 10", "0046850827110", "0850827110", "085082711"]
)
def test_a_phone_number_in_any_format_finds_its_owner(typed: str) -> None:
    assert names(directory_search(query=typed)) == ["Anna Karlsson"]


@pytest.mark.usefixtures("city")
def test_a_mobile_number_finds_its_owner() -> None:
    assert names(directory_search(query="0701234567")) == ["Maria Sjöberg"]


@pytest.mark.usefixtures("city")
def test_function_keywords_find_the_function_with_its_number_and_hours() -> None:
    [hit] = directory_search(query="bygglov jour")
    assert hit.kind == "function"
    assert hit.name == "Bygglovsjouren"
    assert [phone.number for phone in hit.phones] == ["08-508 270 00"]
    assert hit.opening_hours == "Dygnet runt"


@pytest.mark.usefixtures("city")
def test_nothing_matches_every_word_gives_no_hits() -> None:
    assert directory_search(query="Sjöberg idrott") == []
    assert directory_search(query="   ") == []


@pytest.mark.usefixtures("city")
def test_a_person_away_shows_the_reason_the_return_and_the_substitute(clock: Clock) -> None:
    maria = directory_search(query="Maria Sjöberg")[0]
    assert maria.absence is None
    sjoberg = Person.objects.get(last_name="Sjöberg")
    larsson = Person.objects.get(last_name="Larsson")
    back = clock.at + timedelta(hours=2)
    absence(
        sjoberg,
        AbsenceReason.MEETING,
        starts_at=clock.at - timedelta(minutes=30),
        ends_at=back,
        substitute=larsson,
    )
    [hit] = directory_search(query="Maria Sjöberg")
    assert hit.absence is not None
    assert hit.absence.reason == AbsenceReason.MEETING
    assert hit.absence.back_at == back
    assert hit.substitute is not None
    assert hit.substitute.name == "Lars Larsson"

    clock.advance(hours=3)
    assert directory_search(query="Maria Sjöberg")[0].absence is None


@pytest.mark.usefixtures("city")
def test_an_organisation_not_on_the_common_switchboard_gives_its_local_number(
    clock: Clock, traffic_office: Organisation, sports_administration: Organisation
) -> None:
    traffic_office.joined_common_switchboard_on = date(2009, 1, 1)
    traffic_office.save()
    sports_administration.joined_common_switchboard_on = None
    sports_administration.local_switchboard_phone = "08-508 280 00"
    sports_administration.save()

    [carlsson] = directory_search(query="Erik Carlsson")
    assert carlsson.switchboard.joined  # through the unit's administration
    [pettersson] = directory_search(query="Pettersson")
    assert not pettersson.switchboard.joined
    assert pettersson.switchboard.local_phone == "08-508 280 00"

    sports_administration.joined_common_switchboard_on = clock.at.date() + timedelta(days=30)
    sports_administration.save()
    [pettersson] = directory_search(query="Pettersson")
    assert not pettersson.switchboard.joined
    assert pettersson.switchboard.joined_on == clock.at.date() + timedelta(days=30)


def test_a_resident_cannot_search_the_staff_directory(db: None) -> None:
    with pytest.raises(NotFound) as refused:
        directory_search(actor=ResidentActor(), query="Karlsson")
    assert refused.value.code == "directory.not_available"


@pytest.mark.usefixtures("city")
def test_a_name_with_a_typing_error_still_finds_the_person() -> None:
    assert names(directory_search(query="Sjöbreg")) == ["Maria Sjöberg"]
    assert set(names(directory_search(query="Karlsosn"))) == {"Anna Karlsson", "Erik Carlsson"}
    assert names(directory_search(query="Petterzon per")) == ["Per Pettersson"]
    assert directory_search(query="Xyzzyx") == []


def test_a_keystroke_costs_the_same_few_statements_however_many_hits(
    traffic_office: Organisation, clock: Clock, django_assert_max_num_queries: Any
) -> None:
    colleagues = [
        person(traffic_office, f"Karin{n:02d}", "Holm", phone=f"08-508 271 {n:02d}")
        for n in range(30)
    ]
    for colleague in colleagues[:10]:
        absence(
            colleague,
            AbsenceReason.LUNCH,
            starts_at=clock.at - timedelta(minutes=5),
            substitute=colleagues[-1],
        )
    index()
    # The ranked read, the entries' cards, the absences, the substitutes, the organisations.
    with django_assert_max_num_queries(5):
        hits = directory_search(query="holm")
    assert len(hits) == 20
    assert sum(hit.absence is not None for hit in hits) == 10


@pytest.mark.usefixtures("city")
def test_a_misspelt_name_beside_a_title_word_keeps_the_title_word_as_typed() -> None:
    assert names(directory_search(query="handläggare Sjöbreg")) == ["Maria Sjöberg"]

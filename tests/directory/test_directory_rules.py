"""Pure rules of the directory: prefix ranges, phone queries, the common switchboard and the
default deadline of a callback request."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from kontaktcenter.directory.rules import (
    OrganisationFacts,
    default_callback_due,
    edit_distance,
    fuzzy_terms,
    phone_query_digits,
    plan_query,
    prefix_range,
    switchboard_membership,
)

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def test_a_prefix_range_ends_at_the_next_prefix_carrying_past_z() -> None:
    assert (prefix_range("n:karl").low, prefix_range("n:karl").high) == ("n:karl", "n:karm")
    assert prefix_range("n:karz").high == "n:kas"
    assert prefix_range("t:0859").high == "t:085a"
    assert prefix_range("n:zz").high.startswith("n:zzz")


def test_a_phone_number_query_is_its_national_digits_in_any_format() -> None:
    for typed in ("08-508 290 00", "+46 8 508 290 00", "0046 8 508 290 00", "(08) 508 290 00"):
        assert phone_query_digits(typed) == "850829000"
    assert phone_query_digits("Karlsson") is None
    assert phone_query_digits("08") is None


def test_a_single_letter_searches_only_the_beginnings_of_names() -> None:
    [word] = plan_query("k")
    assert [(r.low, r.high) for r in word.ranges] == [("n:k", "n:l")]


def test_a_name_word_is_looked_up_by_spelling_sound_and_title_words() -> None:
    [word] = plan_query("Carlsson")
    lows = {r.low for r in word.ranges}
    assert {"n:carlsson", "w:carlsson", "s:karlson"} <= lows


def _org(
    parent_id: int | None, joined_on: date | None, local: str = "", phone: str = ""
) -> OrganisationFacts:
    return OrganisationFacts(
        parent_id=parent_id, joined_on=joined_on, local_switchboard_phone=local, phone=phone
    )


FACTS = {
    1: _org(None, date(2009, 1, 1), phone="08-508 000 00"),
    2: _org(1, None),
    3: _org(None, None, local="08-508 280 00", phone="08-508 270 00"),
    4: _org(3, None, phone="08-508 271 00"),
    5: _org(None, date(2027, 1, 1), phone="08-508 290 00"),
}


def test_a_unit_is_on_the_common_switchboard_when_its_administration_joined() -> None:
    membership = switchboard_membership(2, FACTS, date(2026, 3, 10))
    assert membership.joined
    assert membership.local_phone == ""


def test_a_unit_not_joined_is_directed_to_the_nearest_local_switchboard() -> None:
    membership = switchboard_membership(4, FACTS, date(2026, 3, 10))
    assert not membership.joined
    assert membership.local_phone == "08-508 280 00"


def test_an_organisation_joining_later_is_not_yet_joined_and_falls_back_to_its_number() -> None:
    membership = switchboard_membership(5, FACTS, date(2026, 3, 10))
    assert (membership.joined, membership.joined_on) == (False, date(2027, 1, 1))
    assert membership.local_phone == "08-508 290 00"
    assert switchboard_membership(5, FACTS, date(2027, 1, 1)).joined


def test_a_callback_is_due_at_the_end_of_the_working_day_or_the_next_weekday() -> None:
    tuesday_morning = datetime(2026, 3, 10, 9, 0, tzinfo=STOCKHOLM)
    assert default_callback_due(tuesday_morning) == datetime(2026, 3, 10, 16, 0, tzinfo=STOCKHOLM)
    tuesday_late = datetime(2026, 3, 10, 15, 30, tzinfo=STOCKHOLM)
    assert default_callback_due(tuesday_late) == datetime(2026, 3, 11, 16, 0, tzinfo=STOCKHOLM)
    friday_late = datetime(2026, 3, 13, 17, 0, tzinfo=STOCKHOLM)
    assert default_callback_due(friday_late) == datetime(2026, 3, 16, 16, 0, tzinfo=STOCKHOLM)


def test_edit_distance_counts_a_swap_of_neighbours_as_one_edit() -> None:
    assert edit_distance("karlson", "karlson", at_most=2) == 0
    assert edit_distance("karlsosn", "karlsson", at_most=2) == 1
    assert edit_distance("xobreg", "xoberg", at_most=2) == 1
    assert edit_distance("karlson", "larson", at_most=1) == 2


def test_fuzzy_terms_are_the_near_sound_keys_nearest_first() -> None:
    vocabulary = ["s:karlson", "s:karlberg", "s:kvist", "s:karlsen"]
    assert fuzzy_terms("karlsosn", vocabulary) == ["s:karlson", "s:karlsen"]
    assert fuzzy_terms("zzzz", vocabulary) == []

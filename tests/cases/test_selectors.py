"""Reading cases: the officers' queue and case search, scoped to what the reader may see."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kontaktcenter.cases import selectors, services
from kontaktcenter.cases.models import CaseStatus, Channel
from kontaktcenter.core.errors import NotFound
from tests.factories import CategoryFactory

# --- the queue --------------------------------------------------------------------------------


def test_the_queue_shows_the_organisations_open_cases_oldest_first(
    make_case, traffic_officer, traffic_office, clock
):
    for subject in ("Första", "Andra", "Tredje"):
        make_case(subject=subject)
        clock.advance(minutes=10)

    queue = selectors.organisation_queue(actor=traffic_officer, organisation_id=traffic_office.pk)

    assert [case.subject for case in queue] == ["Första", "Andra", "Tredje"]


def test_cases_created_in_the_same_instant_keep_the_order_they_came_in(
    make_case, traffic_officer, traffic_office
):
    """The frozen clock gives every case the same timestamp; the queue must still be stable."""
    subjects = [make_case(subject=f"Ärende {n}").subject for n in range(5)]

    queue = selectors.organisation_queue(actor=traffic_officer, organisation_id=traffic_office.pk)

    assert [case.subject for case in queue] == subjects


def test_the_queue_puts_the_longest_waiting_resident_first_whenever_the_case_was_registered(
    make_case, traffic_officer, traffic_office, clock
):
    """A letter that arrived yesterday but is registered now goes before this morning's call."""
    make_case(subject="Samtal i morse")
    clock.advance(hours=3)
    make_case(
        channel=Channel.LETTER,
        subject="Brev som kom igår",
        received_at=clock() - timedelta(days=1),
    )

    queue = selectors.organisation_queue(actor=traffic_officer, organisation_id=traffic_office.pk)

    assert [case.subject for case in queue] == ["Brev som kom igår", "Samtal i morse"]


def test_the_queue_leaves_out_closed_cases_and_other_organisations_cases(
    make_case, traffic_officer, traffic_office, resident_parking
):
    open_case = make_case(subject="Öppet")
    closed = make_case(subject="Stängt")
    services.case_close(actor=traffic_officer, case=closed, resolution="Klart.")
    make_case(category=resident_parking, subject="Hos kontaktcenter")

    queue = selectors.organisation_queue(actor=traffic_officer, organisation_id=traffic_office.pk)

    assert list(queue) == [open_case]


def test_the_queue_of_an_administration_includes_its_units(
    make_case, sports_officer, sports_administration, booking_unit
):
    hall = CategoryFactory.create(responsible_organisation=sports_administration)
    unit_matter = CategoryFactory.create(responsible_organisation=booking_unit)
    at_administration = make_case(category=hall, subject="Idrottshall")
    at_unit = make_case(category=unit_matter, subject="Bokningsenheten")

    queue = selectors.organisation_queue(
        actor=sports_officer, organisation_id=sports_administration.pk
    )

    assert list(queue) == [at_administration, at_unit]


def test_the_district_queue_shows_its_confidential_cases_to_the_district(
    confidential_case, district_officer, jarva
):
    queue = selectors.organisation_queue(actor=district_officer, organisation_id=jarva.pk)

    assert list(queue) == [confidential_case]


@pytest.mark.parametrize("role_fixture", ["tier2_agent", "supervisor", "sysadmin"])
def test_contact_center_staff_looking_at_a_district_queue_do_not_see_confidential_cases(
    request, make_case, confidential_case, jarva, role_fixture
):
    actor = request.getfixturevalue(role_fixture)
    own_category = CategoryFactory.create(name="Parklek", responsible_organisation=jarva)
    ordinary = make_case(category=own_category, subject="Trasig gunga")

    queue = selectors.organisation_queue(actor=actor, organisation_id=jarva.pk)

    assert list(queue) == [ordinary]


def test_an_officer_does_not_find_another_organisations_queue(district_officer, bromma):
    with pytest.raises(NotFound) as caught:
        selectors.organisation_queue(actor=district_officer, organisation_id=bromma.pk)

    assert caught.value.code == "queue.not_found"


@pytest.mark.parametrize("role_fixture", ["tier1_agent", "analyst", "switchboard_operator"])
def test_roles_without_a_work_list_find_no_queue(request, traffic_office, role_fixture):
    actor = request.getfixturevalue(role_fixture)

    with pytest.raises(NotFound) as caught:
        selectors.organisation_queue(actor=actor, organisation_id=traffic_office.pk)

    assert caught.value.code == "queue.not_found"


def test_my_cases_shows_only_the_cases_assigned_to_me(
    make_case, traffic_officer, second_traffic_officer, traffic_office
):
    mine = make_case(subject="Min")
    theirs = make_case(subject="Kollegans")
    make_case(subject="Ingens")
    services.case_assign(actor=traffic_officer, case=mine, assignee=traffic_officer)
    services.case_assign(actor=traffic_officer, case=theirs, assignee=second_traffic_officer)

    queue = selectors.organisation_queue(
        actor=traffic_officer, organisation_id=traffic_office.pk, mine=True
    )

    assert list(queue) == [mine]


def test_the_queue_can_show_one_status_including_closed(make_case, traffic_officer, traffic_office):
    make_case(subject="Ny")
    waiting = make_case(subject="Väntar")
    closed = make_case(subject="Stängd")
    services.case_change_status(actor=traffic_officer, case=waiting, status=CaseStatus.WAITING)
    services.case_close(actor=traffic_officer, case=closed, resolution="Klart.")

    def subjects(status: str) -> list[str]:
        queue = selectors.organisation_queue(
            actor=traffic_officer, organisation_id=traffic_office.pk, status=status
        )
        return [case.subject for case in queue]

    assert subjects(CaseStatus.WAITING) == ["Väntar"]
    assert subjects(CaseStatus.CLOSED) == ["Stängd"]


def test_the_queue_costs_the_same_few_queries_however_long_it_is(
    make_case,
    traffic_officer,
    second_traffic_officer,
    traffic_office,
    django_assert_max_num_queries,
):
    for n in range(25):
        case = make_case(subject=f"Lampa {n}")
        if n % 2:
            services.case_assign(actor=traffic_officer, case=case, assignee=second_traffic_officer)
    traffic_officer = type(traffic_officer).objects.get(pk=traffic_officer.pk)  # a fresh request

    with django_assert_max_num_queries(3):
        rows = [
            (
                case.reference,
                case.category.name,
                case.responsible_organisation.name,
                str(case.assignee) if case.assignee else "",
            )
            for case in selectors.organisation_queue(
                actor=traffic_officer, organisation_id=traffic_office.pk
            )
        ]

    assert len(rows) == 25


# --- search -----------------------------------------------------------------------------------


@pytest.fixture
def searchable(make_case):
    return make_case(
        subject="Trasig gatlampa vid Kista torg",
        resident_name="Anna Svensson",
        resident_email="Anna.Svensson@Example.se",
        resident_phone="070-123 45 67",
    )


@pytest.mark.parametrize(
    "query",
    [
        "KC-2026-000001",
        "kc-2026-000001",
        "gatlampa",
        "KISTA TORG",
        "svensson",
        "anna.svensson@example.se",
        "+46701234567",
        "070-123 45 67",
        "0701234567",
        "  gatlampa  ",
    ],
)
def test_a_case_is_found_by_reference_subject_name_email_or_phone(searchable, tier1_agent, query):
    """A phone number is found however the agent types it, as the resident reads it out."""
    assert list(selectors.case_search(actor=tier1_agent, query=query)) == [searchable]


@pytest.mark.parametrize("query", ["", "   ", "KC-2026-00000", "cykel", "070-123 45 68"])
def test_a_search_without_a_match_finds_nothing(searchable, tier1_agent, query):
    assert not selectors.case_search(actor=tier1_agent, query=query).exists()


def test_search_results_are_newest_first(make_case, tier1_agent, clock):
    make_case(subject="Lampa ett")
    clock.advance(days=1)
    make_case(subject="Lampa två")

    found = selectors.case_search(actor=tier1_agent, query="lampa")

    assert [case.subject for case in found] == ["Lampa två", "Lampa ett"]


def test_agents_never_find_a_confidential_case_not_even_by_reference(
    confidential_case, tier2_agent
):
    assert not selectors.case_search(actor=tier2_agent, query=confidential_case.reference).exists()


def test_the_district_finds_its_own_confidential_case_but_another_district_does_not(
    confidential_case, district_officer, other_district_officer
):
    query = "ekonomiskt bistånd"

    assert list(selectors.case_search(actor=district_officer, query=query)) == [confidential_case]
    assert not selectors.case_search(actor=other_district_officer, query=query).exists()


def test_search_ignores_letter_case_for_swedish_letters_too(make_case, tier1_agent):
    case = make_case(resident_name="Örjan Åberg")

    assert list(selectors.case_search(actor=tier1_agent, query="åberg")) == [case]


# --- contacts ---------------------------------------------------------------------------------


def test_an_agent_sees_their_own_recent_contacts_newest_first(tier1_agent, tier2_agent, clock):
    first = services.contact_start(actor=tier1_agent, channel=Channel.PHONE)
    clock.advance(minutes=5)
    second = services.contact_start(actor=tier1_agent, channel=Channel.EMAIL)
    services.contact_start(actor=tier2_agent, channel=Channel.PHONE)

    assert list(selectors.recent_contacts(actor=tier1_agent)) == [second, first]


def test_an_agent_cannot_open_another_agents_contact(tier1_agent, tier2_agent):
    contact = services.contact_start(actor=tier2_agent, channel=Channel.PHONE)

    assert selectors.contact_get(actor=tier2_agent, contact_id=contact.pk) == contact
    with pytest.raises(NotFound) as caught:
        selectors.contact_get(actor=tier1_agent, contact_id=contact.pk)
    assert caught.value.code == "contact.not_found"

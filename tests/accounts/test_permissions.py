"""Who may do what, told with the named cast (see tests/conftest.py)."""

from __future__ import annotations

from datetime import date

import pytest

from kontaktcenter.accounts import permissions
from kontaktcenter.cases import selectors, services
from kontaktcenter.cases.models import Case, CaseEventKind, Channel
from kontaktcenter.core.errors import NotFound, PermissionDenied, ValidationError
from kontaktcenter.statistics.selectors import period_statistics
from tests.factories import CategoryFactory, UserFactory

CAST = [
    "tier1_agent",
    "tier2_agent",
    "switchboard_operator",
    "supervisor",
    "traffic_officer",
    "district_officer",
    "other_district_officer",
    "sports_officer",
    "traffic_admin",
    "analyst",
    "sysadmin",
]


# --- confidential cases (S10) -----------------------------------------------------------------


def test_a_district_officer_reads_a_confidential_case_of_the_district(
    confidential_case, district_officer
):
    case = selectors.case_get(actor=district_officer, reference=confidential_case.reference)

    assert case == confidential_case


def test_a_district_officer_cannot_read_another_districts_confidential_case(
    confidential_case, other_district_officer
):
    with pytest.raises(PermissionDenied):
        selectors.case_get(actor=other_district_officer, reference=confidential_case.reference)


@pytest.mark.parametrize(
    "role_fixture", ["tier1_agent", "tier2_agent", "supervisor", "sysadmin", "traffic_officer"]
)
def test_nobody_outside_the_district_reads_a_confidential_case(
    request, confidential_case, role_fixture
):
    actor = request.getfixturevalue(role_fixture)

    with pytest.raises(PermissionDenied):
        selectors.case_get(actor=actor, reference=confidential_case.reference)


def test_reading_a_confidential_case_is_logged_with_who_and_when(
    confidential_case, district_officer, clock
):
    read_at = clock.advance(hours=2)

    selectors.case_get(actor=district_officer, reference=confidential_case.reference)

    viewed = confidential_case.events.get(kind=CaseEventKind.VIEWED)
    assert viewed.actor == district_officer
    assert viewed.occurred_at == read_at


def test_every_read_of_a_confidential_case_is_logged(confidential_case, district_officer):
    for _ in range(3):
        selectors.case_get(actor=district_officer, reference=confidential_case.reference)

    assert confidential_case.events.filter(kind=CaseEventKind.VIEWED).count() == 3


def test_a_refused_read_of_a_confidential_case_logs_no_read(
    confidential_case, other_district_officer
):
    with pytest.raises(PermissionDenied):
        selectors.case_get(actor=other_district_officer, reference=confidential_case.reference)

    assert not confidential_case.events.filter(kind=CaseEventKind.VIEWED).exists()


def test_reading_an_ordinary_case_is_not_logged_as_a_confidential_read(
    street_light_case, traffic_officer
):
    selectors.case_get(actor=traffic_officer, reference=street_light_case.reference)

    assert not street_light_case.events.filter(kind=CaseEventKind.VIEWED).exists()


def test_agents_cannot_even_add_a_note_to_a_confidential_case(confidential_case, tier2_agent):
    with pytest.raises(PermissionDenied):
        services.case_add_note(actor=tier2_agent, case=confidential_case, text="Ringde.")


# --- ordinary cases ---------------------------------------------------------------------------


@pytest.mark.parametrize("role_fixture", ["tier1_agent", "tier2_agent", "supervisor", "sysadmin"])
def test_contact_center_staff_read_any_ordinary_case(request, street_light_case, role_fixture):
    actor = request.getfixturevalue(role_fixture)

    assert selectors.case_get(actor=actor, reference=street_light_case.reference)


def test_a_case_officer_reads_only_the_organisations_own_cases(
    street_light_case, traffic_officer, district_officer
):
    assert selectors.case_get(actor=traffic_officer, reference=street_light_case.reference)
    with pytest.raises(PermissionDenied):
        selectors.case_get(actor=district_officer, reference=street_light_case.reference)


def test_an_analyst_sees_statistics_but_no_case(street_light_case, analyst):
    statistics = period_statistics(
        actor=analyst, first_day=date(2026, 3, 1), last_day=date(2026, 3, 31)
    )

    assert statistics.cases_total == 1
    with pytest.raises(PermissionDenied):
        selectors.case_get(actor=analyst, reference=street_light_case.reference)
    assert not selectors.visible_cases(analyst).exists()
    assert not selectors.case_search(actor=analyst, query=street_light_case.reference).exists()


def test_the_switchboard_registers_calls_but_neither_creates_nor_reads_cases(
    make_case, street_light_case, switchboard_operator
):
    contact = services.contact_start(actor=switchboard_operator, channel=Channel.PHONE)

    assert contact.agent == switchboard_operator
    with pytest.raises(PermissionDenied):
        make_case(actor=switchboard_operator)
    with pytest.raises(PermissionDenied):
        selectors.case_get(actor=switchboard_operator, reference=street_light_case.reference)


def test_an_officer_of_an_administration_handles_the_cases_of_its_units(
    make_case, booking_unit, sports_officer
):
    """Idrottsförvaltningen's staff act for Bokningsenheten too."""
    complaints = CategoryFactory.create(
        name="Synpunkt på bokning", responsible_organisation=booking_unit
    )
    case = make_case(category=complaints, subject="Fel tid i bokningen")

    services.case_assign(actor=sports_officer, case=case, assignee=sports_officer)

    case.refresh_from_db()
    assert case.assignee == sports_officer


def test_an_officer_of_a_unit_does_not_act_for_the_administration_above_it(
    make_case, booking_unit, sports_administration
):
    unit_officer = UserFactory.create(case_officer=True, organisation=booking_unit)
    hall = CategoryFactory.create(responsible_organisation=sports_administration)
    case = make_case(category=hall, subject="Trasig dusch i idrottshallen")

    with pytest.raises(PermissionDenied):
        selectors.case_get(actor=unit_officer, reference=case.reference)


def test_a_missing_case_is_not_found(traffic_officer, street_light_case):
    with pytest.raises(NotFound):
        selectors.case_get(actor=traffic_officer, reference="KC-2026-999999")


def test_a_reference_is_found_whatever_its_letter_case_and_surrounding_spaces(
    street_light_case, traffic_officer
):
    case = selectors.case_get(
        actor=traffic_officer, reference=f"  {street_light_case.reference.lower()} "
    )

    assert case == street_light_case


@pytest.fixture
def case_of_each_kind(make_case, confidential_case, resident_parking, financial_support, bromma):
    """Ordinary, tier-2 and confidential cases in two districts."""
    return [
        confidential_case,
        make_case(),
        make_case(category=resident_parking, subject="Boendeparkering"),
        make_case(category=financial_support, subject="Bistånd", district=bromma),
    ]


@pytest.mark.parametrize("role_fixture", CAST)
def test_the_case_list_shows_exactly_the_cases_a_user_may_open(
    request, case_of_each_kind, role_fixture
):
    """visible_cases (lists, search) and can_view_case (opening one) never disagree."""
    actor = request.getfixturevalue(role_fixture)
    cases = case_of_each_kind

    listed = set(selectors.visible_cases(actor).values_list("pk", flat=True))

    for case in Case.objects.filter(pk__in=[c.pk for c in cases]).select_related(
        "responsible_organisation"
    ):
        assert (case.pk in listed) == permissions.can_view_case(actor, case), case.subject


# --- creating cases ---------------------------------------------------------------------------


def test_a_tier1_agent_cannot_create_a_case_of_a_referral_category_and_is_told_why(
    make_case, tier1_agent, facility_booking
):
    with pytest.raises(ValidationError) as refused:
        make_case(actor=tier1_agent, category=facility_booking, subject="Boka hall")

    assert "register the contact as referred" in str(refused.value.message)
    assert not Case.objects.exists()


def test_a_case_officer_is_told_the_role_cannot_create_cases(make_case, traffic_officer):
    with pytest.raises(PermissionDenied, match="Your role cannot create cases"):
        make_case(actor=traffic_officer)


# --- administration and statistics ------------------------------------------------------------


@pytest.mark.parametrize(
    ("role_fixture", "allowed"),
    [
        ("traffic_admin", True),
        ("sysadmin", True),
        ("traffic_officer", False),
        ("tier2_agent", False),
    ],
)
def test_only_administrators_manage_categories(request, role_fixture, allowed):
    actor = request.getfixturevalue(role_fixture)

    assert permissions.can_manage_categories(actor) is allowed


@pytest.mark.parametrize(
    ("role_fixture", "allowed"),
    [
        ("analyst", True),
        ("supervisor", True),
        ("traffic_admin", True),
        ("sysadmin", True),
        ("tier1_agent", False),
        ("tier2_agent", False),
        ("traffic_officer", False),
        ("switchboard_operator", False),
    ],
)
def test_who_sees_statistics(request, role_fixture, allowed):
    actor = request.getfixturevalue(role_fixture)

    assert permissions.can_view_statistics(actor) is allowed

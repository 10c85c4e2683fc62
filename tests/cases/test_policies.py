"""Who may see and do what with cases, told with the named cast (see tests/conftest.py).

Reads go through the real selector and actions through the real services; the tables at the
end ask the policies directly, as the desk does to show or hide its menu entries and buttons.
What an actor may not see is not found, never forbidden: a sequential reference must not
reveal that a confidential case exists.
"""

from __future__ import annotations

from datetime import date

import pytest

from kontaktcenter.accounts.actors import Actor, ResidentActor, SystemActor
from kontaktcenter.cases import policies, selectors, services
from kontaktcenter.cases.models import Case, CaseEventKind, Channel
from kontaktcenter.cases.policies import CaseAction
from kontaktcenter.core.errors import NotFound, PermissionDenied, ValidationError
from kontaktcenter.statistics.selectors import period_statistics
from tests.conftest import CAST
from tests.factories import CategoryFactory, UserFactory

# --- confidential cases (S10) -----------------------------------------------------------------


def test_a_district_officer_reads_a_confidential_case_of_the_district(
    confidential_case, district_officer
):
    case = selectors.case_get(actor=district_officer, reference=confidential_case.reference)

    assert case == confidential_case


def test_another_district_does_not_find_a_confidential_case(
    confidential_case, other_district_officer
):
    with pytest.raises(NotFound) as caught:
        selectors.case_get(actor=other_district_officer, reference=confidential_case.reference)

    assert caught.value.code == "case.not_found"


@pytest.mark.parametrize(
    "role_fixture", ["tier1_agent", "tier2_agent", "supervisor", "sysadmin", "traffic_officer"]
)
def test_nobody_outside_the_district_finds_a_confidential_case(
    request, confidential_case, role_fixture
):
    actor = request.getfixturevalue(role_fixture)

    with pytest.raises(NotFound) as caught:
        selectors.case_get(actor=actor, reference=confidential_case.reference)

    assert caught.value.code == "case.not_found"


def test_a_hidden_case_looks_exactly_like_one_that_does_not_exist(
    confidential_case, other_district_officer
):
    """The refusal for a hidden case differs from the one for a free reference only in the
    reference that was asked for."""
    free_reference = "KC-2026-000999"
    with pytest.raises(NotFound) as hidden:
        selectors.case_get(actor=other_district_officer, reference=confidential_case.reference)
    with pytest.raises(NotFound) as missing:
        selectors.case_get(actor=other_district_officer, reference=free_reference)

    assert hidden.value.as_dict() == {
        **missing.value.as_dict(),
        "params": {"reference": confidential_case.reference},
        "message": missing.value.message.replace(free_reference, confidential_case.reference),
    }


def test_agents_do_not_even_find_a_confidential_case_to_add_a_note_to(
    confidential_case, tier2_agent
):
    with pytest.raises(NotFound) as caught:
        services.case_add_note(actor=tier2_agent, case=confidential_case, text="Ringde.")

    assert caught.value.code == "case.not_found"
    assert not confidential_case.events.filter(kind=CaseEventKind.NOTE_ADDED).exists()


# Every service that acts on a case, with arguments it would accept from someone allowed.
CASE_SERVICES = {
    "assign": lambda actor, case: services.case_assign(actor=actor, case=case, assignee=None),
    "change status": lambda actor, case: services.case_change_status(
        actor=actor, case=case, status="in_progress"
    ),
    "close": lambda actor, case: services.case_close(actor=actor, case=case, resolution="Ok."),
    "reopen": lambda actor, case: services.case_reopen(actor=actor, case=case, reason="Igen."),
    "add note": lambda actor, case: services.case_add_note(actor=actor, case=case, text="Hej."),
    "reply": lambda actor, case: services.case_reply(actor=actor, case=case, text="Hej."),
    "recategorise": lambda actor, case: services.case_recategorise(
        actor=actor, case=case, category=case.category
    ),
}


@pytest.mark.parametrize("service", CASE_SERVICES)
def test_every_case_service_says_not_found_for_a_case_the_actor_may_not_see(
    confidential_case, other_district_officer, service
):
    events_before = confidential_case.events.count()

    with pytest.raises(NotFound) as caught:
        CASE_SERVICES[service](other_district_officer, confidential_case)

    assert caught.value.code == "case.not_found"
    assert confidential_case.events.count() == events_before


# --- ordinary cases ---------------------------------------------------------------------------


@pytest.mark.parametrize("role_fixture", ["tier1_agent", "tier2_agent", "supervisor", "sysadmin"])
def test_contact_center_staff_read_any_ordinary_case(request, street_light_case, role_fixture):
    actor = request.getfixturevalue(role_fixture)

    assert selectors.case_get(actor=actor, reference=street_light_case.reference)


def test_a_case_officer_reads_the_organisations_own_cases(street_light_case, traffic_officer):
    assert selectors.case_get(actor=traffic_officer, reference=street_light_case.reference)


def test_a_case_officer_does_not_find_another_organisations_case(
    street_light_case, district_officer
):
    with pytest.raises(NotFound) as caught:
        selectors.case_get(actor=district_officer, reference=street_light_case.reference)

    assert caught.value.code == "case.not_found"


def test_an_analyst_sees_statistics_but_no_case(street_light_case, analyst):
    statistics = period_statistics(
        actor=analyst, first_day=date(2026, 3, 1), last_day=date(2026, 3, 31)
    )

    assert statistics.cases_total == 1
    with pytest.raises(NotFound):
        selectors.case_get(actor=analyst, reference=street_light_case.reference)
    assert not selectors.visible_cases(analyst).exists()
    assert not selectors.case_search(actor=analyst, query=street_light_case.reference).exists()


def test_the_switchboard_registers_calls_but_neither_creates_nor_reads_cases(
    make_case, street_light_case, switchboard_operator
):
    contact = services.contact_start(actor=switchboard_operator, channel=Channel.PHONE)

    assert contact.agent == switchboard_operator
    with pytest.raises(PermissionDenied) as refused:
        make_case(actor=switchboard_operator)
    assert refused.value.code == "case.create_not_allowed"
    with pytest.raises(NotFound):
        selectors.case_get(actor=switchboard_operator, reference=street_light_case.reference)


def test_someone_who_sees_a_case_but_may_not_handle_it_is_refused_not_told_it_is_missing(
    street_light_case, tier1_agent
):
    """Tier 1 reads every ordinary case, so a refusal to close it reveals nothing."""
    with pytest.raises(PermissionDenied) as refused:
        services.case_close(actor=tier1_agent, case=street_light_case, resolution="Klart.")

    assert refused.value.code == "case.handle_not_allowed"


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

    with pytest.raises(NotFound):
        selectors.case_get(actor=unit_officer, reference=case.reference)


def test_a_missing_case_is_not_found(traffic_officer, street_light_case):
    with pytest.raises(NotFound) as caught:
        selectors.case_get(actor=traffic_officer, reference="KC-2026-999999")

    assert caught.value.code == "case.not_found"
    assert caught.value.params == {"reference": "KC-2026-999999"}


def test_a_reference_is_found_whatever_its_letter_case_and_surrounding_spaces(
    street_light_case, traffic_officer
):
    case = selectors.case_get(
        actor=traffic_officer, reference=f"  {street_light_case.reference.lower()} "
    )

    assert case == street_light_case


# --- lists and single reads agree -------------------------------------------------------------


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
    """visible_cases (lists, search) and case_get (opening one) never disagree."""
    actor = request.getfixturevalue(role_fixture)

    listed = set(selectors.visible_cases(actor).values_list("pk", flat=True))

    for case in case_of_each_kind:
        try:
            selectors.case_get(actor=actor, reference=case.reference)
            opens = True
        except NotFound:
            opens = False
        assert (case.pk in listed) == opens, case.subject


@pytest.fixture
def three_cases(make_case, resident_parking, financial_support, jarva) -> dict[str, Case]:
    """A normal case (Trafikkontoret), a tier-2 case (the contact center) and a confidential
    one (Järva), read back as a request would read them."""
    made = {
        "normal": make_case(),
        "tier2": make_case(category=resident_parking, subject="Boendeparkering"),
        "confidential": make_case(
            category=financial_support, subject="Ekonomiskt bistånd", district=jarva
        ),
    }
    fresh = Case.objects.select_related("responsible_organisation").in_bulk(
        [case.pk for case in made.values()]
    )
    return {name: fresh[case.pk] for name, case in made.items()}


# A resident's tracking code opens one case: which of the three cases it opens.
TRACKING_CODE_OF = {
    "resident_following_the_normal_case": "normal",
    "resident_following_the_confidential_case": "confidential",
}


@pytest.mark.parametrize("who", [*CAST, *TRACKING_CODE_OF, "integration", "system"])
def test_may_and_cases_for_give_the_same_answer_for_every_actor_case_and_action(
    request, three_cases, who
):
    """The rule evaluated on one case in memory (may) is the rule the lists filter by
    (cases_for), for staff, residents, integrations and the system alike."""
    actor: Actor
    if who in TRACKING_CODE_OF:
        actor = ResidentActor(case_id=three_cases[TRACKING_CODE_OF[who]].pk)
    elif who == "system":
        actor = SystemActor("import")
    else:
        actor = request.getfixturevalue(who)

    for case in three_cases.values():
        for action in CaseAction:
            in_the_list = Case.objects.filter(
                policies.cases_for(actor, action), pk=case.pk
            ).exists()
            assert policies.may(actor, action, case) == in_the_list, (case.subject, action)


# --- creating cases ---------------------------------------------------------------------------


def test_a_tier1_agent_cannot_create_a_case_of_a_referral_category_and_is_told_why(
    make_case, tier1_agent, facility_booking
):
    with pytest.raises(ValidationError) as refused:
        make_case(actor=tier1_agent, category=facility_booking, subject="Boka hall")

    assert (refused.value.code, refused.value.field) == ("routing.referral_only", "category")
    assert not Case.objects.exists()


def test_a_case_officer_is_told_the_role_cannot_create_cases(make_case, traffic_officer):
    with pytest.raises(PermissionDenied) as refused:
        make_case(actor=traffic_officer)

    assert refused.value.code == "case.create_not_allowed"


# --- questions that are not about one case ----------------------------------------------------

RESIDENT_WRITING_IN = ResidentActor(case_id=None)
RESIDENT_WITH_A_CODE = ResidentActor(case_id=1)
SYSTEM = SystemActor("import")


def _actor(request: pytest.FixtureRequest, who: str) -> Actor:
    """A member of the cast (or the integration) by fixture name, or an actor without one."""
    without_fixture: dict[str, Actor] = {
        "resident_writing_in": RESIDENT_WRITING_IN,
        "resident_with_a_code": RESIDENT_WITH_A_CODE,
        "system": SYSTEM,
    }
    if who in without_fixture:
        return without_fixture[who]
    actor: Actor = request.getfixturevalue(who)
    return actor


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("tier1_agent", True),
        ("tier2_agent", True),
        ("supervisor", True),
        ("switchboard_operator", True),
        ("traffic_officer", False),
        ("traffic_admin", False),
        ("analyst", False),
        ("sysadmin", False),
        ("resident_writing_in", False),
        ("integration", True),
        ("system", True),
    ],
)
def test_who_registers_contacts(request, who, allowed):
    assert policies.may_register_contacts(_actor(request, who)) is allowed


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("tier1_agent", True),
        ("tier2_agent", True),
        ("supervisor", True),
        ("switchboard_operator", False),
        ("traffic_officer", False),
        ("traffic_admin", False),
        ("analyst", False),
        ("sysadmin", False),
        ("resident_writing_in", True),
        ("resident_with_a_code", False),
        ("integration", True),
        ("system", True),
    ],
)
def test_who_creates_cases(request, who, allowed):
    """A resident writes in through the e-service; one who follows a case only reads it."""
    assert policies.may_create_cases(_actor(request, who)) is allowed


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("tier1_agent", True),
        ("tier2_agent", True),
        ("supervisor", True),
        ("traffic_officer", True),
        ("traffic_admin", True),
        ("sysadmin", True),
        ("switchboard_operator", False),
        ("analyst", False),
        ("resident_with_a_code", False),
        ("integration", False),
        ("system", False),
    ],
)
def test_who_searches_cases(request, who, allowed):
    assert policies.may_search_cases(_actor(request, who)) is allowed


@pytest.mark.parametrize(
    ("who", "queue", "allowed"),
    [
        ("traffic_officer", "traffic_office", True),
        ("traffic_officer", "jarva", False),
        ("traffic_admin", "traffic_office", True),
        ("district_officer", "jarva", True),
        ("district_officer", "bromma", False),
        ("sports_officer", "booking_unit", True),
        ("tier2_agent", "jarva", True),
        ("supervisor", "traffic_office", True),
        ("sysadmin", "bromma", True),
        ("tier1_agent", "operator", False),
        ("switchboard_operator", "operator", False),
        ("analyst", "traffic_office", False),
        ("resident_with_a_code", "traffic_office", False),
        ("integration", "traffic_office", False),
        ("system", "jarva", True),
    ],
)
def test_who_opens_which_queue(request, who, queue, allowed):
    organisation = request.getfixturevalue(queue)

    assert policies.may_view_queue(_actor(request, who), organisation.pk) is allowed


@pytest.mark.parametrize(
    ("who", "shown"),
    [
        ("district_officer", True),
        # Administrators manage the organisation; its confidential cases are for case officers.
        ("traffic_admin", False),
        ("tier2_agent", False),
        ("supervisor", False),
        ("sysadmin", False),
        ("system", True),
    ],
)
def test_whose_queue_shows_confidential_cases(request, who, shown):
    """Only the responsible organisation's case officers see confidential cases in a queue."""
    assert policies.queue_shows_confidential(_actor(request, who)) is shown


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("sysadmin", True),
        ("system", True),
        ("supervisor", False),
        ("traffic_admin", False),
        ("district_officer", False),
        ("resident_with_a_code", False),
        ("integration", False),
    ],
)
def test_who_removes_a_residents_personal_data(request, who, allowed):
    assert policies.may_scrub_personal_data(_actor(request, who)) is allowed

"""case_create: a contact-center agent registers a case and it is routed (S4, S7, S10, S14)."""

from __future__ import annotations

import pytest

from kontaktcenter.cases import services
from kontaktcenter.cases.models import Case, CaseEventKind, CaseStatus, Channel
from kontaktcenter.core.errors import PermissionDenied, ValidationError
from kontaktcenter.routing.rules import RouteReason
from tests.factories import CategoryFactory


def test_a_case_is_sent_to_the_organisation_that_owns_its_category(
    make_case, traffic_office, tier1_agent
):
    case = make_case()

    case.refresh_from_db()
    assert case.responsible_organisation == traffic_office
    assert case.status == CaseStatus.NEW
    assert case.assignee is None
    assert case.created_by == tier1_agent
    assert not case.is_confidential
    assert case.routing_reason == RouteReason.CATEGORY_OWNER.value


def test_a_tier2_case_stays_with_the_contact_center(make_case, resident_parking, operator):
    case = make_case(category=resident_parking, subject="Ansöka om boendeparkering")

    assert case.responsible_organisation == operator
    assert case.routing_reason == RouteReason.CONTACT_CENTER.value


def test_a_social_services_case_goes_to_the_residents_district_and_is_confidential(
    make_case, financial_support, jarva
):
    case = make_case(category=financial_support, subject="Ekonomiskt bistånd", district=jarva)

    assert case.responsible_organisation == jarva
    assert case.district == jarva
    assert case.is_confidential
    assert case.routing_reason == RouteReason.RESIDENT_DISTRICT.value


def test_a_social_services_case_without_a_district_asks_for_the_district(
    make_case, financial_support
):
    with pytest.raises(ValidationError) as refused:
        make_case(category=financial_support, subject="Ekonomiskt bistånd")

    assert (refused.value.code, refused.value.field) == ("routing.district_missing", "district")
    assert not Case.objects.exists()


def test_a_district_must_be_a_district_administration(make_case, financial_support, traffic_office):
    with pytest.raises(ValidationError) as refused:
        make_case(category=financial_support, subject="Ekonomiskt bistånd", district=traffic_office)

    assert (refused.value.code, refused.value.field) == ("routing.not_a_district", "district")
    assert not Case.objects.exists()


def test_a_booking_matter_cannot_become_a_case(make_case, facility_booking):
    """Facility bookings stay with the booking unit (S14): register a referral instead."""
    with pytest.raises(ValidationError) as refused:
        make_case(category=facility_booking, subject="Boka sporthall")

    assert (refused.value.code, refused.value.field) == ("routing.referral_only", "category")
    assert not Case.objects.exists()


def test_an_inactive_category_cannot_be_used(make_case, traffic_office):
    retired = CategoryFactory.create(responsible_organisation=traffic_office, is_active=False)

    with pytest.raises(ValidationError) as refused:
        make_case(category=retired)

    assert (refused.value.code, refused.value.field) == ("routing.category_inactive", "category")
    assert not Case.objects.exists()


@pytest.mark.parametrize("subject", ["", "   \n\t"])
def test_a_case_needs_a_subject(make_case, subject):
    with pytest.raises(ValidationError) as refused:
        make_case(subject=subject)

    assert (refused.value.code, refused.value.field) == ("required", "subject")
    assert not Case.objects.exists()


def test_a_subject_longer_than_200_characters_is_refused(make_case):
    with pytest.raises(ValidationError) as refused:
        make_case(subject="x" * 201)

    assert (refused.value.code, refused.value.field) == ("too_long", "subject")
    assert refused.value.params["max"] == 200
    assert not Case.objects.exists()


def test_text_is_stored_without_surrounding_whitespace(make_case):
    case = make_case(subject="  Trasig lampa  ", resident_name="  Anna  ", description="\nMörkt\n")

    case.refresh_from_db()
    assert case.subject == "Trasig lampa"
    assert case.party is not None
    assert case.party.name == "Anna"
    assert case.description == "Mörkt"


def test_an_unknown_channel_is_refused(make_case):
    with pytest.raises(ValidationError) as refused:
        make_case(channel="fax")

    assert (refused.value.code, refused.value.field) == ("channel.unknown", "channel")
    assert not Case.objects.exists()


def test_a_malformed_email_address_is_refused(make_case):
    """A reply could never reach the resident, so the address is checked up front."""
    with pytest.raises(ValidationError) as refused:
        make_case(resident_email="anna.svensson-at-example.se")

    assert (refused.value.code, refused.value.field) == ("invalid_email", "resident_email")
    assert not Case.objects.exists()


def test_every_channel_can_bring_in_a_case(make_case):
    cases = [make_case(channel=channel) for channel in Channel.values]

    assert sorted(case.channel for case in cases) == sorted(Channel.values)


@pytest.mark.parametrize("role_fixture", ["tier1_agent", "tier2_agent", "supervisor"])
def test_contact_center_staff_may_create_cases(request, make_case, role_fixture):
    actor = request.getfixturevalue(role_fixture)

    case = make_case(actor=actor)

    assert case.created_by == actor


@pytest.mark.parametrize(
    "role_fixture",
    ["switchboard_operator", "traffic_officer", "traffic_admin", "analyst", "sysadmin"],
)
def test_other_roles_may_not_create_cases(request, make_case, role_fixture):
    actor = request.getfixturevalue(role_fixture)

    with pytest.raises(PermissionDenied) as refused:
        make_case(actor=actor)

    assert refused.value.code == "case.create_not_allowed"
    assert not Case.objects.exists()


def test_creating_a_case_records_that_it_was_created_and_where_it_was_sent(
    make_case, tier1_agent, traffic_office
):
    case = make_case()

    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds == [CaseEventKind.CREATED, CaseEventKind.ROUTED]
    routed = case.events.get(kind=CaseEventKind.ROUTED)
    assert routed.actor == tier1_agent
    assert routed.data["before"] is None
    assert routed.data["after"] == {"id": traffic_office.pk, "name": "Trafikkontoret"}
    assert routed.data["reason"] == case.routing_reason
    assert routed.data["category"] == {"id": case.category_id, "name": "Gatubelysning"}


def test_an_agent_cannot_turn_another_agents_contact_into_a_case(
    make_case, tier1_agent, tier2_agent
):
    """A contact belongs to the agent who took it; nobody else can turn it into a case."""
    contact = services.contact_start(actor=tier1_agent, channel=Channel.PHONE)

    with pytest.raises(PermissionDenied) as refused:
        make_case(actor=tier2_agent, contact=contact)

    assert refused.value.code == "contact.not_yours"
    assert not Case.objects.exists()

"""Correcting a case's category routes it again by the new category's rule (S6, S7)."""

from __future__ import annotations

import pytest

from kontaktcenter.cases import services
from kontaktcenter.cases.models import CaseEventKind, CaseStatus
from kontaktcenter.core.errors import NotFound, PermissionDenied, ValidationError
from kontaktcenter.routing.rules import RouteReason
from tests.factories import CategoryFactory


def test_a_new_category_of_the_same_organisation_keeps_the_case_where_it_is(
    street_light_case, traffic_officer, traffic_office
):
    potholes = CategoryFactory.create(name="Potthål", responsible_organisation=traffic_office)
    services.case_assign(actor=traffic_officer, case=street_light_case, assignee=traffic_officer)

    case = services.case_recategorise(
        actor=traffic_officer, case=street_light_case, category=potholes
    )

    case.refresh_from_db()
    assert case.category == potholes
    assert case.responsible_organisation == traffic_office
    assert case.assignee == traffic_officer
    assert case.status == CaseStatus.ASSIGNED
    change = case.events.get(kind=CaseEventKind.CATEGORY_CHANGED)
    assert change.data["before"]["name"] == "Gatubelysning"
    assert change.data["after"] == {"id": potholes.pk, "name": "Potthål"}
    assert not case.events.filter(kind=CaseEventKind.ROUTED).exclude(data__before=None).exists()


def test_a_category_of_another_organisation_sends_the_case_there_as_new_and_unassigned(
    street_light_case, traffic_officer, sports_administration
):
    sports_hall = CategoryFactory.create(
        name="Synpunkt på idrottshall", responsible_organisation=sports_administration
    )
    services.case_assign(actor=traffic_officer, case=street_light_case, assignee=traffic_officer)

    case = services.case_recategorise(
        actor=traffic_officer, case=street_light_case, category=sports_hall
    )

    case.refresh_from_db()
    assert case.responsible_organisation == sports_administration
    assert case.assignee is None
    assert case.status == CaseStatus.NEW
    assert case.routing_reason == RouteReason.CATEGORY_OWNER.value
    kinds = list(
        case.events.filter(
            kind__in=[CaseEventKind.CATEGORY_CHANGED, CaseEventKind.ROUTED]
        ).values_list("kind", flat=True)
    )
    assert kinds == [CaseEventKind.ROUTED, CaseEventKind.CATEGORY_CHANGED, CaseEventKind.ROUTED]
    rerouted = case.events.filter(kind=CaseEventKind.ROUTED).last()
    assert rerouted is not None
    assert rerouted.data["before"]["name"] == "Trafikkontoret"
    assert rerouted.data["after"]["name"] == "Idrottsförvaltningen"


def test_after_rerouting_the_old_organisation_no_longer_finds_the_case(
    street_light_case, traffic_officer, sports_administration, sports_officer
):
    sports_hall = CategoryFactory.create(responsible_organisation=sports_administration)
    services.case_recategorise(actor=traffic_officer, case=street_light_case, category=sports_hall)

    with pytest.raises(NotFound) as caught:
        services.case_add_note(actor=traffic_officer, case=street_light_case, text="Hej.")
    assert caught.value.code == "case.not_found"
    services.case_add_note(actor=sports_officer, case=street_light_case, text="Vi tar den.")


def test_a_case_recategorised_as_social_services_becomes_confidential_in_the_district(
    street_light_case, traffic_officer, financial_support, jarva
):
    case = services.case_recategorise(
        actor=traffic_officer, case=street_light_case, category=financial_support, district=jarva
    )

    case.refresh_from_db()
    assert case.is_confidential
    assert case.responsible_organisation == jarva
    assert case.district == jarva


def test_recategorising_to_social_services_without_a_district_changes_nothing(
    street_light_case, traffic_officer, financial_support, street_lighting
):
    before = street_light_case.events.count()

    with pytest.raises(ValidationError) as refused:
        services.case_recategorise(
            actor=traffic_officer, case=street_light_case, category=financial_support
        )

    assert (refused.value.code, refused.value.field) == ("routing.district_missing", "district")
    street_light_case.refresh_from_db()
    assert street_light_case.category == street_lighting
    assert not street_light_case.is_confidential
    assert street_light_case.events.count() == before


def test_a_case_cannot_be_recategorised_as_a_referral(
    street_light_case, traffic_officer, facility_booking
):
    with pytest.raises(ValidationError) as refused:
        services.case_recategorise(
            actor=traffic_officer, case=street_light_case, category=facility_booking
        )

    assert (refused.value.code, refused.value.field) == ("routing.referral_only", "category")


def test_a_confidential_case_stays_confidential_when_recategorised(
    confidential_case, district_officer, jarva
):
    """Secrecy is never lifted by a category change: what was said is still covered by OSL."""
    housing = CategoryFactory.create(name="Bostadsfråga", responsible_organisation=jarva)

    case = services.case_recategorise(
        actor=district_officer, case=confidential_case, category=housing
    )

    case.refresh_from_db()
    assert case.is_confidential


def test_choosing_the_same_category_records_nothing(
    street_light_case, traffic_officer, street_lighting
):
    before = street_light_case.events.count()

    services.case_recategorise(
        actor=traffic_officer, case=street_light_case, category=street_lighting
    )

    assert street_light_case.events.count() == before


def test_a_closed_case_must_be_reopened_before_recategorising(
    street_light_case, traffic_officer, traffic_office
):
    services.case_close(actor=traffic_officer, case=street_light_case, resolution="Klart.")
    potholes = CategoryFactory.create(responsible_organisation=traffic_office)

    with pytest.raises(ValidationError) as refused:
        services.case_recategorise(actor=traffic_officer, case=street_light_case, category=potholes)

    assert refused.value.code == "case.recategorise_closed"


def test_only_someone_who_handles_the_case_may_recategorise_it(
    street_light_case, tier1_agent, traffic_office
):
    potholes = CategoryFactory.create(responsible_organisation=traffic_office)

    with pytest.raises(PermissionDenied) as refused:
        services.case_recategorise(actor=tier1_agent, case=street_light_case, category=potholes)

    assert refused.value.code == "case.handle_not_allowed"

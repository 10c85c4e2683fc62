"""Administrators keep the category tree; each organisation administrator only its own part."""

from __future__ import annotations

import pytest

from kontaktcenter.core.errors import PermissionDenied, ValidationError
from kontaktcenter.routing import services
from kontaktcenter.routing.models import Category, Handling


def test_an_organisation_admin_adds_a_category_for_their_organisation(
    traffic_admin, traffic_office, street_lighting
):
    category = services.category_create(
        actor=traffic_admin,
        name="  Trasig   lyktstolpe ",
        parent=street_lighting,
        responsible_organisation=traffic_office,
    )

    assert category.name == "Trasig lyktstolpe"
    assert category.parent == street_lighting
    assert category.code == "gatubelysning-trasig-lyktstolpe"
    assert category.is_active


def test_an_organisation_admin_cannot_create_categories_for_another_organisation(
    traffic_admin, jarva
):
    with pytest.raises(PermissionDenied) as refused:
        services.category_create(
            actor=traffic_admin, name="Hemtjänst", responsible_organisation=jarva
        )

    assert (refused.value.code, refused.value.field) == (
        "category.other_organisation",
        "responsible_organisation",
    )
    assert refused.value.params == {"organisation": "Trafikkontoret"}
    assert not Category.objects.filter(name="Hemtjänst").exists()


def test_an_organisation_admin_cannot_take_over_another_organisations_category(
    traffic_admin, traffic_office, facility_booking
):
    with pytest.raises(PermissionDenied) as refused:
        services.category_update(
            actor=traffic_admin,
            category=facility_booking,
            name=facility_booking.name,
            responsible_organisation=traffic_office,
            handling=Handling.ORGANISATION,
        )

    assert refused.value.code == "category.other_organisation"


def test_a_system_admin_manages_any_organisations_categories(sysadmin, jarva):
    category = services.category_create(
        actor=sysadmin,
        name="Hemtjänst",
        responsible_organisation=jarva,
        handling=Handling.RESIDENT_DISTRICT,
        is_confidential=True,
    )
    assert category.is_confidential


@pytest.mark.parametrize("role_fixture", ["tier1_agent", "traffic_officer", "analyst"])
def test_other_roles_cannot_change_categories(request, role_fixture, traffic_office):
    with pytest.raises(PermissionDenied) as refused:
        services.category_create(
            actor=request.getfixturevalue(role_fixture),
            name="Ny kategori",
            responsible_organisation=traffic_office,
        )

    assert refused.value.code == "category.not_allowed"


def test_two_siblings_cannot_share_a_name(traffic_admin, traffic_office, street_lighting):
    with pytest.raises(ValidationError) as refused:
        services.category_create(
            actor=traffic_admin, name="gatubelysning", responsible_organisation=traffic_office
        )

    assert (refused.value.code, refused.value.field) == ("category.name_taken", "name")


@pytest.mark.parametrize("name", ["", "  \t "])
def test_a_category_needs_a_name(traffic_admin, traffic_office, name):
    with pytest.raises(ValidationError) as refused:
        services.category_create(
            actor=traffic_admin, name=name, responsible_organisation=traffic_office
        )

    assert (refused.value.code, refused.value.field) == ("required", "name")


def test_a_category_cannot_be_moved_under_its_own_child(
    traffic_admin, traffic_office, street_lighting
):
    child = services.category_create(
        actor=traffic_admin,
        name="Lyktstolpe",
        parent=street_lighting,
        responsible_organisation=traffic_office,
    )

    with pytest.raises(ValidationError) as refused:
        services.category_update(
            actor=traffic_admin,
            category=street_lighting,
            name=street_lighting.name,
            parent=child,
            responsible_organisation=traffic_office,
            handling=street_lighting.handling,
        )

    assert (refused.value.code, refused.value.field) == ("category.under_itself", "parent")


def test_confidential_matters_must_go_to_the_residents_district(sysadmin, traffic_office):
    with pytest.raises(ValidationError) as refused:
        services.category_create(
            actor=sysadmin,
            name="Orosanmälan",
            responsible_organisation=traffic_office,
            handling=Handling.ORGANISATION,
            is_confidential=True,
        )

    assert (refused.value.code, refused.value.field) == (
        "category.confidential_not_district",
        "handling",
    )


def test_a_parent_with_active_subcategories_stays_in_use(
    traffic_admin, traffic_office, street_lighting
):
    services.category_create(
        actor=traffic_admin,
        name="Lyktstolpe",
        parent=street_lighting,
        responsible_organisation=traffic_office,
    )

    with pytest.raises(ValidationError) as refused:
        services.category_update(
            actor=traffic_admin,
            category=street_lighting,
            name=street_lighting.name,
            responsible_organisation=traffic_office,
            handling=street_lighting.handling,
            is_active=False,
        )

    assert (refused.value.code, refused.value.field) == ("category.children_active", "is_active")
    street_lighting.refresh_from_db()
    assert street_lighting.is_active


def test_new_cases_follow_a_changed_owner_while_old_ones_stay(
    sysadmin, make_case, street_lighting, traffic_office, sports_administration
):
    before = make_case()

    services.category_update(
        actor=sysadmin,
        category=street_lighting,
        name=street_lighting.name,
        responsible_organisation=sports_administration,
        handling=Handling.ORGANISATION,
    )
    street_lighting.refresh_from_db()
    after = make_case(category=street_lighting)

    before.refresh_from_db()
    assert before.responsible_organisation == traffic_office
    assert after.responsible_organisation == sports_administration
